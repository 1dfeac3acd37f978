#include "serverprocess.h"

#include "auth/jwtsecretfile.h"
#include "procstats.h"
#include "storage/mysql/mysqldatabaseadmin.h"
#include "storage/storagefactory.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>
#include <QThread>
#include <csignal>
#include <sys/prctl.h>

namespace seneschal::bench {

using namespace Qt::StringLiterals;

ServerProcess::ServerProcess(ServerSettings settings, QString name)
    : m_settings(std::move(settings))
    , m_name(std::move(name))
    , m_dir(QDir(m_settings.workDir).filePath(m_name))
    , m_database(u"seneschal_bench_"_s + QString(m_name).replace(u'-', u'_'))
{}

ServerProcess::~ServerProcess()
{
    stop();
    if (m_settings.backend == u"mysql"_s)
        storage::dropMysqlDatabase(databaseConfig());
}

QString ServerProcess::logFile() const
{
    return QDir(m_dir).filePath(u"server.log"_s);
}

storage::DatabaseConfig ServerProcess::databaseConfig() const
{
    storage::DatabaseConfig config;
    config.backend = m_settings.backend;
    config.path = QDir(m_dir).filePath(u"data/seneschal.db"_s);
    config.host = u"127.0.0.1"_s;
    config.port = m_settings.mysqlPort;
    config.name = m_database;
    config.user = m_settings.mysqlUser;
    config.password = m_settings.mysqlPassword;
    return config;
}

bool ServerProcess::prepare(QString *error)
{
    QDir(m_dir).removeRecursively();
    if (!QDir().mkpath(QDir(m_dir).filePath(u"data"_s))) {
        *error = u"cannot create "_s + m_dir;
        return false;
    }
    const auto db = databaseConfig();
    QMap<QString, QString> values{
        {u"server/listen"_s, u"127.0.0.1"_s},
        {u"server/port"_s, QString::number(m_settings.port)},
        {u"server/dataDir"_s, QDir(m_dir).filePath(u"data"_s)},
        {u"tls/enabled"_s, u"false"_s},
        // Every bench device is the same user: the per-user message budget
        // would measure itself, not the server.
        {u"limits/messagesPerSecond"_s, u"0"_s},
        {u"database/backend"_s, db.backend},
    };
    if (db.backend == u"mysql"_s) {
        values.insert(u"database/host"_s, db.host);
        values.insert(u"database/port"_s, QString::number(db.port));
        values.insert(u"database/name"_s, db.name);
        values.insert(u"database/user"_s, db.user);
        values.insert(u"database/password"_s, db.password);
        if (auto created = storage::recreateMysqlDatabase(db); !created) {
            *error = u"cannot create database %1: %2"_s.arg(db.name, created.error().message);
            return false;
        }
    } else {
        values.insert(u"database/path"_s, u"seneschal.db"_s);
    }
    for (auto it = m_settings.extra.cbegin(); it != m_settings.extra.cend(); ++it)
        values.insert(it.key(), it.value());
    QMap<QString, QStringList> sections;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const auto slash = it.key().indexOf(u'/');
        sections[it.key().left(slash)].append(it.key().mid(slash + 1) + u" = "_s + it.value());
    }
    QFile file(QDir(m_dir).filePath(u"seneschal.conf"_s));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = u"cannot write "_s + file.fileName();
        return false;
    }
    QTextStream out(&file);
    for (auto it = sections.cbegin(); it != sections.cend(); ++it)
        out << '[' << it.key() << "]\n" << it.value().join(u'\n') << "\n\n";
    file.close();
    m_secret = auth::JwtSecretFile(QDir(m_dir).filePath(u"data/jwt.secret"_s)).loadOrCreate(error);
    return !m_secret.isEmpty();
}

int ServerProcess::runCli(const QStringList &args, const QByteArray &input, QString *output) const
{
    QProcess cli;
    cli.setProcessChannelMode(QProcess::MergedChannels);
    cli.start(m_settings.binary,
              QStringList{u"--config"_s, QDir(m_dir).filePath(u"seneschal.conf"_s)} + args);
    if (!cli.waitForStarted(10000))
        return -1;
    cli.write(input);
    cli.closeWriteChannel();
    if (!cli.waitForFinished(60000)) {
        cli.kill();
        return -1;
    }
    if (output)
        *output = QString::fromUtf8(cli.readAll());
    return cli.exitCode();
}

bool ServerProcess::addUserWithPassword(const QString &name, const QString &password,
                                        QString *error)
{
    QString output;
    if (runCli({u"user"_s, u"add"_s, name}, password.toUtf8() + '\n', &output) != 0) {
        *error = u"user add %1 failed: %2"_s.arg(name, output.trimmed());
        return false;
    }
    return true;
}

bool ServerProcess::addGroupMember(const QString &group, const QString &name, QString *error)
{
    runCli({u"group"_s, u"add"_s, group}, {}, nullptr);
    QString output;
    if (runCli({u"group"_s, u"member-add"_s, group, name}, {}, &output) != 0) {
        *error = u"group member-add %1 %2 failed: %3"_s.arg(group, name, output.trimmed());
        return false;
    }
    return true;
}

std::unique_ptr<storage::Storage> ServerProcess::openStorage(QString *error) const
{
    auto storage = storage::createStorage(databaseConfig(), u"bench-storage-"_s + m_name);
    if (!storage) {
        *error = u"unknown backend "_s + m_settings.backend;
        return nullptr;
    }
    if (auto opened = storage->open(); !opened) {
        *error = u"cannot open the database: "_s + opened.error().message;
        return nullptr;
    }
    return storage;
}

bool ServerProcess::start(QString *error)
{
    QFile::remove(logFile());
    m_process = std::make_unique<QProcess>();
    m_process->setStandardOutputFile(logFile());
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_NO_GLIB"_s, u"1"_s);
    m_process->setProcessEnvironment(env);
    // The server dies with the benchmark, also when the benchmark is killed.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_process->start(m_settings.binary, {u"--config"_s, QDir(m_dir).filePath(u"seneschal.conf"_s)});
    if (!m_process->waitForStarted(10000)) {
        *error = u"cannot start "_s + m_settings.binary;
        return false;
    }
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 30000) {
        QFile log(logFile());
        if (log.open(QIODevice::ReadOnly) && log.readAll().contains("listening on"))
            return true;
        if (m_process->state() != QProcess::Running) {
            *error = u"server exited: "_s + logTail();
            return false;
        }
        QThread::msleep(20);
    }
    *error = u"server did not start: "_s + logTail();
    return false;
}

int ServerProcess::stop()
{
    if (!isRunning())
        return m_process ? m_process->exitCode() : -1;
    ::kill(pid_t(m_process->processId()), SIGTERM);
    if (m_process->waitForFinished(20000))
        return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
    m_process->kill();
    m_process->waitForFinished(5000);
    return -1;
}

bool ServerProcess::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

qint64 ServerProcess::pid() const
{
    return isRunning() ? m_process->processId() : 0;
}

double ServerProcess::cpuSeconds() const
{
    return isRunning() ? procstats::cpuSeconds(pid()) : 0;
}

qint64 ServerProcess::rssKiB() const
{
    return isRunning() ? procstats::rssKiB(pid()) : 0;
}

QString ServerProcess::logTail(int lines) const
{
    QFile log(logFile());
    if (!log.open(QIODevice::ReadOnly))
        return {};
    const QStringList all = QString::fromUtf8(log.readAll()).split(u'\n');
    return all.mid(std::max<qsizetype>(0, all.size() - lines)).join(u'\n');
}

} // namespace seneschal::bench
