#include "mysqldatabaseadmin.h"

#include <QAtomicInteger>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace seneschal::storage {

namespace {

// Runs `statements` in order on a connection of its own; the first failure
// ends the run.
Status runAsAdmin(const DatabaseConfig &config, const QStringList &statements)
{
    static QAtomicInteger<int> serial;
    const QString connection = u"seneschal-mysql-admin-%1"_s.arg(serial.fetchAndAddRelaxed(1));
    Status status = Done{};
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QMYSQL"_s, connection);
        db.setHostName(config.host);
        db.setPort(config.port);
        db.setUserName(config.user);
        db.setPassword(config.password);
        db.setConnectOptions(u"MYSQL_OPT_CONNECT_TIMEOUT="_s +
                             QString::number(qMax(1, config.connectTimeoutS)));
        if (!db.open()) {
            status = StorageError{u"cannot reach MariaDB on %1:%2: %3"_s.arg(config.host)
                                      .arg(config.port)
                                      .arg(db.lastError().text()),
                                  true};
        } else {
            QSqlQuery query(db);
            for (const QString &statement : statements) {
                if (!query.exec(statement)) {
                    status = StorageError{u"%1: %2"_s.arg(statement, query.lastError().text())};
                    break;
                }
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return status;
}

QString dropStatement(const QString &name)
{
    return u"DROP DATABASE IF EXISTS `%1`"_s.arg(name);
}

} // namespace

Status dropMysqlDatabase(const DatabaseConfig &config)
{
    return runAsAdmin(config, {dropStatement(config.name)});
}

Status recreateMysqlDatabase(const DatabaseConfig &config)
{
    return runAsAdmin(
        config,
        {dropStatement(config.name),
         u"CREATE DATABASE `%1` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"_s.arg(config.name)});
}

} // namespace seneschal::storage
