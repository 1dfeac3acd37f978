#include "publisher.h"

#include "benchdevice.h"

namespace seneschal::bench {

Publisher::Publisher(QByteArray extra, QByteArray payload, QObject *parent)
    : QObject(parent)
    , m_extra(std::move(extra))
    , m_payload(std::move(payload))
{
    m_tick.setTimerType(Qt::PreciseTimer);
    m_tick.setInterval(1);
    connect(&m_tick, &QTimer::timeout, this, &Publisher::tick);
}

void Publisher::addDevice(BenchDevice *device, QList<QByteArray> oids)
{
    m_index.insert(device, m_sources.size());
    m_sources.append(Source{device, std::move(oids), 0});
}

bool Publisher::sendOne(Source &source)
{
    if (m_limit > 0 && m_sentTotal >= m_limit)
        return false;
    if (!source.device->isLive() || source.oids.isEmpty())
        return false;
    const QByteArray &oid = source.oids[source.next];
    source.next = (source.next + 1) % source.oids.size();
    source.device->sendDispatch(oid, m_extra, m_payload);
    ++m_sentTotal;
    return true;
}

void Publisher::startWindowed(int window)
{
    m_running = true;
    m_windowed = true;
    m_window = window;
    for (Source &source : m_sources) {
        while (source.device->outstanding() < m_window && sendOne(source)) {
        }
    }
}

void Publisher::startRate(double perSecond, int maxOutstandingPerDevice)
{
    m_running = true;
    m_windowed = false;
    m_rate = perSecond;
    m_maxOutstanding = maxOutstandingPerDevice;
    m_rateSent = 0;
    m_rateClock.start();
    m_tick.start();
}

void Publisher::stop()
{
    m_running = false;
    m_tick.stop();
}

void Publisher::onAcked(BenchDevice &device, int count)
{
    Q_UNUSED(count);
    if (!m_running || !m_windowed)
        return;
    const auto it = m_index.constFind(&device);
    if (it == m_index.constEnd())
        return;
    Source &source = m_sources[*it];
    while (source.device->outstanding() < m_window && sendOne(source)) {
    }
}

void Publisher::tick()
{
    if (!m_running || m_sources.isEmpty())
        return;
    const auto due = qint64(m_rate * double(m_rateClock.nsecsElapsed()) / 1e9);
    qsizetype skipped = 0;
    while (m_rateSent < due && skipped < m_sources.size()) {
        Source &source = m_sources[m_roundRobin];
        m_roundRobin = (m_roundRobin + 1) % m_sources.size();
        if (source.device->outstanding() >= m_maxOutstanding || !sendOne(source)) {
            ++skipped;
            continue;
        }
        skipped = 0;
        ++m_rateSent;
    }
    // Behind by more than a second of load: the system cannot keep up;
    // forget the backlog instead of bursting it later.
    if (due - m_rateSent > qint64(m_rate))
        m_rateSent = due - qint64(m_rate);
}

qint64 Publisher::ackedTotal() const
{
    qint64 total = 0;
    for (const Source &source : m_sources)
        total += source.device->acked();
    return total;
}

int Publisher::outstandingTotal() const
{
    int total = 0;
    for (const Source &source : m_sources)
        total += source.device->outstanding();
    return total;
}

} // namespace seneschal::bench
