// TLS of the real server process, seen from outside: `openssl s_client`
// checks the protocol versions and cipher suites it accepts, and a live
// device watches the certificate being reloaded on SIGHUP (a good pair, and
// pairs that fail to load).
#include "client/syncclient.h"
#include "testserver.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <csignal>
#include <functional>

using namespace Qt::StringLiterals;
using namespace seneschal;
using client::SyncClient;
using test::TestServer;

namespace {

constexpr int kTimeout = 20000;

struct Handshake
{
    bool established = false;
    QString protocol; // "TLSv1.2", ...
    QString cipher;
    QString output;
};

// One `openssl s_client` handshake with the server; `options` pick the
// protocol and ciphers the client offers.
Handshake sClient(quint16 port, const QString &caFile, const QStringList &options)
{
    QProcess openssl;
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(u"openssl"_s, QStringList{u"s_client"_s, u"-brief"_s, u"-connect"_s,
                                            u"127.0.0.1:%1"_s.arg(port), u"-CAfile"_s, caFile} +
                                    options);
    Handshake result;
    if (!openssl.waitForStarted(10000))
        return result;
    openssl.closeWriteChannel(); // EOF: it leaves once the handshake is done
    if (!openssl.waitForFinished(20000))
        openssl.kill();
    result.output = QString::fromUtf8(openssl.readAll());
    result.established = result.output.contains(u"CONNECTION ESTABLISHED"_s);
    for (const QString &line : result.output.split(u'\n')) {
        if (line.startsWith(u"Protocol version: "_s))
            result.protocol = line.mid(18).trimmed();
        if (line.startsWith(u"Ciphersuite: "_s))
            result.cipher = line.mid(13).trimmed();
    }
    return result;
}

// Every TLS 1.2 and older cipher suite this OpenSSL can offer at all.
QStringList clientCiphers()
{
    QProcess openssl;
    openssl.start(u"openssl"_s, {u"ciphers"_s, u"ALL:COMPLEMENTOFALL:@SECLEVEL=0"_s});
    openssl.waitForFinished(10000);
    QStringList names;
    for (const QString &name : QString::fromUtf8(openssl.readAll()).trimmed().split(u':')) {
        if (!name.startsWith(u"TLS_"_s)) // TLS 1.3 suites are all AEAD with forward secrecy
            names.append(name);
    }
    return names;
}

QByteArray digestOf(const QString &pemFile)
{
    const auto certificates = QSslCertificate::fromPath(pemFile);
    return certificates.isEmpty() ? QByteArray()
                                  : certificates.first().digest(QCryptographicHash::Sha256);
}

// The certificate a new TLS connection is shown now.
QByteArray servedDigest(quint16 port)
{
    QSslSocket socket;
    socket.setPeerVerifyMode(QSslSocket::VerifyNone);
    socket.connectToHostEncrypted(u"127.0.0.1"_s, port);
    if (!socket.waitForEncrypted(10000))
        return {};
    return socket.peerCertificate().digest(QCryptographicHash::Sha256);
}

// A new server certificate for 127.0.0.1 signed by the test CA in `tlsDir`,
// valid from `notBefore` to `notAfter` (openssl's YYYYMMDDHHMMSSZ; empty:
// from now for 30 days).
bool issueCertificate(const QString &tlsDir, const QString &certificate, const QString &key,
                      const QString &notBefore = {}, const QString &notAfter = {})
{
    QTemporaryDir work;
    const auto run = [&work](const QStringList &args) {
        QProcess p;
        p.setWorkingDirectory(work.path());
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(u"openssl"_s, args);
        if (!p.waitForFinished(30000) || p.exitCode() != 0) {
            qWarning().noquote() << "openssl" << args.join(u' ') << p.readAll();
            return false;
        }
        return true;
    };
    QFile config(work.filePath(u"ca.cnf"_s));
    QFile index(work.filePath(u"index.txt"_s));
    QFile serial(work.filePath(u"serial"_s));
    if (!config.open(QIODevice::WriteOnly) || !index.open(QIODevice::WriteOnly) ||
        !serial.open(QIODevice::WriteOnly))
        return false;
    config.write("[ca]\ndefault_ca = test\n[test]\ndatabase = index.txt\nnew_certs_dir = .\n"
                 "serial = serial\ndefault_md = sha256\npolicy = anything\n"
                 "x509_extensions = ext\n[anything]\ncommonName = supplied\n"
                 "organizationName = optional\n[ext]\nbasicConstraints = critical,CA:FALSE\n"
                 "keyUsage = critical,digitalSignature\nextendedKeyUsage = serverAuth\n"
                 "subjectAltName = IP:127.0.0.1,DNS:localhost\n");
    serial.write(
        QByteArray::number(QDateTime::currentMSecsSinceEpoch(), 16).rightJustified(16, '0') + '\n');
    config.close();
    index.close();
    serial.close();
    const QString csr = work.filePath(u"server.csr"_s);
    QStringList validity{u"-days"_s, u"30"_s};
    if (!notBefore.isEmpty())
        validity = QStringList{u"-startdate"_s, notBefore, u"-enddate"_s, notAfter};
    return run({u"req"_s, u"-new"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                u"ec_paramgen_curve:P-256"_s, u"-nodes"_s, u"-subj"_s,
                u"/O=Seneschal tests/CN=127.0.0.1"_s, u"-keyout"_s, key, u"-out"_s, csr}) &&
           run(QStringList{u"ca"_s, u"-batch"_s, u"-notext"_s, u"-config"_s, config.fileName(),
                           u"-cert"_s, tlsDir + u"/ca.pem"_s, u"-keyfile"_s, tlsDir + u"/ca.key"_s,
                           u"-in"_s, csr, u"-out"_s, certificate} +
               validity);
}

bool replaceFile(const QString &from, const QString &to)
{
    QFile::remove(to);
    return QFile::copy(from, to);
}

} // namespace

class TlsTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> server;
    QTemporaryDir pairDir; // the server's own copy of its certificate and key
    QString certificate() const { return pairDir.filePath(u"server.pem"_s); }
    QString key() const { return pairDir.filePath(u"server.key"_s); }
    QString caFile() const { return server->tlsDir() + u"/ca.pem"_s; }

    bool waitForLog(const QString &text, qsizetype from)
    {
        return QTest::qWaitFor([&] { return server->output().indexOf(text, from) >= 0; }, kTimeout);
    }
    void hangUp() { ::kill(pid_t(server->pid()), SIGHUP); }

private Q_SLOTS:
    void initTestCase()
    {
        QProcess probe;
        probe.start(u"openssl"_s, {u"version"_s});
        if (!probe.waitForFinished(10000) || probe.exitCode() != 0)
            QFAIL("the openssl command line tool is needed");
    }
    void init()
    {
        server = std::make_unique<TestServer>();
        // A copy of the fixture's pair: the reload tests replace the files.
        QVERIFY(replaceFile(server->tlsDir() + u"/server.pem"_s, certificate()));
        QVERIFY(replaceFile(server->tlsDir() + u"/server.key"_s, key()));
        server->set(u"tls/certificate"_s, certificate());
        server->set(u"tls/key"_s, key());
        QVERIFY(server->addUser(u"alice"_s, u"alice-pw"_s));
        QVERIFY(server->addUser(u"bob"_s, u"bob-pw"_s));
        QVERIFY(server->start());
    }
    void cleanup()
    {
        if (QTest::currentTestFailed())
            qWarning().noquote() << "server output:\n" << server->output().right(4000);
        server.reset();
    }

    void tls12_and_tls13_are_accepted()
    {
        const Handshake v12 = sClient(server->port(), caFile(), {u"-tls1_2"_s});
        QVERIFY2(v12.established, qPrintable(v12.output));
        QCOMPARE(v12.protocol, u"TLSv1.2"_s);
        QVERIFY2(v12.output.contains(u"Verification: OK"_s), qPrintable(v12.output));
        const Handshake v13 = sClient(server->port(), caFile(), {u"-tls1_3"_s});
        QVERIFY2(v13.established, qPrintable(v13.output));
        QCOMPARE(v13.protocol, u"TLSv1.3"_s);
    }

    void tls11_and_tls10_are_refused_by_the_server()
    {
        // SECLEVEL=0 makes this OpenSSL willing to speak the old versions:
        // the refusal seen is the server's ("protocol version" alert).
        for (const QString &version : {u"-tls1_1"_s, u"-tls1"_s}) {
            const Handshake old = sClient(server->port(), caFile(),
                                          {version, u"-cipher"_s, u"DEFAULT:@SECLEVEL=0"_s});
            QVERIFY2(!old.established, qPrintable(old.output));
            QVERIFY2(old.output.contains(u"protocol version"_s), qPrintable(old.output));
        }
        // The server is still fine afterwards.
        QVERIFY(sClient(server->port(), caFile(), {}).established);
    }

    void only_forward_secret_aead_suites_are_accepted_with_tls12()
    {
        // Every suite this OpenSSL can offer, one handshake each: the weak
        // families (NULL, anonymous, MD5, static RSA key exchange, CBC,
        // export, RC4, 3DES where the library still has them) must fail.
        const QStringList offered = clientCiphers();
        QVERIFY(offered.size() > 20);
        QStringList accepted;
        for (const QString &cipher : offered) {
            const Handshake h = sClient(server->port(), caFile(),
                                        {u"-tls1_2"_s, u"-cipher"_s, cipher + u":@SECLEVEL=0"_s});
            if (h.established)
                accepted.append(h.cipher);
        }
        qInfo().noquote() << "TLS 1.2 suites accepted:" << accepted.join(u' ');
        QVERIFY(!accepted.isEmpty());
        for (const QString &cipher : std::as_const(accepted)) {
            const bool forwardSecret =
                cipher.startsWith(u"ECDHE-"_s) || cipher.startsWith(u"DHE-"_s);
            const bool aead = cipher.contains(u"GCM"_s) || cipher.contains(u"CHACHA20"_s);
            QVERIFY2(forwardSecret && aead, qPrintable(cipher + u" is accepted"_s));
        }
        // The named weak families, where this OpenSSL can still offer them.
        for (const QString &weak : {u"eNULL"_s, u"aNULL"_s, u"EXPORT"_s, u"RC4"_s, u"3DES"_s,
                                    u"MD5"_s, u"kRSA"_s, u"SHA1"_s}) {
            const Handshake h = sClient(server->port(), caFile(),
                                        {u"-tls1_2"_s, u"-cipher"_s, weak + u":@SECLEVEL=0"_s});
            QVERIFY2(!h.established, qPrintable(weak + u": "_s + h.output));
        }
    }

    void sighup_reloads_the_certificate_and_keeps_connected_devices()
    {
        auto device =
            std::make_unique<SyncClient>(server->device(u"stays"_s, u"alice"_s, u"alice-pw"_s));
        device->connectToServer();
        QTRY_VERIFY_WITH_TIMEOUT(device->isLive(), kTimeout);
        const QByteArray oldDigest = digestOf(certificate());
        QCOMPARE(servedDigest(server->port()), oldDigest);

        QTemporaryDir renewed;
        const QString newCertificate = renewed.filePath(u"new.pem"_s);
        const QString newKey = renewed.filePath(u"new.key"_s);
        QVERIFY(issueCertificate(server->tlsDir(), newCertificate, newKey));
        QVERIFY(replaceFile(newKey, key()));
        QVERIFY(replaceFile(newCertificate, certificate()));
        const qsizetype logFrom = server->output().size();
        hangUp();
        QVERIFY2(waitForLog(u"reloaded the certificate"_s, logFrom), qPrintable(server->output()));

        // A new connection sees the new certificate, and a device verifying
        // against the CA logs in over it.
        QCOMPARE(servedDigest(server->port()), digestOf(newCertificate));
        QVERIFY(servedDigest(server->port()) != oldDigest);
        auto newcomer =
            std::make_unique<SyncClient>(server->device(u"newcomer"_s, u"bob"_s, u"bob-pw"_s));
        newcomer->connectToServer();
        QTRY_VERIFY_WITH_TIMEOUT(newcomer->isLive(), kTimeout);
        QCOMPARE(newcomer->socket()->sslConfiguration().peerCertificate().digest(
                     QCryptographicHash::Sha256),
                 digestOf(newCertificate));
        // The device connected before the reload stayed connected, on the
        // old certificate, and its session still works both ways.
        QVERIFY(device->isLive());
        QCOMPARE(device->socket()->sslConfiguration().peerCertificate().digest(
                     QCryptographicHash::Sha256),
                 oldDigest);
        device->dispatch(u"after-reload"_s, {{u"n"_s, 1}});
        QTRY_VERIFY_WITH_TIMEOUT(device->outbox().isEmpty(), kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(newcomer->object(u"after-reload"_s).has_value(), kTimeout);
        newcomer->dispatch(u"from-newcomer"_s, {{u"n"_s, 2}});
        QTRY_VERIFY_WITH_TIMEOUT(device->object(u"from-newcomer"_s).has_value(), kTimeout);
        QCOMPARE(device->state(), SyncClient::State::Live);
    }

    void sighup_with_a_bad_certificate_keeps_the_old_one_and_says_why()
    {
        auto device =
            std::make_unique<SyncClient>(server->device(u"stays"_s, u"alice"_s, u"alice-pw"_s));
        device->connectToServer();
        QTRY_VERIFY_WITH_TIMEOUT(device->isLive(), kTimeout);
        const QByteArray oldDigest = digestOf(certificate());
        const QByteArray goodKey = [this] {
            QFile f(key());
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();

        struct Case
        {
            const char *name;
            std::function<bool()> stage;
            QString reason; // in the log line
        };
        QTemporaryDir other;
        const QString otherCertificate = other.filePath(u"other.pem"_s);
        const QString otherKey = other.filePath(u"other.key"_s);
        QVERIFY(issueCertificate(server->tlsDir(), otherCertificate, otherKey));
        const QString expiredCertificate = other.filePath(u"expired.pem"_s);
        const QString expiredKey = other.filePath(u"expired.key"_s);
        QVERIFY(issueCertificate(server->tlsDir(), expiredCertificate, expiredKey,
                                 u"20200101000000Z"_s, u"20210101000000Z"_s));
        const auto writeFile = [](const QString &file, const QByteArray &data) {
            QFile f(file);
            return f.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
                   f.write(data) == data.size();
        };
        const QString originalPem = pairDir.filePath(u"original.pem"_s);
        QVERIFY(QFile::copy(certificate(), originalPem));
        const QList<Case> cases{
            {"garbage certificate", [&] { return writeFile(certificate(), "not a certificate\n"); },
             u"no PEM certificate"_s},
            {"empty certificate", [&] { return writeFile(certificate(), {}); },
             u"no PEM certificate"_s},
            {"missing key",
             [&] { return replaceFile(originalPem, certificate()) && QFile::remove(key()); },
             u"cannot read"_s},
            {"garbage key", [&] { return writeFile(key(), "-----BEGIN PRIVATE KEY-----\nAAAA\n"); },
             u"no usable EC or RSA private key"_s},
            {"key of another certificate", [&] { return replaceFile(otherKey, key()); },
             u"does not belong"_s},
            {"expired certificate",
             [&] {
                 return replaceFile(expiredCertificate, certificate()) &&
                        replaceFile(expiredKey, key());
             },
             u"expired on 2021-01-01"_s},
        };
        for (const Case &c : cases) {
            QVERIFY2(c.stage(), c.name);
            const qsizetype logFrom = server->output().size();
            hangUp();
            QVERIFY2(waitForLog(u"the certificate in use stays"_s, logFrom),
                     qPrintable(QString::fromLatin1(c.name) + u": "_s + server->output()));
            QVERIFY2(
                server->output().indexOf(c.reason, logFrom) >= 0,
                qPrintable(QString::fromLatin1(c.name) + u": "_s + server->output().mid(logFrom)));
            QVERIFY2(servedDigest(server->port()) == oldDigest, c.name);
            QVERIFY2(device->isLive(), c.name);
            QVERIFY(server->isRunning());
        }
        // A device connecting now is served the old certificate.
        auto newcomer =
            std::make_unique<SyncClient>(server->device(u"newcomer"_s, u"bob"_s, u"bob-pw"_s));
        newcomer->connectToServer();
        QTRY_VERIFY_WITH_TIMEOUT(newcomer->isLive(), kTimeout);
        // Repaired files are taken on the next SIGHUP.
        QVERIFY(replaceFile(originalPem, certificate()));
        QVERIFY(writeFile(key(), goodKey));
        const qsizetype logFrom = server->output().size();
        hangUp();
        QVERIFY(waitForLog(u"reloaded the certificate"_s, logFrom));
        QVERIFY(device->isLive());
    }
};

QTEST_GUILESS_MAIN(TlsTest)
#include "tst_tls.moc"
