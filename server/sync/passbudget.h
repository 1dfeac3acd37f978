#pragma once

#include <QtGlobal>

namespace seneschal::sync {

// How many commands a session with a backlog (a device uploading its
// offline outbox) may put into one pass while other sessions wait. Every
// waiting session waits for the pass in progress, so the share is adapted
// to keep a pass near `targetUs`: halved after a pass that took longer,
// grown by a quarter after a capped pass that took less than three quarters
// of it. A fixed share is either too small where a commit has a large fixed
// cost (MariaDB: many small commits, a slow upload) or too large where each
// dispatch costs more (SQLite: long passes, a slow live device).
class PassBudget
{
public:
    PassBudget(int minShare = 25, int maxShare = 400, qint64 targetUs = 15000)
        : m_min(minShare)
        , m_max(maxShare)
        , m_targetUs(targetUs)
        , m_share(qBound(minShare, 50, maxShare))
    {}

    int sharedLimit() const { return m_share; }

    // A pass took `passUs`; `capped` when a session left commands queued
    // because of the limit while others waited.
    void record(qint64 passUs, bool capped)
    {
        if (passUs > m_targetUs)
            m_share = qMax(m_min, m_share / 2);
        else if (capped && passUs < m_targetUs * 3 / 4)
            m_share = qMin(m_max, m_share + m_share / 4 + 1);
    }

private:
    int m_min;
    int m_max;
    qint64 m_targetUs;
    int m_share;
};

} // namespace seneschal::sync
