#pragma once

#include "storage/sqlstorage.h"

namespace seneschal::storage {

// MariaDB or MySQL through QMYSQL, for deployments that want a database
// server. Holds every MySQL statement of the server and decides which
// client errors mean the server is gone.
class MysqlStorage final : public SqlStorage
{
public:
    MysqlStorage(const DatabaseConfig &config, const QString &connectionName, Clock clock = {});

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
