#pragma once

#include "benchdevice.h"

#include <QList>
#include <QObject>
#include <QTimer>
#include <functional>
#include <memory>

namespace seneschal::auth {
class TokenIssuer;
}

namespace seneschal::bench {

// The devices of one scenario run against one server: creates them with
// tokens minted from the server's secret (so thousands of devices log in
// without thousands of scrypt password checks), connects them a bounded
// number at a time, acknowledges what they received every ackIntervalMs as a
// real client coalesces its acks, and waits for conditions while the event
// loop runs.
class Fleet : public QObject
{
    Q_OBJECT
public:
    Fleet(quint16 port, const QByteArray &jwtSecret, int ackIntervalMs, QObject *parent = nullptr);
    ~Fleet() override;

    BenchDevice *add(const QString &cuid, const QString &uuid);
    // Devices added from now on connect with wss://.
    void setTls(bool tls) { m_tls = tls; }
    const QList<BenchDevice *> &devices() const { return m_devices; }
    // Called for every acknowledgement any device receives.
    void setAckedHook(std::function<void(BenchDevice &, int)> hook)
    {
        m_ackedHook = std::move(hook);
    }

    // Connects `devices` (since 0 unless they were connected before), at most
    // `concurrency` handshakes at a time; true when all are live in time.
    bool connect(const QList<BenchDevice *> &devices, int concurrency, int timeoutMs,
                 QString *error);
    void reconnect(BenchDevice *device);
    // Closes every device and waits until the server has seen them go.
    void closeAll(int timeoutMs = 30000);
    int liveCount() const { return m_live; }

    // Runs the event loop until `done` holds (checked every few ms) or the
    // timeout; returns whether it held.
    static bool waitUntil(const std::function<bool()> &done, int timeoutMs, int pollMs = 5);
    static void spin(int ms);

private:
    void flushAcks();

    quint16 m_port;
    std::unique_ptr<auth::TokenIssuer> m_issuer;
    QList<BenchDevice *> m_devices;
    std::function<void(BenchDevice &, int)> m_ackedHook;
    static constexpr int kAckTickMs = 10;
    QTimer m_ackTimer;
    int m_ackSlices = 1;
    qint64 m_ackTick = 0;
    int m_live = 0;
    bool m_tls = false;
};

} // namespace seneschal::bench
