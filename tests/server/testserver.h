#pragma once

#include "client/syncclientoptions.h"
#include "storage/storage.h"

#include <QMap>
#include <QProcess>
#include <QSslCertificate>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>
#include <memory>

namespace seneschal::test {

// A real seneschal-server process for one test: its own data directory, its
// own database (SQLite file, or a fresh database on the private MariaDB when
// SENESCHAL_TEST_BACKEND=mysql), the test CA's certificate, a free port.
class TestServer
{
public:
    TestServer();
    ~TestServer();

    QString backend() const { return m_backend; }
    bool isMysql() const { return m_backend == u"mysql"; }
    // Extra configuration lines, "section/key" -> value, before start().
    void set(const QString &key, const QString &value) { m_overrides.insert(key, value); }

    // Starts the server with this hard and soft limit on open files (0: as
    // inherited), so that running out of descriptors can be staged.
    void setOpenFileLimit(quint64 limit) { m_openFileLimit = limit; }
    // Starts the server with this limit on the size of any file it writes
    // (RLIMIT_FSIZE, 0: as inherited), so that a full disk can be staged.
    void setFileSizeLimit(quint64 bytes) { m_fileSizeLimit = bytes; }
    // Changes the running server's file-size limit (0: unlimited), as space
    // running out or coming back under its feet.
    bool changeFileSizeLimit(quint64 bytes);
    // The running server's process id (0: not running).
    qint64 pid() const { return isRunning() ? m_process->processId() : 0; }
    // Its SQLite database file (sqlite backend).
    QString databaseFile() const;

    // Creates a local user through the command line (password on stdin).
    bool addUser(const QString &name, const QString &password, const QStringList &groups = {});
    bool start();
    // SIGTERM and wait; returns the exit code (-1: did not exit).
    int stop();
    void kill(); // SIGKILL: no chance to flush anything
    bool isRunning() const { return m_process && m_process->state() == QProcess::Running; }

    // How many files the server process has open (-1: not running).
    int openDescriptors() const;
    QUrl url() const;
    quint16 port() const { return m_port; }
    QList<QSslCertificate> caCertificates() const;
    QString tlsDir() const { return m_tlsDir; }
    client::SyncClientOptions device(const QString &cuid, const QString &user,
                                     const QString &password) const;
    // A Storage on the server's database, for looking at what it keeps.
    // `nowMs` (if set) is the clock it stamps objects' updated_ms with.
    std::unique_ptr<storage::Storage> openStorage(qint64 nowMs = 0) const;
    QString output() const;
    QString configFile() const;
    // server/dataDir (the JWT secret, the SQLite database).
    QString dataDir() const { return m_dir.filePath(QStringLiteral("data")); }

    // The private MariaDB's scripts (mysql backend only).
    bool stopDatabase();
    bool startDatabase();
    // SIGKILL to the private MariaDB: no shutdown, no flush; startDatabase()
    // brings it back through InnoDB's crash recovery.
    bool killDatabase();

    int runCli(const QStringList &args, const QByteArray &input, QString *output = nullptr) const;

private:
    bool writeConfig();

    QString m_backend;
    QTemporaryDir m_dir;
    QString m_tlsDir;
    QString m_database;
    quint16 m_port = 0;
    QMap<QString, QString> m_overrides;
    quint64 m_openFileLimit = 0;
    quint64 m_fileSizeLimit = 0;
    std::unique_ptr<QProcess> m_process;
    mutable QString m_output;
};

} // namespace seneschal::test
