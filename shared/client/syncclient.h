#pragma once

#include "hybridclock.h"
#include "outbox.h"
#include "replica.h"
#include "syncclientoptions.h"
#include "wsconnection.h"

#include <QAbstractSocket>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QSslError>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <optional>

class QWebSocket;

namespace seneschal::client {

// A device's end of the protocol (PROTOCOL.md section 3): one WebSocket
// session at a time, an outbox of writes that survive disconnections until
// acknowledged, and a replica of every object the server let it see. Used by
// the integration tests, the benchmark and the admin console; the test
// helpers (raw frames, the received log, abort) live here too so every tool
// speaks the protocol through the same code.
class SyncClient : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Disconnected,
        Connecting,     // TCP, TLS and WebSocket handshakes
        Authenticating, // hello sent (or due), until rehydrateBegin
        Uploading,      // rehydrateBegin .. rehydrateEnd: outbox uploaded, acks coming
        Receiving,      // rehydrateEnd .. synced: the spool
        Live,           // after synced
    };
    Q_ENUM(State)

    explicit SyncClient(const SyncClientOptions &options, QObject *parent = nullptr);
    ~SyncClient() override;

    const SyncClientOptions &options() const noexcept { return m_options; }
    // Both take effect with the next hello.
    void setAuth(const ClientAuth &auth) { m_options.auth = auth; }
    void setSince(qint64 since) noexcept { m_since = since; }

    // ---- the session
    void connectToServer();
    void disconnectFromServer(int closeCode = 1000, const QString &reason = {});
    // Drops the connection without a close handshake.
    void abort();

    State state() const noexcept { return m_state; }
    bool isLive() const noexcept { return m_state == State::Live; }
    // The close code and reason of the last connection; 1006 when it ended
    // without a close frame from the server.
    int closeCode() const noexcept { return m_connection.closeCode(); }
    QString closeReason() const { return m_connection.closeReason(); }
    // From the last welcome.
    QJsonObject welcome() const { return m_welcome; }
    QString uuid() const { return m_uuid; }
    QString token() const { return m_token; }
    qint64 tokenExpires() const noexcept { return m_tokenExpires; }
    // The highest seq applied: what the next hello sends.
    qint64 since() const noexcept { return m_since; }
    // The seq of the last rehydrateEnd (since only moves with the spool that follows it).
    qint64 rehydrateEndSeq() const noexcept { return m_rehydrateEndSeq; }

    // ---- writes
    // Stamps the dispatch, keeps it in the outbox, shows it in the replica at
    // once, and sends it when live (queued otherwise). Returns its id.
    QString dispatch(const QString &oid, const QJsonObject &props,
                     const DispatchOptions &options = {});
    QString deleteObject(const QString &oid, const DispatchOptions &options = {});
    // Sent when live, queued until then.
    void share(const QString &oid, const QStringList &grant, const QStringList &revoke = {},
               std::optional<engine::Access> access = std::nullopt);
    void ping();
    void sendAck(qint64 seq);
    // Normally automatic; see SyncClientOptions::helloDelayMs / autoUploadEnd.
    void sendHello();
    void sendUploadEnd();

    // ---- local state
    const Replica &replica() const noexcept { return m_replica; }
    const QHash<QString, ReplicaObject> &objects() const noexcept { return m_replica.objects(); }
    QHash<QString, ReplicaObject> visibleObjects() const { return m_replica.visibleObjects(); }
    std::optional<ReplicaObject> object(const QString &oid) const { return m_replica.object(oid); }
    const Outbox &outbox() const noexcept { return m_outbox; }
    HybridClock &clock() noexcept { return m_clock; }
    // Ids of dispatches whose ts the server clamped.
    QSet<QString> clampedIds() const { return m_clamped; }

    // ---- test helpers
    void sendRaw(const QString &text);
    void sendBinary(const QByteArray &data);
    // Every message received (unless options().keepReceived is off), oldest first.
    const QList<QJsonObject> &received() const noexcept { return m_received; }
    QList<QJsonObject> receivedOfType(const QString &type) const;
    void clearReceived() { m_received.clear(); }
    // The current socket, null while disconnected.
    QWebSocket *socket() const noexcept { return m_connection.socket(); }

Q_SIGNALS:
    void stateChanged(seneschal::client::SyncClient::State state);
    void connected();
    void welcomed(const QJsonObject &welcome);
    void rehydrateBegan();
    void rehydrateEnded(qint64 seq);
    void synced(qint64 seq);
    void dispatchReceived(const QJsonObject &dispatch);
    void revoked(const QString &oid, qint64 seq);
    void resetReceived(qint64 seq);
    void acked(const QStringList &ids, qint64 seq);
    void clamped(const QStringList &ids);
    void rejected(const QString &id, const QString &code, const QString &message);
    void errorReceived(const QString &code, const QString &message);
    void shared(const QString &oid, qint64 seq);
    void pong(qint64 serverTime);
    void messageReceived(const QJsonObject &message);
    void disconnected(int closeCode, const QString &reason);
    void sslErrors(const QList<QSslError> &errors);
    void socketError(QAbstractSocket::SocketError error, const QString &message);

private:
    void setState(State state);
    void onSocketConnected();
    void onTextMessage(const QString &text);
    void onBinaryMessage(const QByteArray &data);
    void onDisconnected(int closeCode, const QString &reason);

    void handleWelcome(const QJsonObject &message);
    void handleRehydrateBegin();
    void handleAck(const QJsonObject &message);
    void handleReject(const QJsonObject &message);
    void handleRehydrateEnd(const QJsonObject &message);
    void handleDispatch(const QJsonObject &message);
    void handleRevoke(const QJsonObject &message);
    void handleReset(const QJsonObject &message);
    void handleSynced(const QJsonObject &message);
    void handlePong(const QJsonObject &message);

    bool canSendDispatches() const;
    void sendDispatch(const protocol::ClientDispatch &dispatch);
    void sendShare(const protocol::Share &share);
    void sendText(const QByteArray &json);
    void advanceSince(qint64 seq);
    void scheduleAck();
    void flushAck();

    SyncClientOptions m_options;
    HybridClock m_clock;
    Outbox m_outbox;
    Replica m_replica;

    WsConnection m_connection;
    State m_state = State::Disconnected;
    QTimer m_helloTimer;
    QTimer m_ackTimer;

    qint64 m_since = 0;
    qint64 m_lastAckSent = 0;
    qint64 m_rehydrateEndSeq = 0;
    bool m_uploadEndSent = false;
    qint64 m_helloSentAt = 0;
    qint64 m_pingSentAt = 0;
    QSet<QString> m_sentThisSession; // outbox ids sent on the current connection
    QList<protocol::Share> m_pendingShares;
    QSet<QString> m_clamped;

    QJsonObject m_welcome;
    QString m_uuid;
    QString m_token;
    qint64 m_tokenExpires = 0;

    QList<QJsonObject> m_received;
};

} // namespace seneschal::client
