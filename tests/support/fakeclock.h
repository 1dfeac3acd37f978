#pragma once

#include <QtGlobal>
#include <functional>

namespace seneschal::test {

// A clock that tests set and advance by hand, in milliseconds since the Unix
// epoch (UTC), so time-dependent code (the skew clamp, expiry, token
// lifetimes) runs deterministically and instantly.
class FakeClock
{
public:
    // 2025-11-25 07:00:00 UTC, the morning of PROTOCOL.md's seed scenario.
    static constexpr qint64 kDefaultStart = 1764054000000;

    explicit FakeClock(qint64 nowMs = kDefaultStart) noexcept
        : m_now(nowMs)
    {}

    qint64 now() const noexcept { return m_now; }
    void setNow(qint64 nowMs) noexcept { m_now = nowMs; }
    void advance(qint64 ms) noexcept { m_now += ms; }
    void advanceMinutes(qint64 minutes) noexcept { m_now += minutes * 60 * 1000; }

    // A callable reading this clock, for code that takes a `now` function.
    // The clock must outlive it.
    std::function<qint64()> reader() const
    {
        return [this] { return m_now; };
    }

    // Milliseconds since the epoch of a UTC date and time.
    static qint64 utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0,
                      int ms = 0);

private:
    qint64 m_now;
};

} // namespace seneschal::test
