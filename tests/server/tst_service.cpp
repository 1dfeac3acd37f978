// seneschal-server as a systemd service: readiness and stopping told over
// the NOTIFY_SOCKET datagram protocol (Type=notify), and SIGHUP reloading
// the TLS certificate (ExecReload) for the connections that follow. The real
// server process, with a datagram socket of the test's standing in for
// systemd.

#include "app/servicenotifier.h"
#include "transport/tlscredentials.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSslSocket>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using seneschal::app::ServiceNotifier;
using seneschal::transport::TlsCredentials;

namespace {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// A datagram socket where the server's notifications arrive, as systemd's.
class NotifySocket
{
public:
    // `name`: a path, or "@name" in the abstract namespace.
    explicit NotifySocket(const QByteArray &name)
        : m_name(name)
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        memcpy(address.sun_path, name.constData(), size_t(name.size()));
        if (name.startsWith('@'))
            address.sun_path[0] = '\0';
        const auto length = socklen_t(offsetof(sockaddr_un, sun_path) + size_t(name.size()) +
                                      (name.startsWith('@') ? 0 : 1));
        m_bound = m_fd >= 0 && ::bind(m_fd, reinterpret_cast<sockaddr *>(&address), length) == 0;
    }
    ~NotifySocket()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool isBound() const { return m_bound; }
    QByteArray name() const { return m_name; }

    // The next datagram, or empty after `timeoutMs`. The event loop keeps
    // running meanwhile, so the server's output is still collected.
    QByteArray next(int timeoutMs = 20000)
    {
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < timeoutMs) {
            pollfd p{m_fd, POLLIN, 0};
            if (::poll(&p, 1, 0) == 1) {
                char buffer[4096];
                const ssize_t n = ::recv(m_fd, buffer, sizeof(buffer), 0);
                if (n >= 0)
                    return QByteArray(buffer, qsizetype(n));
            }
            QTest::qWait(10);
        }
        return {};
    }
    // The next datagram that contains `assignment` (e.g. "READY=1").
    QByteArray waitFor(const QByteArray &assignment, int timeoutMs = 20000)
    {
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < timeoutMs) {
            const QByteArray message = next(int(timeoutMs - waited.elapsed()));
            if (message.split('\n').contains(assignment))
                return message;
        }
        return {};
    }

private:
    QByteArray m_name;
    int m_fd = -1;
    bool m_bound = false;
};

// One server process with its own data directory, certificate files and port.
class ServiceProcess
{
public:
    ServiceProcess()
        : m_port(freePort())
    {}
    ~ServiceProcess()
    {
        if (m_process.state() == QProcess::Running) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    QString certificateFile() const { return m_dir.filePath(u"server.pem"_s); }
    QString keyFile() const { return m_dir.filePath(u"server.key"_s); }
    quint16 port() const { return m_port; }
    QString output()
    {
        m_output += QString::fromUtf8(m_process.readAll());
        return m_output;
    }

    bool start(const QByteArray &notifySocket)
    {
        QFile config(m_dir.filePath(u"seneschal.conf"_s));
        if (!config.open(QIODevice::WriteOnly))
            return false;
        config.write(u"[server]\nlisten = 127.0.0.1\nport = %1\ndataDir = %2\n\n"
                     "[tls]\ncertificate = %3\nkey = %4\n"_s.arg(m_port)
                         .arg(m_dir.filePath(u"data"_s), certificateFile(), keyFile())
                         .toUtf8());
        config.close();
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"NOTIFY_SOCKET"_s, QString::fromLocal8Bit(notifySocket));
        m_process.setProcessEnvironment(environment);
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(QStringLiteral(SENESCHAL_SERVER_BINARY),
                        {u"--config"_s, config.fileName()});
        return m_process.waitForStarted(10000);
    }
    // Whether the server logs `text` within 10 s (its output arrives after
    // the datagram that follows the same event).
    bool logs(const QString &text)
    {
        QElapsedTimer waited;
        waited.start();
        while (!output().contains(text) && waited.elapsed() < 10000)
            QTest::qWait(20);
        return output().contains(text);
    }
    void signal(int number) { ::kill(pid_t(m_process.processId()), number); }
    // Exit code after a stop (-1: still running after 15 s, or crashed).
    int waitForExit()
    {
        if (!m_process.waitForFinished(15000))
            return -1;
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }

private:
    QTemporaryDir m_dir;
    quint16 m_port;
    QProcess m_process;
    QString m_output;
};

// The SHA-256 of the certificate a TLS client is shown now.
QByteArray servedCertificate(quint16 port)
{
    QSslSocket socket;
    socket.setPeerVerifyMode(QSslSocket::VerifyNone);
    socket.connectToHostEncrypted(u"127.0.0.1"_s, port);
    if (!socket.waitForEncrypted(10000))
        return {};
    return socket.peerCertificate().digest(QCryptographicHash::Sha256);
}

QByteArray certificateDigest(const QString &file)
{
    const auto certificates = QSslCertificate::fromPath(file);
    return certificates.isEmpty() ? QByteArray()
                                  : certificates.first().digest(QCryptographicHash::Sha256);
}

// A new self-signed pair in `dir`.
bool makePair(const QTemporaryDir &dir, QString *certificate, QString *key)
{
    *certificate = dir.filePath(u"cert.pem"_s);
    *key = dir.filePath(u"key.pem"_s);
    QString error;
    return TlsCredentials::ensureSelfSigned(*certificate, *key, QString(), &error);
}

bool replaceFile(const QString &from, const QString &to)
{
    QFile::remove(to);
    return QFile::copy(from, to);
}

} // namespace

class TestService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void notifier_sends_datagrams_to_a_path_socket();
    void notifier_sends_datagrams_to_an_abstract_socket();
    void notifier_without_a_socket_does_nothing();
    void notifier_refuses_a_name_that_is_no_socket();
    void server_is_ready_once_it_listens_and_says_when_it_stops();
    void sighup_serves_the_new_certificate_to_new_connections();
    void sighup_with_a_mismatched_pair_keeps_the_certificate_in_use();
};

void TestService::notifier_sends_datagrams_to_a_path_socket()
{
    QTemporaryDir dir;
    NotifySocket socket(QFile::encodeName(dir.filePath(u"notify"_s)));
    QVERIFY(socket.isBound());
    ServiceNotifier notifier(socket.name());
    QVERIFY(notifier.isActive());
    QVERIFY2(notifier.ready(u"listening on port 7443"_s), qPrintable(notifier.errorString()));
    QCOMPARE(socket.next(), QByteArray("READY=1\nSTATUS=listening on port 7443"));
    QVERIFY(notifier.stopping(u"two\nlines"_s));
    QCOMPARE(socket.next(), QByteArray("STOPPING=1\nSTATUS=two lines"));
    QVERIFY(notifier.reloading());
    const QList<QByteArray> reloading = socket.next().split('\n');
    QCOMPARE(reloading.first(), QByteArray("RELOADING=1"));
    QVERIFY(reloading.at(1).startsWith("MONOTONIC_USEC="));
}

void TestService::notifier_sends_datagrams_to_an_abstract_socket()
{
    NotifySocket socket("@seneschal-test-" +
                        QByteArray::number(QCoreApplication::applicationPid()));
    QVERIFY(socket.isBound());
    ServiceNotifier notifier(socket.name());
    QVERIFY2(notifier.status(u"starting"_s), qPrintable(notifier.errorString()));
    QCOMPARE(socket.next(), QByteArray("STATUS=starting"));
}

void TestService::notifier_without_a_socket_does_nothing()
{
    ServiceNotifier notifier{QByteArray()};
    QVERIFY(!notifier.isActive());
    QVERIFY(notifier.ready(u"listening"_s));
    QVERIFY(notifier.errorString().isEmpty());
}

void TestService::notifier_refuses_a_name_that_is_no_socket()
{
    ServiceNotifier relative("relative/path");
    QVERIFY(!relative.ready(u"x"_s));
    QVERIFY(relative.errorString().contains(u"NOTIFY_SOCKET"_s));
    QTemporaryDir dir;
    ServiceNotifier missing(QFile::encodeName(dir.filePath(u"nobody-listens"_s)));
    QVERIFY(!missing.ready(u"x"_s));
    QVERIFY(!missing.errorString().isEmpty());
}

void TestService::server_is_ready_once_it_listens_and_says_when_it_stops()
{
    QTemporaryDir sockets;
    NotifySocket socket(QFile::encodeName(sockets.filePath(u"notify"_s)));
    QVERIFY(socket.isBound());
    ServiceProcess server;
    QTemporaryDir pairDir;
    QString certificate, key;
    QVERIFY(makePair(pairDir, &certificate, &key));
    QVERIFY(replaceFile(certificate, server.certificateFile()));
    QVERIFY(replaceFile(key, server.keyFile()));
    QVERIFY(server.start(socket.name()));

    const QByteArray ready = socket.waitFor("READY=1");
    QVERIFY2(!ready.isEmpty(), qPrintable(server.output()));
    const QByteArray status = "STATUS=listening on port " + QByteArray::number(server.port());
    QVERIFY(ready.contains(status));
    // Ready means listening: a client is served at once.
    QCOMPARE(servedCertificate(server.port()), certificateDigest(certificate));

    server.signal(SIGTERM);
    const QByteArray stopping = socket.waitFor("STOPPING=1");
    QVERIFY2(!stopping.isEmpty(), qPrintable(server.output()));
    QCOMPARE(server.waitForExit(), 0);
    QVERIFY(server.logs(u"stopped"_s));
}

void TestService::sighup_serves_the_new_certificate_to_new_connections()
{
    QTemporaryDir sockets;
    NotifySocket socket(QFile::encodeName(sockets.filePath(u"notify"_s)));
    ServiceProcess server;
    QTemporaryDir oldDir, newDir;
    QString oldCertificate, oldKey, newCertificate, newKey;
    QVERIFY(makePair(oldDir, &oldCertificate, &oldKey));
    QVERIFY(makePair(newDir, &newCertificate, &newKey));
    QVERIFY(certificateDigest(oldCertificate) != certificateDigest(newCertificate));
    QVERIFY(replaceFile(oldCertificate, server.certificateFile()));
    QVERIFY(replaceFile(oldKey, server.keyFile()));
    QVERIFY(server.start(socket.name()));
    QVERIFY2(!socket.waitFor("READY=1").isEmpty(), qPrintable(server.output()));

    // A connection opened before the renewal keeps its session.
    QSslSocket before;
    before.setPeerVerifyMode(QSslSocket::VerifyNone);
    before.connectToHostEncrypted(u"127.0.0.1"_s, server.port());
    QVERIFY(before.waitForEncrypted(10000));
    QCOMPARE(before.peerCertificate().digest(QCryptographicHash::Sha256),
             certificateDigest(oldCertificate));

    QVERIFY(replaceFile(newCertificate, server.certificateFile()));
    QVERIFY(replaceFile(newKey, server.keyFile()));
    server.signal(SIGHUP);
    QVERIFY2(!socket.waitFor("RELOADING=1").isEmpty(), qPrintable(server.output()));
    const QByteArray readyAgain = socket.waitFor("READY=1");
    QVERIFY2(!readyAgain.isEmpty(), qPrintable(server.output()));
    QVERIFY(!readyAgain.contains("failed"));
    QVERIFY2(server.logs(u"reloaded the certificate"_s), qPrintable(server.output()));

    QCOMPARE(servedCertificate(server.port()), certificateDigest(newCertificate));
    QCOMPARE(before.state(), QAbstractSocket::ConnectedState);

    server.signal(SIGTERM);
    QCOMPARE(server.waitForExit(), 0);
}

void TestService::sighup_with_a_mismatched_pair_keeps_the_certificate_in_use()
{
    QTemporaryDir sockets;
    NotifySocket socket(QFile::encodeName(sockets.filePath(u"notify"_s)));
    ServiceProcess server;
    QTemporaryDir oldDir, newDir;
    QString oldCertificate, oldKey, newCertificate, newKey;
    QVERIFY(makePair(oldDir, &oldCertificate, &oldKey));
    QVERIFY(makePair(newDir, &newCertificate, &newKey));
    QVERIFY(replaceFile(oldCertificate, server.certificateFile()));
    QVERIFY(replaceFile(oldKey, server.keyFile()));
    QVERIFY(server.start(socket.name()));
    QVERIFY2(!socket.waitFor("READY=1").isEmpty(), qPrintable(server.output()));

    // Caught half renewed: the new certificate beside the old key.
    QVERIFY(replaceFile(newCertificate, server.certificateFile()));
    server.signal(SIGHUP);
    const QByteArray readyAgain = socket.waitFor("READY=1");
    QVERIFY2(readyAgain.contains("last reload failed"), readyAgain.constData());
    QVERIFY2(server.logs(u"does not belong to the certificate"_s), qPrintable(server.output()));
    QCOMPARE(servedCertificate(server.port()), certificateDigest(oldCertificate));

    server.signal(SIGTERM);
    QCOMPARE(server.waitForExit(), 0);
}

QTEST_GUILESS_MAIN(TestService)
#include "tst_service.moc"
