#include "testserver.h"

#include "storage/mysql/mysqldatabaseadmin.h"
#include "storage/storagefactory.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTcpServer>
#include <QTest>
#include <QTextStream>
#include <csignal>
#include <sys/resource.h>

namespace seneschal::test {

using namespace Qt::StringLiterals;

namespace {

QString env(const char *name, const QString &fallback = {})
{
    const QString value = qEnvironmentVariable(name);
    return value.isEmpty() ? fallback : value;
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

storage::DatabaseConfig mysqlConfig(const QString &database)
{
    storage::DatabaseConfig config;
    config.backend = u"mysql"_s;
    config.host = env("SENESCHAL_TEST_MYSQL_HOST", u"127.0.0.1"_s);
    config.port = env("SENESCHAL_TEST_MYSQL_PORT", u"13306"_s).toInt();
    config.name = database;
    config.user = env("SENESCHAL_TEST_MYSQL_USER");
    config.password = env("SENESCHAL_TEST_MYSQL_PASSWORD");
    return config;
}

} // namespace

TestServer::TestServer()
    : m_backend(env("SENESCHAL_TEST_BACKEND", u"sqlite"_s))
    , m_tlsDir(env("SENESCHAL_TEST_TLS_DIR"))
{
    static int counter = 0;
    m_database = u"seneschal_srv_%1_%2"_s.arg(QCoreApplication::applicationPid()).arg(++counter);
    m_port = freePort();
    if (isMysql()) {
        if (auto created = storage::recreateMysqlDatabase(mysqlConfig(m_database)); !created)
            qWarning() << "the MySQL database for this test could not be created:"
                       << created.error().message;
    }
    writeConfig();
}

TestServer::~TestServer()
{
    if (isRunning())
        kill();
}

QString TestServer::configFile() const
{
    return m_dir.filePath(u"seneschal.conf"_s);
}

bool TestServer::writeConfig()
{
    QMap<QString, QString> values{
        {u"server/listen"_s, u"127.0.0.1"_s},
        {u"server/port"_s, QString::number(m_port)},
        {u"server/dataDir"_s, m_dir.filePath(u"data"_s)},
        {u"tls/certificate"_s, m_tlsDir + u"/server.pem"_s},
        {u"tls/key"_s, m_tlsDir + u"/server.key"_s},
        {u"auth/providers"_s, u"local"_s},
        {u"auth/adminGroup"_s, u"admins"_s},
    };
    if (isMysql()) {
        const auto db = mysqlConfig(m_database);
        values.insert(u"database/backend"_s, u"mysql"_s);
        values.insert(u"database/host"_s, db.host);
        values.insert(u"database/port"_s, QString::number(db.port));
        values.insert(u"database/name"_s, db.name);
        values.insert(u"database/user"_s, db.user);
        values.insert(u"database/password"_s, db.password);
        values.insert(u"database/connectTimeout"_s, u"2"_s);
    } else {
        values.insert(u"database/backend"_s, u"sqlite"_s);
        values.insert(u"database/path"_s, u"seneschal.db"_s);
    }
    for (auto it = m_overrides.cbegin(); it != m_overrides.cend(); ++it)
        values.insert(it.key(), it.value());

    QMap<QString, QStringList> sections;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const auto slash = it.key().indexOf(u'/');
        sections[it.key().left(slash)].append(it.key().mid(slash + 1) + u" = "_s + it.value());
    }
    QFile file(configFile());
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    QTextStream out(&file);
    for (auto it = sections.cbegin(); it != sections.cend(); ++it)
        out << '[' << it.key() << "]\n" << it.value().join(u'\n') << "\n\n";
    return true;
}

int TestServer::runCli(const QStringList &args, const QByteArray &input, QString *output) const
{
    QProcess cli;
    cli.setProcessChannelMode(QProcess::MergedChannels);
    cli.start(QStringLiteral(SENESCHAL_SERVER_BINARY),
              QStringList{u"--config"_s, configFile()} + args);
    if (!cli.waitForStarted(10000))
        return -1;
    cli.write(input);
    cli.closeWriteChannel();
    if (!cli.waitForFinished(60000)) {
        cli.kill();
        return -1;
    }
    const QString text = QString::fromUtf8(cli.readAll());
    if (output)
        *output = text;
    if (cli.exitCode() != 0)
        qWarning().noquote() << "seneschal-server" << args.join(u' ') << "failed:" << text;
    return cli.exitCode();
}

bool TestServer::addUser(const QString &name, const QString &password, const QStringList &groups)
{
    const_cast<TestServer *>(this)->writeConfig();
    if (runCli({u"user"_s, u"add"_s, name}, password.toUtf8() + '\n') != 0)
        return false;
    for (const QString &group : groups) {
        runCli({u"group"_s, u"add"_s, group}, {}); // may exist already
        if (runCli({u"group"_s, u"member-add"_s, group, name}, {}) != 0)
            return false;
    }
    return true;
}

bool TestServer::start()
{
    writeConfig();
    // Earlier runs' output stays for failure reports; only this run's counts.
    const qsizetype runStart = m_output.size();
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    QObject::connect(m_process.get(), &QProcess::readyRead, m_process.get(),
                     [this] { m_output += QString::fromUtf8(m_process->readAll()); });
    if (m_openFileLimit > 0 || m_fileSizeLimit > 0) {
        const rlim_t files = m_openFileLimit;
        const rlim_t size = m_fileSizeLimit;
        m_process->setChildProcessModifier([files, size] {
            if (files > 0) {
                const rlimit both{files, files};
                setrlimit(RLIMIT_NOFILE, &both);
            }
            if (size > 0) {
                // The soft limit only: the test raises it again (prlimit).
                rlimit current{};
                getrlimit(RLIMIT_FSIZE, &current);
                current.rlim_cur = size;
                setrlimit(RLIMIT_FSIZE, &current);
            }
        });
    }
    m_process->start(QStringLiteral(SENESCHAL_SERVER_BINARY), {u"--config"_s, configFile()});
    if (!m_process->waitForStarted(10000))
        return false;
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 20000) {
        if (m_output.indexOf(u"listening on"_s, runStart) >= 0)
            return true;
        if (m_process->state() != QProcess::Running) {
            qWarning().noquote() << "server exited:" << m_output;
            return false;
        }
        QTest::qWait(20);
    }
    qWarning().noquote() << "server did not start:" << m_output;
    return false;
}

bool TestServer::changeFileSizeLimit(quint64 bytes)
{
    if (!isRunning())
        return false;
    rlimit current{};
    const auto pid = pid_t(m_process->processId());
    if (prlimit(pid, RLIMIT_FSIZE, nullptr, &current) != 0)
        return false;
    current.rlim_cur = bytes > 0 ? rlim_t(bytes) : current.rlim_max;
    return prlimit(pid, RLIMIT_FSIZE, &current, nullptr) == 0;
}

QString TestServer::databaseFile() const
{
    return m_dir.filePath(u"data/seneschal.db"_s);
}

int TestServer::openDescriptors() const
{
    if (!isRunning())
        return -1;
    return int(QDir(u"/proc/%1/fd"_s.arg(m_process->processId()))
                   .entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)
                   .size());
}

int TestServer::stop()
{
    if (!isRunning())
        return m_process ? m_process->exitCode() : -1;
    ::kill(pid_t(m_process->processId()), SIGTERM);
    QElapsedTimer waited;
    waited.start();
    while (m_process->state() == QProcess::Running && waited.elapsed() < 15000)
        QTest::qWait(20);
    if (m_process->state() == QProcess::Running) {
        m_process->kill();
        m_process->waitForFinished(5000);
        return -1;
    }
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

void TestServer::kill()
{
    if (!m_process)
        return;
    ::kill(pid_t(m_process->processId()), SIGKILL);
    m_process->waitForFinished(10000);
}

QUrl TestServer::url() const
{
    return QUrl(u"wss://127.0.0.1:%1/v1"_s.arg(m_port));
}

QList<QSslCertificate> TestServer::caCertificates() const
{
    return QSslCertificate::fromPath(m_tlsDir + u"/ca.pem"_s);
}

client::SyncClientOptions TestServer::device(const QString &cuid, const QString &user,
                                             const QString &password) const
{
    client::SyncClientOptions options;
    options.url = url();
    options.cuid = cuid;
    options.auth = client::ClientAuth::withPassword(user, password);
    options.caCertificates = caCertificates();
    return options;
}

std::unique_ptr<storage::Storage> TestServer::openStorage(qint64 nowMs) const
{
    static int counter = 0;
    storage::DatabaseConfig config;
    if (isMysql()) {
        config = mysqlConfig(m_database);
    } else {
        config.backend = u"sqlite"_s;
        config.path = databaseFile();
    }
    storage::Clock clock;
    if (nowMs > 0)
        clock = [nowMs] { return nowMs; };
    auto storage = storage::createStorage(config, u"test-inspect-%1"_s.arg(++counter), clock);
    if (!storage || !storage->open())
        return nullptr;
    return storage;
}

QString TestServer::output() const
{
    if (m_process)
        m_output += QString::fromUtf8(m_process->readAll());
    return m_output;
}

bool TestServer::stopDatabase()
{
    return QProcess::execute(u"sh"_s, {env("SENESCHAL_TEST_MARIADB_STOP"),
                                       env("SENESCHAL_TEST_MARIADB_DIR")}) == 0;
}

bool TestServer::killDatabase()
{
    QFile pidFile(env("SENESCHAL_TEST_MARIADB_DIR") + u"/mysqld.pid"_s);
    if (!pidFile.open(QIODevice::ReadOnly))
        return false;
    const pid_t pid = pid_t(pidFile.readAll().trimmed().toLongLong());
    if (pid <= 0 || ::kill(pid, SIGKILL) != 0)
        return false;
    // It is not our child (no wait()): gone once /proc no longer has it, or
    // holds it as a zombie its reaper has not collected yet.
    const auto gone = [pid] {
        QFile stat(u"/proc/%1/stat"_s.arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            return true;
        const QByteArray line = stat.readAll();
        const qsizetype close = line.lastIndexOf(')');
        return close < 0 || line.mid(close + 2, 1) == "Z";
    };
    QElapsedTimer waited;
    waited.start();
    while (!gone() && waited.elapsed() < 10000)
        QTest::qWait(20);
    return gone();
}

bool TestServer::startDatabase()
{
    return QProcess::execute(u"sh"_s, {env("SENESCHAL_TEST_MARIADB_START"), u"--keep"_s,
                                       env("SENESCHAL_TEST_MARIADB_DIR"),
                                       env("SENESCHAL_TEST_MYSQL_PORT")}) == 0;
}

} // namespace seneschal::test
