#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

namespace seneschal::bench {

class BenchDevice;

// Sends dispatches from a set of devices, each cycling over its own objects:
// either closed-loop (a window of unacknowledged dispatches per device,
// refilled as acks arrive: "as fast as acks allow") or open-loop at a fixed
// offered rate across all devices (for latency under a known load).
class Publisher : public QObject
{
    Q_OBJECT
public:
    // `extra`: members added to each dispatch (`"kind":"list",`), `payload`:
    // the value of property `v`.
    Publisher(QByteArray extra, QByteArray payload, QObject *parent = nullptr);

    void addDevice(BenchDevice *device, QList<QByteArray> oids);
    // Stop after this many dispatches in total (0: no limit).
    void setLimit(qint64 limit) { m_limit = limit; }

    void startWindowed(int window);
    void startRate(double perSecond, int maxOutstandingPerDevice);
    void stop();
    bool isRunning() const { return m_running; }
    // Route every ack of the fleet here.
    void onAcked(BenchDevice &device, int count);

    qint64 sentTotal() const { return m_sentTotal; }
    qint64 ackedTotal() const;
    int outstandingTotal() const;

private:
    struct Source
    {
        BenchDevice *device = nullptr;
        QList<QByteArray> oids;
        qsizetype next = 0;
    };

    bool sendOne(Source &source);
    void tick();

    QByteArray m_extra;
    QByteArray m_payload;
    QList<Source> m_sources;
    QHash<BenchDevice *, qsizetype> m_index;
    bool m_running = false;
    bool m_windowed = false;
    int m_window = 1;
    int m_maxOutstanding = 1000;
    double m_rate = 0;
    qint64 m_limit = 0;
    qint64 m_sentTotal = 0;
    qint64 m_rateSent = 0;
    qsizetype m_roundRobin = 0;
    QElapsedTimer m_rateClock;
    QTimer m_tick;
};

} // namespace seneschal::bench
