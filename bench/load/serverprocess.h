#pragma once

#include "storage/databaseconfig.h"
#include "storage/storage.h"

#include <QMap>
#include <QProcess>
#include <QString>
#include <memory>

namespace seneschal::bench {

// Where and how to run seneschal-server for one measurement.
struct ServerSettings
{
    QString binary;  // seneschal-server
    QString backend; // sqlite | mysql
    QString workDir; // a fresh folder per server below this one
    quint16 port = 17443;
    quint16 mysqlPort = 13406;
    QString mysqlUser = QStringLiteral("seneschal");
    QString mysqlPassword = QStringLiteral("seneschal-test");
    QMap<QString, QString> extra; // more "section/key" = value lines
};

// One seneschal-server process with a fresh data directory (and, on MySQL, a
// fresh database): its configuration, its users, its pid for /proc readings,
// and a clean stop. Every scenario run gets its own, so no run sees another's
// devices or objects.
class ServerProcess
{
public:
    ServerProcess(ServerSettings settings, QString name);
    ~ServerProcess();
    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    // Writes the configuration, creates the database, the JWT secret.
    bool prepare(QString *error);
    // A user through the CLI (`user add`, password on stdin).
    bool addUserWithPassword(const QString &name, const QString &password, QString *error);
    // Makes a user a member of a local group through the CLI (`group add`,
    // which may find it there already, then `group member-add`).
    bool addGroupMember(const QString &group, const QString &name, QString *error);
    // Direct access to the server's database (users without password, device
    // rows); use before start() on SQLite.
    std::unique_ptr<storage::Storage> openStorage(QString *error) const;
    QByteArray jwtSecret() const { return m_secret; }

    bool start(QString *error);
    // SIGTERM, then SIGKILL after 20 s; returns the exit code (-1 if killed).
    int stop();
    bool isRunning() const;

    qint64 pid() const;
    double cpuSeconds() const;
    qint64 rssKiB() const;
    quint16 port() const { return m_settings.port; }
    QString logFile() const;
    QString logTail(int lines = 20) const;

private:
    storage::DatabaseConfig databaseConfig() const;
    int runCli(const QStringList &args, const QByteArray &input, QString *output) const;

    ServerSettings m_settings;
    QString m_name;
    QString m_dir;
    QString m_database;
    QByteArray m_secret;
    std::unique_ptr<QProcess> m_process;
};

} // namespace seneschal::bench
