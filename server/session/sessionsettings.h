#pragma once

#include "protocol/limits.h"

namespace seneschal::session {

// Per-connection rules from the `[limits]` section of the configuration.
struct SessionSettings
{
    protocol::Limits limits;
    int helloTimeoutMs = 10000;
    int maxBadMessagesInARow = 20;
    // A peer that stops reading is dropped once this much is queued for it;
    // it catches up from its `since` when it comes back.
    qint64 maxPendingWriteBytes = 256 * 1024 * 1024;
    // A peer sending faster than the server takes its messages is closed
    // with rate_limited (4429) once this many of its messages wait for the
    // sync thread.
    int maxQueuedMessages = 100000;
    // Live messages per second of one user's devices together, and the
    // burst above it (MessageBudget); 0: no limit.
    int messagesPerSecond = 2000;
    int messageBurst = 20000;
};

} // namespace seneschal::session
