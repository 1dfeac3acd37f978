#pragma once

#include "wsconnection.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <deque>
#include <functional>

namespace seneschal::bench {

class DeliveryClock;
class LatencySamples;

// One simulated device speaking PROTOCOL.md section 3 with as little work per
// frame as possible: hello (token or password), the upload of queued
// dispatches, uploadEnd, the spool, then live dispatches with a window of
// unacknowledged sends. It keeps counters and, when given a sink, the
// send-to-delivery latency of every dispatch carrying a `sentUs` property;
// on request it sends `share` and keeps the oids it received.
class BenchDevice : public QObject, private WsConnection::Handler
{
    Q_OBJECT
public:
    enum class State { Idle, Connecting, Authenticating, Uploading, Receiving, Live, Closed };

    struct Hooks
    {
        std::function<void(BenchDevice &)> live;
        std::function<void(BenchDevice &, int)> acked; // number of ids acknowledged
        std::function<void(BenchDevice &, bool wasLive)> closed;
    };

    BenchDevice(QString cuid, QString uuid, QObject *parent = nullptr);
    ~BenchDevice() override;

    const QString &cuid() const { return m_cuid; }
    const QString &uuid() const { return m_uuid; }
    void setToken(const QString &token) { m_token = token; }
    void setPassword(const QString &password) { m_password = password; }
    void setHooks(Hooks hooks) { m_hooks = std::move(hooks); }
    // wss:// instead of ws:// (the server's own self-signed certificate).
    void setTls(bool tls) { m_tls = tls; }
    void setLatencySink(LatencySamples *sink) { m_latency = sink; }
    // Told the seq of every live dispatch received.
    void setDeliveryClock(DeliveryClock *clock) { m_deliveryClock = clock; }
    // Send-to-ack time of each live dispatch this device sends (acks come
    // in the order of the sends: one session's commands are taken in order).
    void setAckLatencySink(LatencySamples *sink) { m_ackLatency = sink; }

    void connectTo(quint16 port, qint64 since);
    void disconnectFromServer();
    void abort();

    // An offline outbox of `count` frames, sent after rehydrateBegin and
    // before uploadEnd; `frameAt(i)` builds the i-th when it is sent.
    void setOutbox(qsizetype count, std::function<QByteArray(qsizetype)> frameAt)
    {
        m_outboxSize = count;
        m_outboxFrame = std::move(frameAt);
    }
    // A dispatch frame `{type, id, oid, ts, <extra>, props:{sentUs, v}}`;
    // `extra` is empty or members ending with a comma (`"kind":"list",`).
    QByteArray makeDispatch(QByteArrayView oid, QByteArrayView extra, QByteArrayView payload);
    void sendDispatch(QByteArrayView oid, QByteArrayView extra, QByteArrayView payload);
    // Sends `ack` for what arrived since the last one (live only).
    void flushAck();
    // Sends `share` granting `principals` access to `oid` (live only); the
    // answer (`shared` or `error`) sets sharedUs() or lastError().
    void sendShare(const QString &oid, const QStringList &principals);
    // Off by default: when on, the distinct oids of received dispatches are
    // kept, with the times the first and the last new one arrived.
    void setTrackOids(bool on) { m_trackOids = on; }
    qsizetype distinctOids() const { return m_oids.size(); }
    qint64 firstNewOidUs() const { return m_firstNewOidUs; }
    qint64 lastNewOidUs() const { return m_lastNewOidUs; }
    void clearOids();

    State state() const { return m_state; }
    bool isLive() const { return m_state == State::Live; }
    bool isClosed() const { return m_state == State::Closed; }
    int closeCode() const { return m_closeCode; }
    qint64 since() const { return m_since; }
    int outstanding() const { return m_outstanding; }
    qint64 sent() const { return m_sent; }
    qint64 acked() const { return m_acked; }
    qint64 rejected() const { return m_rejected; }
    qint64 errors() const { return m_errors; }
    qint64 received() const { return m_received; } // live dispatches
    qint64 spooled() const { return m_spooled; }   // dispatches between rehydrateEnd and synced
    qint64 helloSentUs() const { return m_helloSentUs; }
    qint64 rehydrateEndUs() const { return m_rehydrateEndUs; }
    qint64 syncedUs() const { return m_syncedUs; }
    qint64 lastAckUs() const { return m_lastAckUs; }
    qint64 shareSentUs() const { return m_shareSentUs; }
    qint64 sharedUs() const { return m_sharedUs; } // 0 until `shared` arrives
    QString lastError() const { return m_lastError; }
    void resetCounters();

private:
    void onOpened() override;
    void onText(QByteArrayView frame) override;
    void onClosed(int closeCode) override;
    void onWritten() override;
    void pumpUploads();
    void noteOid(QByteArrayView frame);
    void noteAnswered(int count, bool acked);

    QString m_cuid;
    QString m_uuid;
    QByteArray m_cuidUtf8;
    QString m_token;
    QString m_password;
    Hooks m_hooks;
    LatencySamples *m_latency = nullptr;
    LatencySamples *m_ackLatency = nullptr;
    DeliveryClock *m_deliveryClock = nullptr;
    std::deque<qint64> m_unackedSentUs; // with an ack latency sink only
    WsConnection *m_connection = nullptr;
    State m_state = State::Idle;
    qsizetype m_outboxSize = 0;
    std::function<QByteArray(qsizetype)> m_outboxFrame;
    qsizetype m_nextUpload = -1; // the next outbox frame to send; -1: none pending
    QByteArray m_frame;

    qint64 m_since = 0;
    qint64 m_lastAckSent = 0;
    qint64 m_nextId = 0;
    int m_outstanding = 0;
    int m_closeCode = 0;
    qint64 m_sent = 0;
    qint64 m_acked = 0;
    qint64 m_rejected = 0;
    qint64 m_errors = 0;
    qint64 m_received = 0;
    qint64 m_spooled = 0;
    qint64 m_helloSentUs = 0;
    qint64 m_rehydrateEndUs = 0;
    qint64 m_syncedUs = 0;
    qint64 m_lastAckUs = 0;
    qint64 m_shareSentUs = 0;
    qint64 m_sharedUs = 0;
    bool m_trackOids = false;
    QSet<QByteArray> m_oids;
    qint64 m_firstNewOidUs = 0;
    qint64 m_lastNewOidUs = 0;
    QString m_lastError;
    bool m_tls = false;
};

} // namespace seneschal::bench
