#include "session.h"

#include "hub.h"
#include "messagebudget.h"
#include "protocol/codec.h"
#include "transport/connection.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSession, "seneschal.session")

namespace seneschal::session {

using namespace Qt::StringLiterals;
using protocol::ErrorCode;

Session::Session(sync::SessionId id, QWebSocket *socket, QTcpSocket *wire,
                 const SessionSettings &settings, auth::LoginService &login, Hub &hub,
                 MessageBudget &budget, Post post, Clock clock, QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_connection(new transport::Connection(socket, wire, settings.maxPendingWriteBytes, this))
    , m_settings(settings)
    , m_login(login)
    , m_hub(hub)
    , m_budget(budget)
    , m_post(std::move(post))
    , m_clock(std::move(clock))
    , m_connectedAtMs(m_clock())
{
    connect(m_connection, &transport::Connection::textReceived, this, &Session::onText);
    connect(m_connection, &transport::Connection::binaryReceived, this, &Session::onBinary);
    connect(m_connection, &transport::Connection::disconnected, this, &Session::onDisconnected);
    m_helloTimer.setSingleShot(true);
    m_helloTimer.setInterval(m_settings.helloTimeoutMs);
    connect(&m_helloTimer, &QTimer::timeout, this, [this] {
        qCInfo(lcSession) << peer() << "no hello in time";
        closeWith(protocol::CloseCode::HelloTimeout, u"hello timeout"_s);
    });
    m_helloTimer.start();
}

Session::~Session() = default;

QString Session::peer() const
{
    return m_connection->peer() + (m_cuid.isEmpty() ? QString() : u" cuid "_s + m_cuid);
}

QString Session::address() const
{
    return m_connection->peerAddress().toString();
}

void Session::onText(const QString &text)
{
    if (m_state == State::Closed)
        return;
    const QByteArray raw = text.toUtf8();
    if (raw.size() > m_settings.limits.maxMessageBytes) {
        closeWithError(ErrorCode::TooLarge,
                       u"message of %1 bytes exceeds the limit of %2"_s.arg(raw.size())
                           .arg(m_settings.limits.maxMessageBytes));
        return;
    }
    auto parsed = protocol::parseClientMessage(raw, m_settings.limits);
    if (auto *error = std::get_if<protocol::ParseError>(&parsed)) {
        if (m_state == State::AwaitingHello) {
            m_state = State::Closed;
            m_helloTimer.stop();
            m_connection->sendAndClose(protocol::encodeError(ErrorCode::Invalid, error->message),
                                       protocol::CloseCode::Invalid, u"hello expected"_s);
            return;
        }
        badMessage(*error);
        return;
    }
    handle(std::get<protocol::ClientMessage>(std::move(parsed)), raw);
}

void Session::onBinary(const QByteArray &)
{
    if (m_state == State::AwaitingHello) {
        closeWithError(ErrorCode::Invalid, u"binary frames are not part of the protocol"_s);
        return;
    }
    badMessage({ErrorCode::Invalid, u"binary frames are not part of the protocol"_s, {}, {}});
}

void Session::handle(protocol::ClientMessage &&message, const QByteArray &raw)
{
    if (m_state == State::AwaitingHello) {
        if (auto *hello = std::get_if<protocol::Hello>(&message)) {
            handleHello(*hello);
        } else {
            closeWithError(ErrorCode::Invalid, u"the first message must be hello"_s);
        }
        return;
    }
    if ((m_state == State::CatchingUp || m_state == State::Live) && !withinBudget())
        return;
    if (std::holds_alternative<protocol::Ping>(message)) {
        m_badInARow = 0;
        sendFrame(protocol::encodePong(m_clock()));
        return;
    }
    switch (m_state) {
    case State::Authenticating:
        protocolError(u"wait for welcome before sending"_s);
        return;
    case State::Uploading:
        if (auto *dispatch = std::get_if<protocol::ClientDispatch>(&message)) {
            m_badInARow = 0;
            postFromPeer(sync::SubmitCommand{m_id, true, std::move(*dispatch), raw, m_clock()});
        } else if (std::holds_alternative<protocol::UploadEnd>(message)) {
            m_badInARow = 0;
            m_state = State::CatchingUp;
            postFromPeer(sync::UploadEndCommand{m_id});
        } else {
            protocolError(u"only dispatch, uploadEnd and ping are allowed during the upload"_s);
        }
        return;
    case State::CatchingUp:
    case State::Live:
        if (auto *dispatch = std::get_if<protocol::ClientDispatch>(&message)) {
            m_badInARow = 0;
            postFromPeer(sync::SubmitCommand{m_id, false, std::move(*dispatch), raw, m_clock()});
        } else if (auto *ack = std::get_if<protocol::ClientAck>(&message)) {
            m_badInARow = 0;
            postFromPeer(sync::CursorCommand{m_id, ack->seq});
        } else if (auto *share = std::get_if<protocol::Share>(&message)) {
            m_badInARow = 0;
            postFromPeer(sync::ShareCommand{m_id, std::move(*share), {}, std::nullopt});
        } else {
            protocolError(u"unexpected message after the upload"_s);
        }
        return;
    case State::AwaitingHello:
    case State::Closed:
        return;
    }
}

void Session::handleHello(const protocol::Hello &hello)
{
    m_helloTimer.stop();
    m_badInARow = 0;
    m_state = State::Authenticating;
    m_cuid = hello.cuid;
    auth::Credentials credentials;
    credentials.method = hello.method;
    credentials.username = hello.username;
    credentials.password = hello.password;
    credentials.token = hello.token;
    credentials.cuid = hello.cuid;
    credentials.sourceAddress = address();
    m_login.login(credentials, this,
                  [this, hello](const auth::LoginResult &result) { onLogin(result, hello); });
}

void Session::onLogin(const auth::LoginResult &result, const protocol::Hello &hello)
{
    if (m_state != State::Authenticating)
        return;
    if (!result.ok) {
        qCInfo(lcSession) << peer() << "login refused:" << result.error.message;
        closeWithError(result.error.code, result.error.message);
        return;
    }
    m_viewer = sync::Viewer{result.identity.uuid, result.identity.groups, result.identity.admin};
    m_providerGroups = result.identity.providerGroups;
    m_hub.claim(hello.cuid, this);
    protocol::Welcome welcome;
    welcome.uuid = m_viewer.uuid;
    welcome.cuid = hello.cuid;
    welcome.groups = m_viewer.groups;
    welcome.admin = m_viewer.admin;
    welcome.token = result.token;
    welcome.tokenExpires = result.tokenExpiresMs;
    welcome.serverTime = m_clock();
    sendFrame(protocol::encodeWelcome(welcome));
    sendFrame(protocol::encodeRehydrateBegin());
    postAlways(sync::AttachCommand{m_id, hello.cuid, m_viewer, hello.since, address(),
                                   m_connectedAtMs, result.identity.providerGroups});
    m_attached = true;
    m_state = State::Uploading;
    qCInfo(lcSession) << peer() << "logged in as" << m_viewer.uuid << "since" << hello.since;
}

void Session::badMessage(const protocol::ParseError &error)
{
    if (!error.dispatchId.isEmpty())
        sendFrame(protocol::encodeReject(error.dispatchId, error.code, error.message));
    else
        sendFrame(protocol::encodeError(error.code, error.message, error.oid));
    if (++m_badInARow >= m_settings.maxBadMessagesInARow) {
        qCInfo(lcSession) << peer() << "closed after" << m_badInARow << "bad messages in a row";
        closeWith(protocol::CloseCode::Invalid, u"too many bad messages"_s);
    }
}

void Session::protocolError(const QString &message)
{
    badMessage({ErrorCode::Invalid, message, {}, {}});
}

void Session::postFromPeer(sync::Command command)
{
    if (m_post(std::move(command), m_settings.maxQueuedMessages))
        return;
    qCWarning(lcSession) << peer() << "closed: sends faster than it is served,"
                         << m_settings.maxQueuedMessages
                         << "of its messages wait (limits/maxQueuedMessages)";
    closeWithError(
        ErrorCode::RateLimited,
        u"sending faster than the server takes the messages: %1 wait to be processed"_s.arg(
            m_settings.maxQueuedMessages));
}

bool Session::withinBudget()
{
    const qint64 now = m_clock();
    if (m_budget.take(m_viewer.uuid, now))
        return true;
    const qint64 retryAfterMs = std::max<qint64>(1000, m_budget.retryAfterMs(m_viewer.uuid, now));
    qCWarning(lcSession) << peer() << "closed: over the message budget of" << m_viewer.uuid
                         << "(limits/messagesPerSecond, limits/messageBurst)";
    if (m_state == State::Closed)
        return false;
    m_state = State::Closed;
    m_helloTimer.stop();
    m_connection->closeWithError(ErrorCode::RateLimited,
                                 u"more messages than limits/messagesPerSecond allows; try again "
                                 "later"_s,
                                 retryAfterMs);
    return false;
}

void Session::postAlways(sync::Command command)
{
    m_post(std::move(command), 0);
}

void Session::sendFrame(const QByteArray &frame)
{
    sendEncoded(frame, {});
}

void Session::sendEncoded(const QByteArray &frame, const QByteArray &wireFrame)
{
    if (m_state == State::Closed)
        return;
    if (!m_connection->send(frame, wireFrame))
        m_state = State::Closed;
}

void Session::goLive()
{
    if (m_state == State::CatchingUp)
        m_state = State::Live;
}

void Session::closeWithError(ErrorCode code, const QString &message)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_helloTimer.stop();
    m_connection->closeWithError(code, message);
}

void Session::closeWith(int closeCode, const QString &reason)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_helloTimer.stop();
    m_connection->closeWith(closeCode, reason);
}

void Session::onDisconnected()
{
    m_state = State::Closed;
    m_helloTimer.stop();
    if (m_attached) {
        m_attached = false;
        postAlways(sync::DetachCommand{m_id});
    }
    Q_EMIT finished(this);
}

} // namespace seneschal::session
