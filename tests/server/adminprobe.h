#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QUrl>
#include <QWebSocket>

namespace seneschal::test {

// A console's end of /v1/admin written against PROTOCOL.md section 10
// alone: raw JSON over a QWebSocket, every message received kept with the
// time it came, so the tests check the wire contract and not a library's
// reading of it.
class AdminProbe : public QObject
{
    Q_OBJECT
public:
    AdminProbe(const QUrl &url, const QList<QSslCertificate> &ca, QObject *parent = nullptr);

    // Connects and sends hello; true once welcome came.
    bool login(const QString &user, const QString &password, int timeoutMs);
    // Connects and sends hello; true once the server closed the connection.
    bool loginRefused(const QString &user, const QString &password, int timeoutMs);
    void send(const QJsonObject &message);
    // Sends a request with a fresh req; returns the req.
    QString request(QJsonObject message);
    // The reply (result, done, error, or a snapshot) to `req`, waited for.
    std::optional<QJsonObject> reply(const QString &req, int timeoutMs);
    // Subscribes and waits for the snapshot of each topic.
    std::optional<QList<QJsonObject>> subscribe(const QStringList &topics, int timeoutMs);
    // The first event of `topic` received after message index `from` that
    // `match` accepts, waited for `timeoutMs`.
    std::optional<QJsonObject> waitEvent(const QString &topic,
                                         const std::function<bool(const QJsonObject &)> &match,
                                         qsizetype from, int timeoutMs);
    qsizetype mark() const { return m_received.size(); }
    const QList<QJsonObject> &received() const { return m_received; }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    int closeCode() const { return m_closeCode; }
    bool waitClosed(int timeoutMs);

private:
    QWebSocket m_socket;
    QUrl m_url;
    QList<QJsonObject> m_received;
    int m_closeCode = 0;
    bool m_closed = false;
    int m_nextReq = 1;
};

} // namespace seneschal::test
