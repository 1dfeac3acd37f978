#pragma once

#include "storage/sqlstorage.h"

namespace seneschal::storage {

// The embedded default: one SQLite file in WAL mode, so the sync and the
// auth connection can read while the other writes. Holds every SQLite
// statement of the server.
class SqliteStorage final : public SqlStorage
{
public:
    SqliteStorage(const DatabaseConfig &config, const QString &connectionName, Clock clock = {});

    QString backendName() const override;

protected:
    QString driverName() const override;
    void configure(QSqlDatabase &db) const override;
    Failure setUpSession() override;
    QString migrationDirectory() const override;
    bool transactionalDdl() const override;
    bool isConnectionLost(const QSqlError &error) const override;
};

} // namespace seneschal::storage
