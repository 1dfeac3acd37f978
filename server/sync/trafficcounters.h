#pragma once

#include <QtGlobal>
#include <atomic>

namespace seneschal::sync {

// Counters the socket thread keeps and the sync thread reads for the admin
// interface's `stats` (PROTOCOL.md 10): relaxed atomics, one add per
// delivered frame, no lock on the hot path.
struct TrafficCounters
{
    std::atomic<quint64> deliveries{0}; // frames written to devices
    std::atomic<int> connections{0};    // open WebSocket connections, admin ones included
};

} // namespace seneschal::sync
