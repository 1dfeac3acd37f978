#include "storagefactory.h"

#include "storage/mysql/mysqlstorage.h"
#include "storage/sqlite/sqlitestorage.h"

namespace seneschal::storage {

std::unique_ptr<Storage> createStorage(const DatabaseConfig &config, const QString &connectionName,
                                       Clock clock)
{
    if (config.backend == u"sqlite")
        return std::make_unique<SqliteStorage>(config, connectionName, std::move(clock));
    if (config.backend == u"mysql" || config.backend == u"mariadb")
        return std::make_unique<MysqlStorage>(config, connectionName, std::move(clock));
    return nullptr;
}

} // namespace seneschal::storage
