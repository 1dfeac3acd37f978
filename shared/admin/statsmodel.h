#pragma once

#include "topicmodel.h"

#include <QList>
#include <functional>

namespace seneschal::admin {

// One reading of the stats topic, as a chart plots it.
struct StatsSample
{
    qint64 atMs = 0; // when it arrived (the rows carry no time of their own)
    qint64 connections = 0;
    qint64 devices = 0;
    qint64 highestSeq = 0;
    double dispatchesPerSec = 0;
    double deliveriesPerSec = 0;
};

// The stats topic: the server's one row of figures, and a ring of the last
// readings (one every 2 s or so) for charts. The row changes in place after
// the snapshot; each snapshot row and upsert is one sample.
class StatsModel : public TopicModel
{
    Q_OBJECT

public:
    // Ten minutes at the server's pace of one event every 2 s.
    static constexpr int kDefaultSampleCapacity = 300;

    enum Column {
        Connections,
        Devices,
        HighestSeq,
        DispatchesPerSec,
        DeliveriesPerSec,
        Uptime,
        Backend,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit StatsModel(QObject *parent = nullptr);

    // The latest row; empty before the snapshot.
    QJsonObject current() const { return rowObject(0); }

    // Oldest first, at most sampleCapacity().
    QList<StatsSample> samples() const;
    int sampleCapacity() const noexcept { return m_capacity; }
    // Keeps the newest when shrinking.
    void setSampleCapacity(int capacity);
    // For tests: where sample times come from (default: the system clock).
    void setClock(std::function<qint64()> nowMs);

Q_SIGNALS:
    void sampleAdded(const seneschal::admin::StatsSample &sample);

protected:
    void rowApplied(const QJsonObject &row) override;

private:
    QList<StatsSample> m_ring; // m_next is where the next sample goes once full
    qsizetype m_next = 0;
    int m_capacity = kDefaultSampleCapacity;
    std::function<qint64()> m_nowMs;
};

} // namespace seneschal::admin
