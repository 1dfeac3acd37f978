#pragma once

#include <QString>
#include <QUrl>
#include <variant>

namespace seneschal::admincli {

// Where the admin interface of a server is, from what the operator gave
// (--server, else SENESCHAL_ADMIN_URL, else the local server): the scheme,
// host and port they name, on the path /v1/admin unless they gave another.
class ServerAddress
{
public:
    static constexpr int kDefaultPort = 7443;
    static QString defaultUrl();

    // The admin URL, or what is wrong with the text.
    static std::variant<QUrl, QString> resolve(const QString &option, const QString &environment);

    // This console's cuid: one per run, so that two runs at once (a watch
    // and a command beside it) do not replace each other's session (4409).
    static QString consoleCuid();
};

} // namespace seneschal::admincli
