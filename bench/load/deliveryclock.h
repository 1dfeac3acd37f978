#pragma once

#include "benchclock.h"

#include <QtGlobal>
#include <optional>
#include <vector>

namespace seneschal::bench {

// When the benchmark's devices first received each seq: every time a device
// reads a dispatch whose seq is higher than any seen before, the seq and the
// time are kept. The server sends each device its dispatches in seq order, so
// the first arrival of seq S is the first mark at or after S; one comparison
// per delivery, one mark per commit.
class DeliveryClock
{
public:
    void note(qint64 seq)
    {
        if (seq <= m_highest)
            return;
        m_highest = seq;
        m_marks.push_back(Mark{seq, nowUs()});
    }
    qint64 highest() const { return m_highest; }
    // The time any device first received `seq` or a later one; none when no
    // device has yet.
    std::optional<qint64> firstAtOrAfter(qint64 seq) const;

private:
    struct Mark
    {
        qint64 seq = 0;
        qint64 us = 0;
    };
    qint64 m_highest = 0;
    std::vector<Mark> m_marks;
};

} // namespace seneschal::bench
