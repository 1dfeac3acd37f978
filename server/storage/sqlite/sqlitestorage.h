#pragma once

#include "storage/sqlstorage.h"

#include <memory>

namespace seneschal::storage {

class WalCheckpointer;

// The embedded default: one SQLite file in WAL mode, so the sync and the
// auth connection can read while the other writes. Holds every SQLite
// statement of the server.
class SqliteStorage final : public SqlStorage
{
public:
    SqliteStorage(const DatabaseConfig &config, const QString &connectionName, Clock clock = {});
    ~SqliteStorage() override;

    QString backendName() const override;
    void close() override;

protected:
    QString driverName() const override;
    void configure(QSqlDatabase &db) const override;
    Failure setUpSession() override;
    QString migrationDirectory() const override;
    bool transactionalDdl() const override;
    bool isConnectionLost(const QSqlError &error) const override;

private:
    std::unique_ptr<WalCheckpointer> m_checkpointer;
};

} // namespace seneschal::storage
