#pragma once

#include "storage/databaseconfig.h"
#include "storage/storage.h"

#include <functional>
#include <memory>

namespace seneschal::storage {

// Milliseconds since the epoch; tests pass a fake one.
using Clock = std::function<qint64()>;

// Creates the backend named by `config.backend`, not yet opened; nullptr for
// an unknown backend. `connectionName` must be unique per instance: each
// instance owns one QSqlDatabase connection and is used from one thread
// (call open() from that thread). `clock` stamps objects' updated_ms (the
// tombstone retention clock); empty means the system clock.
std::unique_ptr<Storage> createStorage(const DatabaseConfig &config, const QString &connectionName,
                                       Clock clock = {});

} // namespace seneschal::storage
