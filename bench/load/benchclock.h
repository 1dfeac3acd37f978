#pragma once

#include <QtGlobal>
#include <chrono>

namespace seneschal::bench {

// Monotonic microseconds shared by every client of the load generator; send
// and delivery times are read in the same process, so no clock skew enters
// the latency figures.
inline qint64 nowUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace seneschal::bench
