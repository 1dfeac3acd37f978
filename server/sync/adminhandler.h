#pragma once

#include "commands.h"
#include "outcomes.h"

#include <functional>
#include <memory>

namespace seneschal::storage {
class Storage;
}

namespace seneschal::sync {

class SyncService;

// What the sync thread offers the admin interface (server/admin implements
// it): requests are answered and live events produced on this thread, from
// the same service state and committed batches the devices are served from,
// so a snapshot and the events after it leave no gap.
class AdminHandler
{
public:
    virtual ~AdminHandler() = default;

    virtual void handle(const AdminCommand &command, Outcome &outcome) = 0;
    virtual void sessionLeft(SessionId session) = 0;
    // After each pass: the events of what it committed.
    virtual void afterPass(Outcome &outcome) = 0;
    // About once a second: stats, lags, the work of queue dry runs.
    virtual void tick(Outcome &outcome) = 0;
    // Work left for the next pass (queue dry runs part way).
    virtual bool hasWork() const = 0;
    virtual void work(Outcome &outcome) = 0;
};

using AdminHandlerFactory =
    std::function<std::unique_ptr<AdminHandler>(SyncService &service, storage::Storage &storage)>;

} // namespace seneschal::sync
