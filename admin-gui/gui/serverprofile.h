#pragma once

#include <QList>
#include <QString>
#include <QUrl>

class QSettings;

namespace seneschal::admingui {

// How the console decides that it talks to the right server.
enum class TrustMode {
    SystemCas, // the system's certificate authorities
    CaFile,    // the CAs (or the self-signed certificate) in a PEM file
    Pinned,    // the certificate's SHA-256 fingerprint, pinned on first use
};

// A server as the operator connects to it, without secrets: what the connect
// dialog fills in and the recent-servers list keeps.
struct ServerProfile
{
    static constexpr int kDefaultPort = 7443;

    QUrl url; // wss://host:port/v1/admin
    QString user;
    TrustMode trust = TrustMode::SystemCas;
    QString caFile;
    bool rememberToken = false;
    bool rememberPassword = false;

    // "host:port", the key of pins and remembered secrets.
    QString hostPort() const;
    // "user@host:port".
    QString key() const;

    // What the operator typed ("host", "host:port", "wss://host:port/...")
    // as the admin URL; an invalid QUrl and `error` set when it cannot be one.
    static QUrl adminUrl(const QString &text, QString *error = nullptr);
};

// The servers connected to, most recent first, in QSettings (never a
// password or token).
class RecentServers
{
public:
    static constexpr int kMaximum = 10;

    explicit RecentServers(QSettings *settings = nullptr);

    QList<ServerProfile> load() const;
    void remember(const ServerProfile &profile);
    void forget(const QString &key);

private:
    void save(const QList<ServerProfile> &profiles);

    QSettings *m_settings;
};

} // namespace seneschal::admingui
