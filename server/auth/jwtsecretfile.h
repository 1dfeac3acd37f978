#pragma once

#include <QByteArray>
#include <QString>

namespace seneschal::auth {

// The HMAC key of the server's own tokens, kept in a file in the data
// directory: created on first start (random, mode 0600), loaded afterwards.
// Every server sharing the file accepts the others' tokens; deleting it
// invalidates every token issued so far.
class JwtSecretFile
{
public:
    static constexpr int kSecretBytes = 64;
    static constexpr int kMinSecretBytes = 32;

    explicit JwtSecretFile(QString path);

    QString path() const { return m_path; }

    // Loads the secret, creating the file first if it does not exist. Refuses
    // a file that group or others may read, or that is too short. On failure
    // returns an empty array and sets `error` (the message names the file).
    QByteArray loadOrCreate(QString *error) const;

private:
    QString m_path;
};

} // namespace seneschal::auth
