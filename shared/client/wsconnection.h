#pragma once

#include <QAbstractSocket>
#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QUrl>

class QWebSocket;

namespace seneschal::client {

// How a client verifies the server's certificate on wss (peer verification
// is always on: a console or device that cannot tell the server from a man
// in the middle would hand it its password).
struct TlsOptions
{
    // Trust these CAs only; empty, and no caFile: the system's CAs.
    QList<QSslCertificate> caCertificates;
    // A PEM file of CAs (or the server's self-signed certificate) trusted
    // beside caCertificates; read at every connect, so a renewed file counts.
    QString caFile;
};

// One client WebSocket at a time: opens it with the TLS settings, sends text,
// and tells how it ended (close code and reason; 1006 when it ended without
// a close frame). SyncClient and AdminClient speak their protocols over it;
// it knows nothing of either.
class WsConnection : public QObject
{
    Q_OBJECT

public:
    static constexpr int kAbnormalClosure = 1006; // RFC 6455: closed without a close frame

    explicit WsConnection(QObject *parent = nullptr);
    ~WsConnection() override;

    // Starts the handshakes; false (and nothing happens) while a connection
    // is open or opening. Every open ends with exactly one disconnected(),
    // also when the CA file cannot be read or TLS verification fails.
    bool open(const QUrl &url, const TlsOptions &tls);
    // A close handshake when connected, an abort otherwise.
    void close(int closeCode = 1000, const QString &reason = {});
    // Drops the connection without a close handshake; disconnected() is
    // emitted before this returns.
    void abort();

    // A connection is open or opening.
    bool isActive() const noexcept { return m_active; }
    // The WebSocket handshake is done and nothing closed it yet.
    bool isConnected() const;

    // False, and the text dropped, when not connected.
    bool sendText(const QByteArray &utf8);
    // Test helpers: sent as given whenever a socket exists.
    void sendRawText(const QString &text);
    void sendBinary(const QByteArray &data);

    // Of the last connection that ended.
    int closeCode() const noexcept { return m_closeCode; }
    QString closeReason() const { return m_closeReason; }

    // The current socket, null while disconnected.
    QWebSocket *socket() const noexcept { return m_socket; }

Q_SIGNALS:
    void connected();
    void textReceived(const QString &text);
    void binaryReceived(const QByteArray &data);
    void disconnected(int closeCode, const QString &reason);
    void sslErrors(const QList<QSslError> &errors);
    void socketError(QAbstractSocket::SocketError error, const QString &message);

private:
    void onSocketError(QAbstractSocket::SocketError error);
    void finish();

    QWebSocket *m_socket = nullptr;
    bool m_active = false;
    bool m_closeHandshake = false;
    int m_closeCode = 0;
    QString m_closeReason;
};

} // namespace seneschal::client
