#pragma once

#include "adminclientoptions.h"
#include "client/wsconnection.h"
#include "protocol/adminmessages.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>
#include <functional>
#include <variant>

namespace seneschal::admin {

// What answered a request: a query's result, an action's done, or an error
// (the server's, or `unavailable` when the connection was lost before the
// answer: an action may then have happened, so a console shows it and
// refreshes rather than sending it again).
using Reply =
    std::variant<protocol::admin::Result, protocol::admin::Done, protocol::admin::AdminError>;
using ReplyCallback = std::function<void(const Reply &)>;

struct HistoryFilter
{
    QString oid;  // empty: any
    QString cuid; // empty: any
    std::optional<qint64> fromMs;
    std::optional<qint64> toMs;
};

struct ObjectsFilter
{
    QString owner;  // empty: any
    QString kind;   // empty: any
    QString prefix; // of the oid; empty: any
};

// A page-by-page query for PagedResultModel: asks for the page after `after`
// (empty: the first) and answers through `reply`.
using PageRequest = std::function<void(const QString &after, ReplyCallback reply)>;

// The console's end of the admin interface (PROTOCOL.md section 10): one
// session on /v1/admin that logs in, keeps the live views it subscribed to
// across reconnects (with backoff, and not after a close that says the
// credentials or the role are wrong), and matches each reply to its request
// by req. Live rows leave as snapshot and event signals for the models.
class AdminClient : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Offline,      // not started, stopped, or refused (see stopped())
        Connecting,   // the first connection: handshakes and hello
        Live,         // welcomed: requests go out at once
        Reconnecting, // lost; waiting for the next try or trying
    };
    Q_ENUM(State)

    explicit AdminClient(const AdminClientOptions &options, QObject *parent = nullptr);
    ~AdminClient() override;

    const AdminClientOptions &options() const noexcept { return m_options; }
    // Takes effect with the next hello; forgets the token of the last welcome.
    void setAuth(const client::ClientAuth &auth);

    // ---- the session
    void connectToServer();
    // Closes and stays offline; requests not yet answered fail.
    void disconnectFromServer();
    State state() const noexcept { return m_state; }
    bool isLive() const noexcept { return m_state == State::Live; }

    // From the last welcome.
    protocol::Welcome welcome() const { return m_welcome; }
    QString token() const { return m_welcome.token; }
    qint64 tokenExpires() const noexcept { return m_welcome.tokenExpires; }
    // Of the last connection that ended (1006: without a close frame).
    int closeCode() const noexcept { return m_connection.closeCode(); }
    QString closeReason() const { return m_connection.closeReason(); }
    // The delay before the next reconnect, while Reconnecting.
    int reconnectDelayMs() const noexcept { return m_reconnectDelayMs; }

    // ---- live views: remembered, and sent again after every reconnect and
    // resync; each answers with a snapshot per topic, then events.
    void subscribe(const QList<protocol::admin::Topic> &topics);
    void unsubscribe(const QList<protocol::admin::Topic> &topics);
    QList<protocol::admin::Topic> subscriptions() const { return m_topics; }

    // ---- requests: each returns the req it was given; its reply reaches the
    // callback once. Made while not live, they wait for the next welcome.
    QString send(const protocol::admin::RequestBody &body, ReplyCallback callback = {});

    QString queue(const QString &cuid, const protocol::admin::Page &page, ReplyCallback callback);
    QString history(const HistoryFilter &filter, const protocol::admin::Page &page,
                    ReplyCallback callback);
    QString object(const QString &oid, ReplyCallback callback);
    QString objects(const ObjectsFilter &filter, const protocol::admin::Page &page,
                    ReplyCallback callback);
    QString users(ReplyCallback callback);
    QString groups(ReplyCallback callback);
    QString disconnectDevice(const QString &cuid, ReplyCallback callback = {});
    QString expireDevice(const QString &cuid, ReplyCallback callback = {});
    QString share(const protocol::Share &share, ReplyCallback callback = {});
    QString userAction(const protocol::admin::UserAction &action, ReplyCallback callback = {});
    QString groupAction(const protocol::admin::GroupAction &action, ReplyCallback callback = {});

    // The paged queries as PagedResultModel asks for them.
    PageRequest queuePages(const QString &cuid, int limit = protocol::admin::kDefaultPageLimit);
    PageRequest historyPages(const HistoryFilter &filter,
                             int limit = protocol::admin::kDefaultPageLimit);
    PageRequest objectsPages(const ObjectsFilter &filter,
                             int limit = protocol::admin::kDefaultPageLimit);

    // Requests sent or waiting, not yet answered.
    int pendingRequests() const { return int(m_callbacks.size()); }

    void ping();

Q_SIGNALS:
    void stateChanged(seneschal::admin::AdminClient::State state);
    void welcomed(const seneschal::protocol::Welcome &welcome);
    void snapshotReceived(seneschal::protocol::admin::Topic topic, const QJsonArray &rows);
    void eventReceived(seneschal::protocol::admin::Topic topic,
                       seneschal::protocol::admin::EventOp op, const QJsonObject &row);
    void resyncReceived(const QList<seneschal::protocol::admin::Topic> &topics);
    // An error that answers no pending request: a refused hello, a bad
    // subscribe, an error without req.
    void errorReceived(const seneschal::protocol::admin::AdminError &error);
    void pong(qint64 serverTime);
    void disconnected(int closeCode, const QString &reason);
    // It gave up: the server refused the credentials (4401), the role
    // (4403), or another console took the cuid (4409).
    void stopped(int closeCode, const QString &reason);
    void sslErrors(const QList<QSslError> &errors);
    void socketError(QAbstractSocket::SocketError error, const QString &message);

private:
    struct Outgoing
    {
        QString req;
        QByteArray json;
    };

    void setState(State state);
    void open();
    void onConnected();
    void onText(const QString &text);
    void onDisconnected(int closeCode, const QString &reason);
    void scheduleReconnect();
    void sendHello();
    void handleWelcome(const protocol::Welcome &welcome);
    void handleError(const protocol::admin::AdminError &error);
    void answer(const QString &req, const Reply &reply);
    void failAll(const QString &message);
    void sendSubscribe(const QList<protocol::admin::Topic> &topics);
    QString nextReq();
    bool tokenUsable() const;

    AdminClientOptions m_options;
    client::WsConnection m_connection;
    State m_state = State::Offline;
    bool m_wanted = false; // connectToServer() was called and not undone
    bool m_helloUsedToken = false;

    protocol::Welcome m_welcome;
    QList<protocol::admin::Topic> m_topics;

    quint64 m_lastReq = 0;
    QHash<QString, ReplyCallback> m_callbacks; // by req, sent or waiting
    QList<Outgoing> m_waiting;                 // made while not live
    QList<QString> m_sent;                     // reqs sent on the current connection

    QTimer m_reconnectTimer;
    QTimer m_pingTimer;
    QTimer m_pongTimer;
    int m_attempt = 0;
    int m_reconnectDelayMs = 0;
};

} // namespace seneschal::admin
