#pragma once

#include "auth/loginservice.h"
#include "protocol/messages.h"
#include "sessionsettings.h"
#include "sync/commands.h"
#include "sync/viewer.h"

#include <QObject>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <functional>

namespace seneschal::transport {
class Connection;
}

namespace seneschal::session {

class Hub;
class MessageBudget;

// One client connection and the state machine of PROTOCOL.md section 3:
// hello, welcome, upload, catch-up, live. It parses frames, answers what it
// can alone (errors, pong) and hands everything else to the sync service.
class Session : public QObject
{
    Q_OBJECT
public:
    enum class State { AwaitingHello, Authenticating, Uploading, CatchingUp, Live, Closed };
    Q_ENUM(State)

    // Queues a command for the sync thread; false (not queued) when more
    // than `maxQueued` (> 0) of this session's commands wait already.
    using Post = std::function<bool(sync::Command, qsizetype maxQueued)>;
    using Clock = std::function<qint64()>;

    // `wire` is the TCP (or TLS) socket under `socket` (see
    // transport::Connection). `connectedAtMs` is when the connection came.
    Session(sync::SessionId id, QWebSocket *socket, QTcpSocket *wire,
            const SessionSettings &settings, auth::LoginService &login, Hub &hub,
            MessageBudget &budget, Post post, Clock clock, QObject *parent = nullptr);
    ~Session() override;

    sync::SessionId id() const { return m_id; }
    State state() const { return m_state; }
    QString cuid() const { return m_cuid; }
    const sync::Viewer &viewer() const { return m_viewer; }
    // The user's groups changed while connected (the sync service decided
    // it, in order with the broadcasts it sends).
    void setViewer(const sync::Viewer &viewer) { m_viewer = viewer; }
    // Those of the viewer's groups that came from LDAP or a token's claims
    // (auth::Identity::providerGroups), as last given to the sync service:
    // at login, then by the server's LDAP group refresh.
    const QStringList &providerGroups() const { return m_providerGroups; }
    void setProviderGroups(const QStringList &groups) { m_providerGroups = groups; }
    bool isLive() const { return m_state == State::Live; }
    QString peer() const;
    QString address() const;

    // A message from the sync service, encoded as JSON.
    void sendFrame(const QByteArray &frame);
    // The same with `wireFrame`, transport::encodeTextFrame(frame) made once
    // for every recipient of a broadcast.
    void sendEncoded(const QByteArray &frame, const QByteArray &wireFrame);
    void goLive();
    // Sends an `error` with `code` and closes with the matching close code.
    void closeWithError(protocol::ErrorCode code, const QString &message);
    // Closes without a message (server shutdown uses closeWithError).
    void closeWith(int closeCode, const QString &reason);

Q_SIGNALS:
    void finished(seneschal::session::Session *session);

private:
    void onText(const QString &text);
    void onBinary(const QByteArray &data);
    void onDisconnected();
    void handle(protocol::ClientMessage &&message, const QByteArray &raw);
    void handleHello(const protocol::Hello &hello);
    void onLogin(const auth::LoginResult &result, const protocol::Hello &hello);
    void badMessage(const protocol::ParseError &error);
    void protocolError(const QString &message);
    // A command for a message of the peer, within its queue budget: past
    // it the session is closed with rate_limited (4429).
    void postFromPeer(sync::Command command);
    // A command the sync thread must see whatever the budget (attach,
    // detach).
    void postAlways(sync::Command command);
    // A live message within the user's budget (MessageBudget); past it the
    // session is closed with rate_limited (4429) and a retry hint.
    bool withinBudget();

    sync::SessionId m_id;
    transport::Connection *m_connection;
    SessionSettings m_settings;
    auth::LoginService &m_login;
    Hub &m_hub;
    MessageBudget &m_budget;
    Post m_post;
    Clock m_clock;
    qint64 m_connectedAtMs;
    State m_state = State::AwaitingHello;
    QTimer m_helloTimer;
    int m_badInARow = 0;
    bool m_attached = false;
    QString m_cuid;
    sync::Viewer m_viewer;
    QStringList m_providerGroups;
};

} // namespace seneschal::session
