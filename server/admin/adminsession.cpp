#include "adminsession.h"

#include "adminlogging.h"
#include "protocol/admincodec.h"
#include "protocol/codec.h"
#include "transport/connection.h"

namespace seneschal::admin {

using namespace Qt::StringLiterals;
using protocol::ErrorCode;
namespace wire = protocol::admin;

AdminSession::AdminSession(sync::SessionId id, QWebSocket *socket, QTcpSocket *wire,
                           const session::SessionSettings &settings,
                           AdminSessionSettings adminSettings, auth::LoginService &login, Post post,
                           Clock clock, QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_connection(new transport::Connection(socket, wire, settings.maxPendingWriteBytes, this))
    , m_settings(settings)
    , m_adminSettings(adminSettings)
    , m_login(login)
    , m_post(std::move(post))
    , m_clock(std::move(clock))
{
    connect(m_connection, &transport::Connection::textReceived, this, &AdminSession::onText);
    connect(m_connection, &transport::Connection::binaryReceived, this, [this] {
        badMessage({ErrorCode::Invalid, u"binary frames are not part of the protocol"_s, {}});
    });
    connect(m_connection, &transport::Connection::disconnected, this,
            &AdminSession::onDisconnected);
    m_helloTimer.setSingleShot(true);
    m_helloTimer.setInterval(m_settings.helloTimeoutMs);
    connect(&m_helloTimer, &QTimer::timeout, this,
            [this] { closeWith(protocol::CloseCode::HelloTimeout, u"hello timeout"_s); });
    m_helloTimer.start();
}

AdminSession::~AdminSession() = default;

void AdminSession::onText(const QString &text)
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
    auto parsed = wire::parseAdminClientMessage(raw, m_settings.limits);
    if (auto *error = std::get_if<wire::AdminParseError>(&parsed)) {
        if (m_state == State::AwaitingHello) {
            closeWithError(ErrorCode::Invalid, error->message);
            return;
        }
        badMessage(*error);
        return;
    }
    auto &message = std::get<wire::AdminClientMessage>(parsed);
    if (m_state == State::AwaitingHello) {
        auto *hello = std::get_if<protocol::Hello>(&message);
        if (!hello) {
            closeWithError(ErrorCode::Invalid, u"the first message must be hello"_s);
            return;
        }
        m_helloTimer.stop();
        m_state = State::Authenticating;
        auth::Credentials credentials;
        credentials.method = hello->method;
        credentials.username = hello->username;
        credentials.password = hello->password;
        credentials.token = hello->token;
        credentials.cuid = hello->cuid;
        credentials.sourceAddress = m_connection->peerAddress().toString();
        m_login.login(credentials, this,
                      [this, cuid = hello->cuid](const auth::LoginResult &r) { onLogin(r, cuid); });
        return;
    }
    if (std::holds_alternative<protocol::Ping>(message)) {
        m_badInARow = 0;
        sendFrame(protocol::encodePong(m_clock()));
        return;
    }
    if (m_state != State::Ready) {
        badMessage({ErrorCode::Invalid, u"wait for welcome before sending"_s, {}});
        return;
    }
    auto *request = std::get_if<wire::Request>(&message);
    if (!request) {
        badMessage({ErrorCode::Invalid, u"a second hello"_s, {}});
        return;
    }
    m_badInARow = 0;
    if (auto *subscribe = std::get_if<wire::Subscribe>(&request->body)) {
        for (wire::Topic topic : subscribe->topics)
            m_resyncing.remove(int(topic));
    }
    m_post(sync::AdminCommand{m_id, m_viewer, std::move(*request)});
}

void AdminSession::onLogin(const auth::LoginResult &result, const QString &cuid)
{
    if (m_state != State::Authenticating)
        return;
    if (!result.ok) {
        qCInfo(lcAdmin) << m_connection->peer() << "admin login refused:" << result.error.message;
        closeWithError(result.error.code, result.error.message);
        return;
    }
    if (!result.identity.admin) {
        qCInfo(lcAdmin).noquote() << m_connection->peer()
                                  << "refused on /v1/admin:" << result.identity.uuid
                                  << "is not an admin";
        closeWithError(ErrorCode::Forbidden, u"the admin interface is for admins only"_s);
        return;
    }
    m_viewer = sync::Viewer{result.identity.uuid, result.identity.groups, true};
    protocol::Welcome welcome;
    welcome.uuid = m_viewer.uuid;
    welcome.cuid = cuid;
    welcome.groups = m_viewer.groups;
    welcome.admin = true;
    welcome.token = result.token;
    welcome.tokenExpires = result.tokenExpiresMs;
    welcome.serverTime = m_clock();
    sendFrame(protocol::encodeWelcome(welcome));
    m_state = State::Ready;
    qCInfo(lcAdmin).noquote() << m_connection->peer() << "admin console of" << m_viewer.uuid
                              << "connected";
}

void AdminSession::badMessage(const wire::AdminParseError &error)
{
    sendFrame(wire::encodeAdminError(error.req, error.code, error.message));
    if (++m_badInARow >= m_settings.maxBadMessagesInARow)
        closeWith(protocol::CloseCode::Invalid, u"too many bad messages"_s);
}

void AdminSession::sendFrame(const QByteArray &frame)
{
    if (m_state != State::Closed && !m_connection->send(frame))
        m_state = State::Closed;
}

void AdminSession::sendEvent(int topic, const QByteArray &frame)
{
    if (m_state != State::Ready || m_resyncing.contains(topic))
        return;
    if (m_connection->bytesToWrite() > m_adminSettings.resyncAfterBytes) {
        // The console is behind: its events of this topic go, and it reads
        // the topic again once it has caught up (PROTOCOL.md 10).
        m_resyncing.insert(topic);
        const auto name = static_cast<wire::Topic>(topic);
        qCInfo(lcAdmin).noquote() << m_connection->peer() << "behind by"
                                  << m_connection->bytesToWrite() << "bytes: resync of"
                                  << wire::topicName(name);
        sendFrame(wire::encodeResync({name}));
        m_post(sync::AdminCommand{m_id, m_viewer, wire::Request{{}, wire::Unsubscribe{{name}}}});
        return;
    }
    sendFrame(frame);
}

void AdminSession::closeWithError(ErrorCode code, const QString &message)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_helloTimer.stop();
    m_connection->closeWithError(code, message);
}

void AdminSession::closeWith(int closeCode, const QString &reason)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_helloTimer.stop();
    m_connection->closeWith(closeCode, reason);
}

void AdminSession::onDisconnected()
{
    const bool wasReady = m_state == State::Ready || !m_viewer.uuid.isEmpty();
    m_state = State::Closed;
    m_helloTimer.stop();
    if (wasReady)
        m_post(sync::AdminLeftCommand{m_id});
    Q_EMIT finished(this);
}

} // namespace seneschal::admin
