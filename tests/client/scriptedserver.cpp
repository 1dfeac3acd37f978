#include "scriptedserver.h"

#include <QJsonDocument>
#include <QWebSocket>

using namespace Qt::StringLiterals;

ScriptedServer::ScriptedServer(QObject *parent)
    : QObject(parent)
    , m_server(u"scripted"_s, QWebSocketServer::SecureMode)
{
    connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
        while (QWebSocket *socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            ++m_connections;
            m_socket = socket;
            connect(socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
                const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
                m_received.append(doc.isObject() ? doc.object()
                                                 : QJsonObject{{u"type"_s, u"<not json>"_s}});
            });
            connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

ScriptedServer::~ScriptedServer() = default;

bool ScriptedServer::listen(const QSslConfiguration &tls)
{
    m_server.setSslConfiguration(tls);
    if (!m_server.listen(QHostAddress::LocalHost, 0))
        return false;
    m_port = m_server.serverPort();
    return true;
}

QUrl ScriptedServer::url(const QString &path) const
{
    return QUrl(u"wss://127.0.0.1:%1"_s.arg(m_port) + path);
}

void ScriptedServer::pause()
{
    m_server.close();
}

bool ScriptedServer::resume()
{
    return m_server.listen(QHostAddress::LocalHost, m_port);
}

bool ScriptedServer::isConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

QList<QJsonObject> ScriptedServer::receivedOfType(const QString &type) const
{
    QList<QJsonObject> list;
    for (const QJsonObject &message : m_received) {
        if (message.value(u"type"_s).toString() == type)
            list.append(message);
    }
    return list;
}

QStringList ScriptedServer::receivedTypes() const
{
    QStringList types;
    for (const QJsonObject &message : m_received)
        types.append(message.value(u"type"_s).toString());
    return types;
}

void ScriptedServer::send(const QByteArray &json)
{
    if (m_socket)
        m_socket->sendTextMessage(QString::fromUtf8(json));
}

void ScriptedServer::send(const QJsonObject &message)
{
    send(QJsonDocument(message).toJson(QJsonDocument::Compact));
}

void ScriptedServer::close(int code, const QString &reason)
{
    if (m_socket)
        m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
}

void ScriptedServer::abort()
{
    if (m_socket)
        m_socket->abort();
}
