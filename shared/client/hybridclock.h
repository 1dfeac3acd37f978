#pragma once

#include <QtGlobal>
#include <functional>

namespace seneschal::client {

// Stamps local dispatches with a hybrid logical clock (PROTOCOL.md 9.14): the
// larger of the local clock corrected by the server's offset and the largest
// ts seen so far + 1, so a device's own writes always beat what it has seen
// even when its clock is behind.
class HybridClock
{
public:
    using Source = std::function<qint64()>; // milliseconds since the epoch

    HybridClock();
    explicit HybridClock(Source source);

    // The local clock; the default reads the system clock. For tests.
    void setSource(Source source);

    // Learns the server's clock from a `serverTime` that was current `rttMs / 2`
    // before now.
    void syncWithServer(qint64 serverTime, qint64 rttMs = 0);
    void setOffset(qint64 offsetMs) noexcept { m_offset = offsetMs; }
    qint64 offset() const noexcept { return m_offset; }

    // Takes note of a ts seen in a dispatch (own or the server's).
    void observe(qint64 ts) noexcept;
    qint64 largestSeen() const noexcept { return m_largest; }

    // The local clock corrected by the server's offset.
    qint64 serverNow() const;
    // The next ts to stamp with; strictly greater than every ts seen or issued.
    qint64 next();

private:
    Source m_source;
    qint64 m_offset = 0;
    qint64 m_largest = 0;
};

} // namespace seneschal::client
