#pragma once

#include "auth/loginservice.h"
#include "protocol/adminmessages.h"
#include "session/adminpeer.h"
#include "session/sessionsettings.h"
#include "sync/commands.h"

#include <QObject>
#include <QSet>
#include <QTimer>
#include <functional>

class QTcpSocket;
class QWebSocket;

namespace seneschal::transport {
class Connection;
}

namespace seneschal::admin {

// How an admin session treats a console that reads slowly.
struct AdminSessionSettings
{
    // Past this many bytes queued for the console, live events are dropped
    // and it gets `resync` for their topics (it subscribes again when it has
    // caught up); past session::SessionSettings::maxPendingWriteBytes it is
    // closed like any peer that stops reading.
    qint64 resyncAfterBytes = 8 * 1024 * 1024;
};

// One connection on /v1/admin (PROTOCOL.md section 10): hello and login as
// on /v1, admins only (others: forbidden, 4403), then requests forwarded to
// the admin desk on the sync thread and its answers and events written back.
// It never makes the server wait: events a console cannot take are dropped
// for a resync.
class AdminSession : public QObject, public session::AdminPeer
{
    Q_OBJECT
public:
    using Post = std::function<void(sync::Command)>;
    using Clock = std::function<qint64()>;

    AdminSession(sync::SessionId id, QWebSocket *socket, QTcpSocket *wire,
                 const session::SessionSettings &settings, AdminSessionSettings adminSettings,
                 auth::LoginService &login, Post post, Clock clock, QObject *parent = nullptr);
    ~AdminSession() override;

    sync::SessionId id() const { return m_id; }
    QString uuid() const { return m_viewer.uuid; }

    // A reply from the desk.
    void sendFrame(const QByteArray &frame) override;
    // A live event of `topic`.
    void sendEvent(int topic, const QByteArray &frame) override;
    void closeWithError(protocol::ErrorCode code, const QString &message) override;
    void closeWith(int closeCode, const QString &reason) override;

Q_SIGNALS:
    void finished(seneschal::admin::AdminSession *session);

private:
    enum class State { AwaitingHello, Authenticating, Ready, Closed };

    void onText(const QString &text);
    void onLogin(const auth::LoginResult &result, const QString &cuid);
    void badMessage(const protocol::admin::AdminParseError &error);
    void onDisconnected();

    sync::SessionId m_id;
    transport::Connection *m_connection;
    session::SessionSettings m_settings;
    AdminSessionSettings m_adminSettings;
    auth::LoginService &m_login;
    Post m_post;
    Clock m_clock;
    State m_state = State::AwaitingHello;
    QTimer m_helloTimer;
    int m_badInARow = 0;
    sync::Viewer m_viewer;
    QSet<int> m_resyncing; // topics whose events are dropped until subscribed again
};

} // namespace seneschal::admin
