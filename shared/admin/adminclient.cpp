#include "adminclient.h"

#include "adminlogging.h"
#include "protocol/admincodec.h"
#include "protocol/codec.h"

#include <QDateTime>
#include <QPointer>
#include <QRandomGenerator>
#include <utility>

namespace seneschal::admin {

using protocol::ErrorCode;
using namespace protocol::admin;

namespace {

// Closes after which trying again cannot help: the credentials (4401) or
// the role (4403) were refused, or a newer console took this cuid (4409;
// reconnecting would take it back, and the two would fight forever).
bool isFinalClose(int closeCode)
{
    return closeCode == protocol::CloseCode::AuthFailed ||
           closeCode == protocol::admin::CloseCode::Forbidden ||
           closeCode == protocol::CloseCode::Replaced;
}

bool hasCredentials(const client::ClientAuth &auth)
{
    if (auth.method == protocol::AuthMethod::Jwt)
        return !auth.token.isEmpty();
    return !auth.username.isEmpty();
}

} // namespace

AdminClient::AdminClient(const AdminClientOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_connection(this)
{
    connect(&m_connection, &client::WsConnection::connected, this, &AdminClient::onConnected);
    connect(&m_connection, &client::WsConnection::textReceived, this, &AdminClient::onText);
    connect(&m_connection, &client::WsConnection::disconnected, this, &AdminClient::onDisconnected);
    connect(&m_connection, &client::WsConnection::binaryReceived, this, [](const QByteArray &data) {
        qCWarning(lcAdminClient) << "ignoring a binary frame of" << data.size()
                                 << "bytes from the server";
    });
    connect(&m_connection, &client::WsConnection::sslErrors, this, &AdminClient::sslErrors);
    connect(&m_connection, &client::WsConnection::socketError, this, &AdminClient::socketError);

    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, [this] {
        if (m_wanted && !m_connection.isActive())
            open();
    });
    connect(&m_pingTimer, &QTimer::timeout, this, &AdminClient::ping);
    m_pongTimer.setSingleShot(true);
    connect(&m_pongTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcAdminClient) << "no answer to a ping within" << m_options.pongTimeoutMs
                                 << "ms; connecting again";
        m_connection.abort();
    });
}

AdminClient::~AdminClient()
{
    // Nobody is left to hear how the connection or the requests ended.
    m_connection.disconnect(this);
}

void AdminClient::setAuth(const client::ClientAuth &auth)
{
    m_options.auth = auth;
    m_welcome.token.clear();
}

// ---- the session

void AdminClient::connectToServer()
{
    m_wanted = true;
    if (m_connection.isActive() || m_reconnectTimer.isActive())
        return;
    m_attempt = 0;
    setState(State::Connecting);
    open();
}

void AdminClient::disconnectFromServer()
{
    m_wanted = false;
    m_reconnectTimer.stop();
    if (m_connection.isActive()) {
        m_connection.close(protocol::CloseCode::Normal); // onDisconnected() finishes
        return;
    }
    failAll(QStringLiteral("the console disconnected"));
    setState(State::Offline);
}

void AdminClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void AdminClient::open()
{
    qCDebug(lcAdminClient) << "connecting to" << m_options.url.toDisplayString() << "as"
                           << m_options.cuid;
    m_connection.open(m_options.url,
                      client::TlsOptions{m_options.caCertificates, m_options.caFile});
}

void AdminClient::onConnected()
{
    sendHello();
}

bool AdminClient::tokenUsable() const
{
    if (m_welcome.token.isEmpty())
        return false;
    return m_welcome.tokenExpires == 0 ||
           QDateTime::currentMSecsSinceEpoch() < m_welcome.tokenExpires - m_options.tokenMarginMs;
}

void AdminClient::sendHello()
{
    protocol::Hello hello;
    hello.cuid = m_options.cuid;
    hello.since = 0; // ignored on /v1/admin
    m_helloUsedToken = tokenUsable();
    if (m_helloUsedToken) {
        hello.method = protocol::AuthMethod::Jwt;
        hello.token = m_welcome.token;
    } else {
        hello.method = m_options.auth.method;
        hello.username = m_options.auth.username;
        hello.password = m_options.auth.password;
        hello.token = m_options.auth.token;
    }
    m_connection.sendText(protocol::encodeHello(hello));
}

void AdminClient::onText(const QString &text)
{
    // Anything from the server shows the connection works, also when the
    // pong waits behind a burst of events.
    m_pongTimer.stop();

    auto parsed = parseAdminServerMessage(text.toUtf8());
    if (const auto *problem = std::get_if<QString>(&parsed)) {
        qCWarning(lcAdminClient).noquote() << "ignoring a server message:" << *problem;
        return;
    }
    std::visit(
        [this](auto &message) {
            using T = std::decay_t<decltype(message)>;
            if constexpr (std::is_same_v<T, Event>) {
                Q_EMIT eventReceived(message.topic, message.op, message.row);
            } else if constexpr (std::is_same_v<T, Result> || std::is_same_v<T, Done>) {
                const QString req = message.req; // before the move empties it
                answer(req, Reply{std::move(message)});
            } else if constexpr (std::is_same_v<T, Snapshot>) {
                Q_EMIT snapshotReceived(message.topic, message.rows);
            } else if constexpr (std::is_same_v<T, AdminError>) {
                handleError(message);
            } else if constexpr (std::is_same_v<T, Resync>) {
                // Its pending events were dropped: a fresh snapshot of what
                // is still wanted replaces them.
                QList<Topic> again;
                for (const Topic topic : std::as_const(message.topics)) {
                    if (m_topics.contains(topic))
                        again.append(topic);
                }
                if (!again.isEmpty())
                    sendSubscribe(again);
                Q_EMIT resyncReceived(message.topics);
            } else if constexpr (std::is_same_v<T, protocol::Welcome>) {
                handleWelcome(message);
            } else if constexpr (std::is_same_v<T, Pong>) {
                Q_EMIT pong(message.serverTime);
            }
        },
        std::get<AdminServerMessage>(parsed));
}

void AdminClient::handleWelcome(const protocol::Welcome &welcome)
{
    m_welcome = welcome;
    m_attempt = 0;
    m_reconnectDelayMs = 0;
    setState(State::Live);
    if (!m_topics.isEmpty())
        sendSubscribe(m_topics);
    for (const Outgoing &outgoing : std::exchange(m_waiting, {})) {
        m_connection.sendText(outgoing.json);
        m_sent.append(outgoing.req);
    }
    if (m_options.pingIntervalMs > 0)
        m_pingTimer.start(m_options.pingIntervalMs);
    Q_EMIT welcomed(welcome);
}

void AdminClient::handleError(const AdminError &error)
{
    if (!error.req.isEmpty() && m_callbacks.contains(error.req)) {
        answer(error.req, Reply{error});
        return;
    }
    qCDebug(lcAdminClient) << "error" << protocol::errorCodeName(error.code) << error.message
                           << "req" << error.req;
    Q_EMIT errorReceived(error);
}

void AdminClient::answer(const QString &req, const Reply &reply)
{
    const auto found = m_callbacks.constFind(req);
    if (found == m_callbacks.cend()) {
        qCDebug(lcAdminClient) << "a reply to no pending request, req" << req;
        return;
    }
    const ReplyCallback callback = *found;
    m_callbacks.erase(found);
    m_sent.removeOne(req);
    if (callback) {
        callback(reply);
    } else if (const auto *error = std::get_if<AdminError>(&reply)) {
        Q_EMIT errorReceived(*error); // nobody asked to hear it, but it failed
    }
}

void AdminClient::onDisconnected(int closeCode, const QString &reason)
{
    m_pingTimer.stop();
    m_pongTimer.stop();
    qCDebug(lcAdminClient) << "disconnected" << closeCode << reason;

    // What was sent is lost with the connection: nobody knows whether it
    // happened. What waits for a welcome waits on.
    const QString lost =
        QStringLiteral("the connection was lost before the answer (%1)").arg(closeCode);
    for (const QString &req : std::exchange(m_sent, {})) {
        const ReplyCallback callback = m_callbacks.take(req);
        if (callback)
            callback(Reply{AdminError{req, ErrorCode::Unavailable, lost}});
    }
    Q_EMIT disconnected(closeCode, reason);

    if (!m_wanted) {
        failAll(QStringLiteral("the console disconnected"));
        setState(State::Offline);
        return;
    }
    // A token given by an earlier welcome may have expired or been revoked:
    // the credentials it replaced get one immediate try.
    if (closeCode == protocol::CloseCode::AuthFailed && m_helloUsedToken &&
        hasCredentials(m_options.auth)) {
        qCInfo(lcAdminClient) << "the session token was refused; logging in again";
        m_welcome.token.clear();
        setState(m_state == State::Connecting ? State::Connecting : State::Reconnecting);
        open();
        return;
    }
    if (isFinalClose(closeCode)) {
        qCWarning(lcAdminClient) << "the server refused the session:" << closeCode << reason;
        m_wanted = false;
        failAll(QStringLiteral("the server refused the session (%1)").arg(closeCode));
        setState(State::Offline);
        Q_EMIT stopped(closeCode, reason);
        return;
    }
    scheduleReconnect();
}

void AdminClient::scheduleReconnect()
{
    const ReconnectPolicy &policy = m_options.reconnect;
    double delay = policy.initialDelayMs;
    for (int i = 0; i < m_attempt && delay < policy.maxDelayMs; ++i)
        delay *= 2;
    delay = qMin(delay, double(policy.maxDelayMs));
    delay *= 1.0 + policy.jitter * (2.0 * QRandomGenerator::global()->generateDouble() - 1.0);
    ++m_attempt;
    m_reconnectDelayMs = qMax(0, int(delay));
    qCDebug(lcAdminClient) << "connecting again in" << m_reconnectDelayMs << "ms, attempt"
                           << m_attempt;
    setState(State::Reconnecting);
    m_reconnectTimer.start(m_reconnectDelayMs);
}

void AdminClient::failAll(const QString &message)
{
    m_waiting.clear();
    m_sent.clear();
    const auto callbacks = std::exchange(m_callbacks, {});
    for (auto it = callbacks.cbegin(); it != callbacks.cend(); ++it) {
        if (*it)
            (*it)(Reply{AdminError{it.key(), ErrorCode::Unavailable, message}});
    }
}

void AdminClient::ping()
{
    if (m_state != State::Live)
        return;
    m_connection.sendText(protocol::encodePing());
    if (m_options.pongTimeoutMs > 0 && !m_pongTimer.isActive())
        m_pongTimer.start(m_options.pongTimeoutMs);
}

// ---- live views

void AdminClient::subscribe(const QList<Topic> &topics)
{
    QList<Topic> added;
    for (const Topic topic : topics) {
        if (!m_topics.contains(topic) && !added.contains(topic))
            added.append(topic);
    }
    if (added.isEmpty())
        return;
    m_topics += added;
    if (m_state == State::Live)
        sendSubscribe(added);
}

void AdminClient::unsubscribe(const QList<Topic> &topics)
{
    QList<Topic> removed;
    for (const Topic topic : topics) {
        if (m_topics.removeAll(topic) > 0)
            removed.append(topic);
    }
    if (removed.isEmpty() || m_state != State::Live)
        return;
    m_connection.sendText(encodeRequest(Request{nextReq(), Unsubscribe{removed}}));
}

void AdminClient::sendSubscribe(const QList<Topic> &topics)
{
    // Its snapshots arrive as signals; an error for it as errorReceived().
    m_connection.sendText(encodeRequest(Request{nextReq(), Subscribe{topics}}));
}

QString AdminClient::nextReq()
{
    return QString::number(++m_lastReq);
}

// ---- requests

QString AdminClient::send(const RequestBody &body, ReplyCallback callback)
{
    const QString req = nextReq();
    QByteArray json = encodeRequest(Request{req, body});
    // Kept also without a callback, so that an error for it is reported.
    m_callbacks.insert(req, std::move(callback));
    if (m_state == State::Live && m_connection.sendText(json))
        m_sent.append(req);
    else
        m_waiting.append(Outgoing{req, std::move(json)});
    return req;
}

QString AdminClient::queue(const QString &cuid, const Page &page, ReplyCallback callback)
{
    return send(QueueQuery{cuid, page}, std::move(callback));
}

QString AdminClient::history(const HistoryFilter &filter, const Page &page, ReplyCallback callback)
{
    return send(HistoryQuery{filter.oid, filter.cuid, filter.fromMs, filter.toMs, page},
                std::move(callback));
}

QString AdminClient::object(const QString &oid, ReplyCallback callback)
{
    return send(ObjectQuery{oid}, std::move(callback));
}

QString AdminClient::objects(const ObjectsFilter &filter, const Page &page, ReplyCallback callback)
{
    return send(ObjectsQuery{filter.owner, filter.kind, filter.prefix, page}, std::move(callback));
}

QString AdminClient::users(ReplyCallback callback)
{
    return send(UsersQuery{}, std::move(callback));
}

QString AdminClient::groups(ReplyCallback callback)
{
    return send(GroupsQuery{}, std::move(callback));
}

QString AdminClient::disconnectDevice(const QString &cuid, ReplyCallback callback)
{
    return send(Disconnect{cuid}, std::move(callback));
}

QString AdminClient::expireDevice(const QString &cuid, ReplyCallback callback)
{
    return send(Expire{cuid}, std::move(callback));
}

QString AdminClient::share(const protocol::Share &share, ReplyCallback callback)
{
    return send(AdminShare{share}, std::move(callback));
}

QString AdminClient::userAction(const UserAction &action, ReplyCallback callback)
{
    return send(action, std::move(callback));
}

QString AdminClient::groupAction(const GroupAction &action, ReplyCallback callback)
{
    return send(action, std::move(callback));
}

// ---- pages

namespace {

// A page request that outlives its client answers `unavailable`.
template<typename Ask> PageRequest pagesOf(AdminClient *client, Ask ask)
{
    return
        [client = QPointer<AdminClient>(client), ask](const QString &after, ReplyCallback reply) {
            if (!client) {
                reply(Reply{AdminError{{}, ErrorCode::Unavailable, QStringLiteral("no client")}});
                return;
            }
            ask(*client, after, std::move(reply));
        };
}

} // namespace

PageRequest AdminClient::queuePages(const QString &cuid, int limit)
{
    return pagesOf(this,
                   [cuid, limit](AdminClient &client, const QString &after, ReplyCallback reply) {
                       client.queue(cuid, Page{limit, after}, std::move(reply));
                   });
}

PageRequest AdminClient::historyPages(const HistoryFilter &filter, int limit)
{
    return pagesOf(this,
                   [filter, limit](AdminClient &client, const QString &after, ReplyCallback reply) {
                       client.history(filter, Page{limit, after}, std::move(reply));
                   });
}

PageRequest AdminClient::objectsPages(const ObjectsFilter &filter, int limit)
{
    return pagesOf(this,
                   [filter, limit](AdminClient &client, const QString &after, ReplyCallback reply) {
                       client.objects(filter, Page{limit, after}, std::move(reply));
                   });
}

} // namespace seneschal::admin
