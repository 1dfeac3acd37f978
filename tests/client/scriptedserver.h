#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QStringList>
#include <QUrl>
#include <QWebSocket>
#include <QWebSocketServer>

// A stand-in for seneschal-server in the client tests: accepts wss
// connections and records what the client sends, while the test plays the
// server's part message by message.
class ScriptedServer : public QObject
{
    Q_OBJECT

public:
    explicit ScriptedServer(QObject *parent = nullptr);
    ~ScriptedServer() override;

    bool listen(const QSslConfiguration &tls);
    // wss://127.0.0.1:<port><path>; the server accepts any path.
    QUrl url(const QString &path = QStringLiteral("/v1")) const;
    // Stops accepting connections (those open stay), and starts again on
    // the same port.
    void pause();
    bool resume();

    // The latest accepted connection, null before the first and after it closed.
    QWebSocket *socket() const { return m_socket; }
    int connectionCount() const noexcept { return m_connections; }
    bool isConnected() const;

    // Every text frame received on any connection, parsed; frames that are
    // not JSON objects are kept as {"type":"<not json>"}.
    const QList<QJsonObject> &received() const noexcept { return m_received; }
    QList<QJsonObject> receivedOfType(const QString &type) const;
    QStringList receivedTypes() const;
    void clearReceived() { m_received.clear(); }

    void send(const QByteArray &json);
    void send(const QJsonObject &message);
    void close(int code, const QString &reason = {});
    void abort();

private:
    QWebSocketServer m_server;
    quint16 m_port = 0;
    QPointer<QWebSocket> m_socket;
    int m_connections = 0;
    QList<QJsonObject> m_received;
};
