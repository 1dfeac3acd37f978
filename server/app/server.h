#pragma once

#include "config.h"

#include <QHostAddress>
#include <QObject>
#include <QThread>
#include <QTimer>
#include <memory>

class QTcpSocket;
class QWebSocket;

namespace seneschal::auth {
class AuthService;
struct GroupRefresh;
} // namespace seneschal::auth
namespace seneschal::sync {
class SyncWorker;
}
namespace seneschal::session {
class ConnectionQuota;
class Hub;
class MessageBudget;
} // namespace seneschal::session
namespace seneschal::transport {
class WebSocketListener;
}

namespace seneschal::app {

// Wires the running server together: TLS credentials, the auth service, the
// sync worker thread, the hub and the listener; and takes it apart again in
// the order that loses nothing.
class Server : public QObject
{
    Q_OBJECT
public:
    explicit Server(Config config, QObject *parent = nullptr);
    ~Server() override;

    bool start(QString *error);
    // Reads the TLS certificate and key again (SIGHUP, `systemctl reload`):
    // connections accepted from now on get the new pair, open ones keep the
    // old. On failure the old pair stays in use and `error` says why.
    bool reloadCertificate(QString *error);
    // Stops accepting, finishes commits in flight, delivers their acks,
    // closes every session with 4503.
    void shutdown();
    quint16 port() const;

private:
    void onConnected(QWebSocket *socket, QTcpSocket *wire);
    void acceptAdmin(QWebSocket *socket, QTcpSocket *wire);
    // Counts the connection against limits/maxConnections and
    // maxConnectionsPerAddress; refuses it (4503 or 4429, with a hint when
    // to try again) when over, and then returns false.
    bool admit(QWebSocket *socket);
    void release(const QHostAddress &address);
    // Every ldap/groupRefreshSeconds: the auth thread reads the LDAP groups
    // of the users with a device connected, and the sync service gets those
    // that differ from what the devices have (copies and revokes, live).
    void refreshLdapGroups();
    void applyLdapGroups(const auth::GroupRefresh &refresh);

    Config m_config;
    std::unique_ptr<auth::AuthService> m_auth;
    QThread m_syncThread;
    sync::SyncWorker *m_worker = nullptr; // lives on m_syncThread
    session::Hub *m_hub = nullptr;
    std::unique_ptr<session::ConnectionQuota> m_quota;
    std::unique_ptr<session::MessageBudget> m_budget;
    transport::WebSocketListener *m_listener = nullptr;
    QTimer m_ldapRefresh;
    bool m_ldapRefreshing = false;
    quint64 m_nextSessionId = 1;
    qint64 m_startedAtMs = 0;
    bool m_stopped = false;
};

} // namespace seneschal::app
