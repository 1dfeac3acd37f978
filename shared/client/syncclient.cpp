#include "syncclient.h"

#include "clientlogging.h"
#include "protocol/codec.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <utility>

using namespace Qt::StringLiterals;

namespace seneschal::client {

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QStringList stringList(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    list.reserve(array.size());
    for (const QJsonValue &v : array)
        list.append(v.toString());
    return list;
}

} // namespace

SyncClient::SyncClient(const SyncClientOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_outbox(options.outboxPath)
    , m_connection(this)
    , m_since(options.since)
{
    m_helloTimer.setSingleShot(true);
    connect(&m_helloTimer, &QTimer::timeout, this, &SyncClient::sendHello);
    m_ackTimer.setSingleShot(true);
    connect(&m_ackTimer, &QTimer::timeout, this, &SyncClient::flushAck);

    connect(&m_connection, &WsConnection::connected, this, &SyncClient::onSocketConnected);
    connect(&m_connection, &WsConnection::disconnected, this, &SyncClient::onDisconnected);
    connect(&m_connection, &WsConnection::textReceived, this, &SyncClient::onTextMessage);
    connect(&m_connection, &WsConnection::binaryReceived, this, &SyncClient::onBinaryMessage);
    connect(&m_connection, &WsConnection::sslErrors, this, &SyncClient::sslErrors);
    connect(&m_connection, &WsConnection::socketError, this, &SyncClient::socketError);

    QString error;
    if (!m_outbox.load(&error))
        qCWarning(lcClient) << "outbox not loaded:" << error;
    for (const auto &d : m_outbox.entries()) {
        m_clock.observe(d.ts);
        m_replica.applyLocal(d, m_options.cuid);
    }
}

SyncClient::~SyncClient()
{
    // The connection goes without a word: nobody is left to hear it.
    m_connection.disconnect(this);
}

// ---- the session

void SyncClient::connectToServer()
{
    if (m_connection.isActive()) {
        qCWarning(lcClient) << "connectToServer: already connected or connecting";
        return;
    }
    m_uploadEndSent = false;
    m_lastAckSent = 0;
    m_sentThisSession.clear();
    setState(State::Connecting);
    qCDebug(lcClient) << "connecting to" << m_options.url.toDisplayString() << "as"
                      << m_options.cuid;
    m_connection.open(m_options.url, TlsOptions{m_options.caCertificates, m_options.caFile});
}

void SyncClient::disconnectFromServer(int closeCode, const QString &reason)
{
    m_connection.close(closeCode, reason);
}

void SyncClient::abort()
{
    m_connection.abort();
}

void SyncClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void SyncClient::onSocketConnected()
{
    setState(State::Authenticating);
    Q_EMIT connected();
    if (m_options.helloDelayMs == 0)
        sendHello();
    else if (m_options.helloDelayMs > 0)
        m_helloTimer.start(m_options.helloDelayMs);
}

void SyncClient::onDisconnected(int closeCode, const QString &reason)
{
    m_helloTimer.stop();
    m_ackTimer.stop();
    setState(State::Disconnected);
    Q_EMIT disconnected(closeCode, reason);
}

// ---- receiving

void SyncClient::onTextMessage(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (!doc.isObject()) {
        qCWarning(lcClient) << "ignoring a server frame that is not a JSON object:"
                            << error.errorString();
        return;
    }
    const QJsonObject message = doc.object();
    if (m_options.keepReceived)
        m_received.append(message);

    const QString type = message.value(u"type"_s).toString();
    if (type == u"dispatch")
        handleDispatch(message);
    else if (type == u"ack")
        handleAck(message);
    else if (type == u"welcome")
        handleWelcome(message);
    else if (type == u"rehydrateBegin")
        handleRehydrateBegin();
    else if (type == u"reject")
        handleReject(message);
    else if (type == u"rehydrateEnd")
        handleRehydrateEnd(message);
    else if (type == u"revoke")
        handleRevoke(message);
    else if (type == u"reset")
        handleReset(message);
    else if (type == u"synced")
        handleSynced(message);
    else if (type == u"pong")
        handlePong(message);
    else if (type == u"shared")
        Q_EMIT shared(message.value(u"oid"_s).toString(), message.value(u"seq"_s).toInteger());
    else if (type == u"error")
        Q_EMIT errorReceived(message.value(u"code"_s).toString(),
                             message.value(u"message"_s).toString());
    else
        qCDebug(lcClient) << "unknown server message type" << type;

    Q_EMIT messageReceived(message);
}

void SyncClient::onBinaryMessage(const QByteArray &data)
{
    qCWarning(lcClient) << "ignoring a binary frame of" << data.size() << "bytes from the server";
}

void SyncClient::handleWelcome(const QJsonObject &message)
{
    m_welcome = message;
    m_uuid = message.value(u"uuid"_s).toString();
    m_token = message.value(u"token"_s).toString();
    m_tokenExpires = message.value(u"tokenExpires"_s).toInteger();
    const qint64 serverTime = message.value(u"serverTime"_s).toInteger();
    m_clock.syncWithServer(serverTime, m_helloSentAt > 0 ? nowMs() - m_helloSentAt : 0);
    Q_EMIT welcomed(message);
}

void SyncClient::handleRehydrateBegin()
{
    setState(State::Uploading);
    for (const auto &d : m_outbox.entries())
        sendDispatch(d);
    if (m_options.autoUploadEnd)
        sendUploadEnd();
    Q_EMIT rehydrateBegan();
}

void SyncClient::handleAck(const QJsonObject &message)
{
    const QStringList ids = stringList(message.value(u"ids"_s));
    const QStringList clampedIds = stringList(message.value(u"clamped"_s));
    const qint64 seq = message.value(u"seq"_s).toInteger();
    for (const QString &id : ids) {
        const bool wasClamped = clampedIds.contains(id);
        // Not in the outbox: a repeated ack. More than once: the same id reused.
        while (m_outbox.take(id)) {
            m_sentThisSession.remove(id);
            if (wasClamped)
                m_clamped.insert(id);
            // The server's clamped ts is its clock at the merge, at most its clock now.
            m_replica.confirmLocal(id, wasClamped ? std::optional<qint64>(m_clock.serverNow())
                                                  : std::nullopt);
        }
    }
    Q_EMIT acked(ids, seq);
    if (!clampedIds.isEmpty())
        Q_EMIT clamped(clampedIds);
}

void SyncClient::handleReject(const QJsonObject &message)
{
    const QString id = message.value(u"id"_s).toString();
    const QString code = message.value(u"code"_s).toString();
    const QString text = message.value(u"message"_s).toString();
    while (m_outbox.take(id)) {
        m_sentThisSession.remove(id);
        m_replica.dropLocal(id);
    }
    qCDebug(lcClient) << "dispatch" << id << "rejected:" << code << text;
    Q_EMIT rejected(id, code, text);
}

void SyncClient::handleRehydrateEnd(const QJsonObject &message)
{
    // `since` does not move here: the spool that follows may carry lower
    // seqs, and a connection lost in the middle of it must ask for them again.
    m_rehydrateEndSeq = message.value(u"seq"_s).toInteger();
    setState(State::Receiving);
    Q_EMIT rehydrateEnded(m_rehydrateEndSeq);
}

void SyncClient::handleDispatch(const QJsonObject &message)
{
    const AppliedDispatch applied = m_replica.applyServerDispatch(message);
    if (!applied.ok) {
        qCWarning(lcClient) << "ignoring a server dispatch without oid";
        return;
    }
    m_clock.observe(applied.largestTs);
    advanceSince(applied.seq);
    Q_EMIT dispatchReceived(message);
    scheduleAck();
}

void SyncClient::handleRevoke(const QJsonObject &message)
{
    const QString oid = message.value(u"oid"_s).toString();
    const qint64 seq = message.value(u"seq"_s).toInteger();
    m_replica.revoke(oid);
    advanceSince(seq);
    Q_EMIT revoked(oid, seq);
    scheduleAck();
}

void SyncClient::handleReset(const QJsonObject &message)
{
    // Everything acknowledged goes; a full copy follows. The outbox stays.
    m_replica.reset();
    m_since = 0;
    Q_EMIT resetReceived(message.value(u"seq"_s).toInteger());
}

void SyncClient::handleSynced(const QJsonObject &message)
{
    const qint64 seq = message.value(u"seq"_s).toInteger();
    advanceSince(seq);
    setState(State::Live);
    for (const auto &d : m_outbox.entries()) {
        if (!m_sentThisSession.contains(d.id))
            sendDispatch(d);
    }
    const QList<protocol::Share> shares = std::exchange(m_pendingShares, {});
    for (const auto &share : shares)
        sendShare(share);
    Q_EMIT synced(seq);
    scheduleAck();
}

void SyncClient::handlePong(const QJsonObject &message)
{
    const qint64 serverTime = message.value(u"serverTime"_s).toInteger();
    if (m_pingSentAt > 0) {
        m_clock.syncWithServer(serverTime, nowMs() - m_pingSentAt);
        m_pingSentAt = 0;
    }
    Q_EMIT pong(serverTime);
}

void SyncClient::advanceSince(qint64 seq)
{
    if (seq > m_since)
        m_since = seq;
}

// ---- acks

void SyncClient::scheduleAck()
{
    if (!m_options.autoAck || m_state != State::Live || m_ackTimer.isActive())
        return;
    m_ackTimer.start(qMax(0, m_options.ackDelayMs));
}

void SyncClient::flushAck()
{
    if (m_state == State::Live && m_since > m_lastAckSent)
        sendAck(m_since);
}

void SyncClient::sendAck(qint64 seq)
{
    m_lastAckSent = qMax(m_lastAckSent, seq);
    sendText(protocol::encodeClientAck(seq));
}

// ---- sending

QString SyncClient::dispatch(const QString &oid, const QJsonObject &props,
                             const DispatchOptions &options)
{
    protocol::ClientDispatch d;
    d.id = options.id.isEmpty() ? m_outbox.nextId() : options.id;
    d.oid = oid;
    if (options.ts) {
        d.ts = *options.ts;
        m_clock.observe(d.ts);
    } else {
        d.ts = m_clock.next();
    }
    d.op = options.op;
    d.props = props;
    d.kind = options.kind;
    d.parent = options.parent;
    d.access = options.access;

    m_outbox.append(d);
    m_replica.applyLocal(d, m_options.cuid);
    if (canSendDispatches())
        sendDispatch(d);
    return d.id;
}

QString SyncClient::deleteObject(const QString &oid, const DispatchOptions &options)
{
    DispatchOptions deletion = options;
    deletion.op = engine::DispatchOp::Delete;
    return dispatch(oid, {}, deletion);
}

void SyncClient::share(const QString &oid, const QStringList &grant, const QStringList &revoke,
                       std::optional<engine::Access> access)
{
    const protocol::Share share{oid, grant, revoke, access};
    if (m_state == State::Live)
        sendShare(share);
    else
        m_pendingShares.append(share);
}

void SyncClient::ping()
{
    m_pingSentAt = nowMs();
    sendText(protocol::encodePing());
}

void SyncClient::sendHello()
{
    protocol::Hello hello;
    hello.cuid = m_options.cuid;
    hello.since = m_since;
    hello.method = m_options.auth.method;
    hello.username = m_options.auth.username;
    hello.password = m_options.auth.password;
    hello.token = m_options.auth.token;
    m_helloSentAt = nowMs();
    sendText(protocol::encodeHello(hello));
}

void SyncClient::sendUploadEnd()
{
    m_uploadEndSent = true;
    sendText(protocol::encodeUploadEnd());
}

bool SyncClient::canSendDispatches() const
{
    return m_state == State::Live || (m_state == State::Uploading && !m_uploadEndSent);
}

void SyncClient::sendDispatch(const protocol::ClientDispatch &dispatch)
{
    m_sentThisSession.insert(dispatch.id);
    sendText(protocol::encodeClientDispatch(dispatch));
}

void SyncClient::sendShare(const protocol::Share &share)
{
    sendText(protocol::encodeShare(share));
}

void SyncClient::sendText(const QByteArray &json)
{
    if (!m_connection.sendText(json))
        qCDebug(lcClient) << "not connected; message dropped";
}

void SyncClient::sendRaw(const QString &text)
{
    m_connection.sendRawText(text);
}

void SyncClient::sendBinary(const QByteArray &data)
{
    m_connection.sendBinary(data);
}

QList<QJsonObject> SyncClient::receivedOfType(const QString &type) const
{
    QList<QJsonObject> list;
    for (const QJsonObject &message : m_received) {
        if (message.value(u"type"_s).toString() == type)
            list.append(message);
    }
    return list;
}

} // namespace seneschal::client
