#include "statsmodel.h"

#include <QDateTime>

namespace seneschal::admin {

using namespace Qt::StringLiterals;

StatsModel::StatsModel(QObject *parent)
    : TopicModel(protocol::admin::Topic::Stats, QString(), Order::Arrival,
                 {
                     {u"connections"_s, tr("Connections"), ColumnSpec::Kind::Value},
                     {u"devices"_s, tr("Devices"), ColumnSpec::Kind::Value},
                     {u"highestSeq"_s, tr("Highest seq"), ColumnSpec::Kind::Value},
                     {u"dispatchesPerSec"_s, tr("Dispatches/s"), ColumnSpec::Kind::Value},
                     {u"deliveriesPerSec"_s, tr("Deliveries/s"), ColumnSpec::Kind::Value},
                     {u"uptimeMs"_s, tr("Uptime (ms)"), ColumnSpec::Kind::Value},
                     {u"backend"_s, tr("Backend"), ColumnSpec::Kind::Value},
                 },
                 0, parent)
    , m_nowMs([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    Q_ASSERT(columnCount() == ColumnCount);
}

QList<StatsSample> StatsModel::samples() const
{
    if (m_ring.size() < m_capacity)
        return m_ring;
    // Full: the oldest is where the next one goes.
    return m_ring.mid(m_next) + m_ring.mid(0, m_next);
}

void StatsModel::setSampleCapacity(int capacity)
{
    const QList<StatsSample> kept = samples();
    m_capacity = qMax(1, capacity);
    m_ring = kept.mid(qMax<qsizetype>(0, kept.size() - m_capacity));
    m_next = 0;
}

void StatsModel::setClock(std::function<qint64()> nowMs)
{
    m_nowMs = std::move(nowMs);
}

void StatsModel::rowApplied(const QJsonObject &row)
{
    StatsSample sample;
    sample.atMs = m_nowMs();
    sample.connections = row.value(u"connections"_s).toInteger();
    sample.devices = row.value(u"devices"_s).toInteger();
    sample.highestSeq = row.value(u"highestSeq"_s).toInteger();
    sample.dispatchesPerSec = row.value(u"dispatchesPerSec"_s).toDouble();
    sample.deliveriesPerSec = row.value(u"deliveriesPerSec"_s).toDouble();
    if (m_ring.size() < m_capacity) {
        m_ring.append(sample);
    } else {
        m_ring[m_next] = sample;
        m_next = (m_next + 1) % m_capacity;
    }
    Q_EMIT sampleAdded(sample);
}

} // namespace seneschal::admin
