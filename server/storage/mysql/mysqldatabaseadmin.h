#pragma once

#include "storage/databaseconfig.h"
#include "storage/storage.h"

namespace seneschal::storage {

// Creating and dropping a whole MariaDB/MySQL database. The server never
// does either (its operator creates the database, docs/operations.md); the
// tests and benchmarks that need a fresh database per run do it through
// these. They connect as config.user without selecting a database.

// Drops config.name if it exists.
Status dropMysqlDatabase(const DatabaseConfig &config);
// Drops config.name if it exists and creates it empty, in utf8mb4 with the
// bytewise collation the schema uses.
Status recreateMysqlDatabase(const DatabaseConfig &config);

} // namespace seneschal::storage
