// The way to a server: the certificate's trust (system CAs, a CA file, a
// SHA-256 pin taken on first use and refused loudly when it changes), the
// login, and "remember me" through a SecretStore (a fake here; the real
// keychain in tst_keychain), against the real server over wss://.
#include "admin/adminclient.h"
#include "fakesecretstore.h"
#include "gui/certificatepins.h"
#include "gui/connectdialog.h"
#include "gui/consolecontroller.h"
#include "gui/consolesession.h"
#include "gui/credentialvault.h"
#include "gui/serverprofile.h"
#include "gui/tlstrust.h"
#include "guitestsupport.h"
#include "testserver.h"

#include <QCheckBox>
#include <QDirIterator>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;
using namespace seneschal;
using admin::AdminClient;
using admingui::CertificatePins;
using admingui::ConsoleController;
using admingui::ServerProfile;
using admingui::TlsTrust;
using admingui::TrustMode;
using test::FakeSecretStore;
using test::GuiTestSupport;
using test::TestServer;

namespace {

constexpr int kTimeout = 20000;

// What the server logged of its certificate: "SHA-256 AA:BB:...".
QString loggedFingerprint(const TestServer &server)
{
    static const QRegularExpression line(u"SHA-256 [0-9A-F:]{95}"_s);
    return line.match(server.output()).captured(0);
}

QString settingsText()
{
    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

} // namespace

class ConnectTest : public QObject
{
    Q_OBJECT

    QTemporaryDir settingsDir;
    QTemporaryDir certificateDir;
    std::unique_ptr<TestServer> server;

    // A server with a certificate of its own making, as scripts/run.sh starts it.
    void startSelfSigned()
    {
        server->set(u"tls/certificate"_s, certificateDir.filePath(u"server.pem"_s));
        server->set(u"tls/key"_s, certificateDir.filePath(u"server.key"_s));
        QVERIFY(server->start());
    }
    ServerProfile profileOf(TrustMode trust) const
    {
        ServerProfile profile;
        profile.url = ServerProfile::adminUrl(u"127.0.0.1:%1"_s.arg(server->port()));
        profile.user = u"alice"_s;
        profile.trust = trust;
        if (trust == TrustMode::CaFile)
            profile.caFile = server->tlsDir() + u"/ca.pem"_s;
        return profile;
    }
    // Connects an AdminClient trusting what TlsTrust resolved; true once welcomed.
    bool connects(const admingui::TrustedCertificates &trusted)
    {
        admin::AdminClientOptions options = GuiTestSupport::adminOptions(*server);
        options.caCertificates = trusted.caCertificates;
        options.caFile = trusted.caFile;
        AdminClient client(options);
        client.connectToServer();
        const bool live = QTest::qWaitFor([&] { return client.isLive(); }, kTimeout);
        client.disconnectFromServer();
        return live;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(settingsDir.isValid());
        GuiTestSupport::isolateSettings(settingsDir);
    }
    void init()
    {
        QSettings().clear();
        QFile::remove(certificateDir.filePath(u"server.pem"_s));
        QFile::remove(certificateDir.filePath(u"server.key"_s));
        server = std::make_unique<TestServer>();
        QVERIFY(server->addUser(u"alice"_s, u"alice-pw"_s, {u"admins"_s}));
    }
    void cleanup()
    {
        if (QTest::currentTestFailed())
            qWarning().noquote() << "server output:\n" << server->output().right(4000);
        server.reset();
    }

    void pin_on_first_use_shows_the_fingerprint_of_the_server_log_and_connects()
    {
        startSelfSigned();
        const QString logged = loggedFingerprint(*server);
        QVERIFY2(!logged.isEmpty(), "the server logs its fingerprint");
        CertificatePins pins;
        TlsTrust trust(&pins);
        QStringList shown;
        trust.setApprover([&](const QString &, const QString &fingerprint) {
            shown.append(fingerprint);
            return true;
        });
        QSignalSpy resolved(&trust, &TlsTrust::resolved);
        trust.resolve(profileOf(TrustMode::Pinned));
        QTRY_COMPARE_WITH_TIMEOUT(resolved.size(), 1, kTimeout);
        QCOMPARE(shown, QStringList{logged});
        const ServerProfile profile = profileOf(TrustMode::Pinned);
        QCOMPARE(CertificatePins::fingerprintText(pins.pin(profile.hostPort())), logged);
        QVERIFY(connects(resolved.first().first().value<admingui::TrustedCertificates>()));

        // Known now: no question the second time.
        trust.resolve(profile);
        QTRY_COMPARE_WITH_TIMEOUT(resolved.size(), 2, kTimeout);
        QCOMPARE(shown.size(), 1);
    }

    void changed_certificate_is_refused_loudly()
    {
        startSelfSigned();
        CertificatePins pins;
        const ServerProfile profile = profileOf(TrustMode::Pinned);
        pins.setPin(profile.hostPort(), QByteArray(32, '\x11'));
        TlsTrust trust(&pins);
        bool asked = false;
        trust.setApprover([&](const QString &, const QString &) { return asked = true; });
        QSignalSpy refused(&trust, &TlsTrust::refused);
        QSignalSpy resolved(&trust, &TlsTrust::resolved);
        trust.resolve(profile);
        QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, kTimeout);
        QCOMPARE(resolved.size(), 0);
        QVERIFY(!asked);
        QCOMPARE(refused.first().at(1).toBool(), true); // changed
        const QString message = refused.first().first().toString();
        QVERIFY2(message.contains(u"HAS CHANGED"_s), qPrintable(message));
        QVERIFY(message.contains(loggedFingerprint(*server)));
        QVERIFY(message.contains(CertificatePins::fingerprintText(QByteArray(32, '\x11'))));
        // The pin stays: only the operator forgets it.
        QCOMPARE(pins.pin(profile.hostPort()), QByteArray(32, '\x11'));
    }

    void pinned_certificate_no_longer_trusted_after_the_server_changes_it()
    {
        startSelfSigned();
        CertificatePins pins;
        TlsTrust trust(&pins);
        trust.setApprover([](const QString &, const QString &) { return true; });
        QSignalSpy resolved(&trust, &TlsTrust::resolved);
        trust.resolve(profileOf(TrustMode::Pinned));
        QTRY_COMPARE_WITH_TIMEOUT(resolved.size(), 1, kTimeout);
        const auto trusted = resolved.first().first().value<admingui::TrustedCertificates>();

        // A new certificate (and key): what was pinned does not verify it.
        QCOMPARE(server->stop(), 0);
        QFile::remove(certificateDir.filePath(u"server.pem"_s));
        QFile::remove(certificateDir.filePath(u"server.key"_s));
        QVERIFY(server->start());
        admin::AdminClientOptions options = GuiTestSupport::adminOptions(*server);
        options.caCertificates = trusted.caCertificates;
        AdminClient client(options);
        QSignalSpy tlsErrors(&client, &AdminClient::sslErrors);
        client.connectToServer();
        QTRY_VERIFY_WITH_TIMEOUT(tlsErrors.size() > 0, kTimeout);
        QVERIFY(!client.isLive());
        client.disconnectFromServer();
        QSignalSpy refused(&trust, &TlsTrust::refused);
        trust.resolve(profileOf(TrustMode::Pinned));
        QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, kTimeout);
        QCOMPARE(refused.first().at(1).toBool(), true);
    }

    void pin_of_a_private_ca_certificate_is_refused_with_the_way_out()
    {
        // The test server's certificate comes from a CA it does not send:
        // AdminClient verifies against CAs, so such a pin cannot be checked.
        QVERIFY(server->start());
        CertificatePins pins;
        TlsTrust trust(&pins);
        bool asked = false;
        trust.setApprover([&](const QString &, const QString &) { return asked = true; });
        QSignalSpy refused(&trust, &TlsTrust::refused);
        trust.resolve(profileOf(TrustMode::Pinned));
        QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, kTimeout);
        QVERIFY(!asked);
        QCOMPARE(refused.first().at(1).toBool(), false);
        const QString message = refused.first().first().toString();
        QVERIFY2(message.contains(u"Seneschal Test CA"_s) && message.contains(u"CA file"_s),
                 qPrintable(message));
    }

    void ca_file_and_system_trust_resolve_at_once()
    {
        QVERIFY(server->start());
        CertificatePins pins;
        TlsTrust trust(&pins);
        QSignalSpy resolved(&trust, &TlsTrust::resolved);
        trust.resolve(profileOf(TrustMode::CaFile));
        QCOMPARE(resolved.size(), 1);
        const auto trusted = resolved.first().first().value<admingui::TrustedCertificates>();
        QCOMPARE(trusted.caFile, server->tlsDir() + u"/ca.pem"_s);
        QVERIFY(connects(trusted));
        // The system's CAs do not know the test CA.
        trust.resolve(profileOf(TrustMode::SystemCas));
        QCOMPARE(resolved.size(), 2);
        QVERIFY(!connects(resolved.last().first().value<admingui::TrustedCertificates>()));
    }

    void remember_me_keeps_the_token_in_the_store_and_logs_in_with_it()
    {
        QVERIFY(server->start());
        FakeSecretStore secrets;
        ServerProfile profile = profileOf(TrustMode::CaFile);
        profile.rememberToken = true;
        {
            ConsoleController controller(&secrets);
            controller.connectTo(profile, u"alice-pw"_s);
            QTRY_VERIFY_WITH_TIMEOUT(controller.session()->isLive(), kTimeout);
            QTRY_VERIFY_WITH_TIMEOUT(
                secrets.secrets.contains(admingui::CredentialVault::tokenKey(profile)), kTimeout);
            QVERIFY(!secrets.secrets.contains(admingui::CredentialVault::passwordKey(profile)));
            QVERIFY(secrets.secrets.value(admingui::CredentialVault::tokenKey(profile))
                        .contains(controller.session()->client()->token()));
        }
        // Nothing secret in the settings, the recent server is there.
        const QString settings = settingsText();
        QVERIFY(!settings.isEmpty());
        QVERIFY(settings.contains(u"recentServers"_s));
        QVERIFY(!settings.contains(u"alice-pw"_s));
        const QString token = secrets.secrets.value(admingui::CredentialVault::tokenKey(profile));
        QVERIFY(!settings.contains(token.mid(10, 20)));
        QCOMPARE(admingui::RecentServers().load().first().key(), profile.key());

        // The next start: no password, the remembered session.
        ConsoleController again(&secrets);
        again.connectTo(profile, {});
        QTRY_VERIFY_WITH_TIMEOUT(again.session()->isLive(), kTimeout);
        QCOMPARE(again.session()->client()->options().auth.method, protocol::AuthMethod::Jwt);
    }

    void password_is_kept_only_when_asked_and_forgotten_when_not()
    {
        QVERIFY(server->start());
        FakeSecretStore secrets;
        ServerProfile profile = profileOf(TrustMode::CaFile);
        profile.rememberToken = true;
        profile.rememberPassword = true;
        {
            ConsoleController controller(&secrets);
            controller.connectTo(profile, u"alice-pw"_s);
            QTRY_VERIFY_WITH_TIMEOUT(secrets.secrets.value(admingui::CredentialVault::passwordKey(
                                         profile)) == u"alice-pw"_s,
                                     kTimeout);
        }
        // Unticked: both are removed at the next login.
        profile.rememberToken = false;
        profile.rememberPassword = false;
        ConsoleController controller(&secrets);
        controller.connectTo(profile, u"alice-pw"_s);
        QTRY_VERIFY_WITH_TIMEOUT(controller.session()->isLive(), kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(secrets.secrets.isEmpty(), kTimeout);
    }

    void refused_login_returns_to_the_dialog_with_the_reason()
    {
        QVERIFY(server->start());
        FakeSecretStore secrets;
        ConsoleController controller(&secrets);
        QSignalSpy failed(&controller, &ConsoleController::connectFailed);
        controller.connectTo(profileOf(TrustMode::CaFile), u"wrong"_s);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kTimeout);
        QVERIFY2(failed.first().first().toString().contains(u"refused"_s),
                 qPrintable(failed.first().first().toString()));
        QVERIFY(controller.connectDialog());
        QVERIFY(controller.connectDialog()->isVisible());
        QCOMPARE(controller.connectDialog()->userEdit()->text(), u"alice"_s);
        QVERIFY(secrets.secrets.isEmpty());

        // An unverifiable certificate says so.
        controller.connectTo(profileOf(TrustMode::SystemCas), u"alice-pw"_s);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 2, kTimeout);
        QVERIFY2(failed.last().first().toString().contains(u"certificate"_s),
                 qPrintable(failed.last().first().toString()));
    }

    void connect_dialog_disables_remember_me_without_a_keychain()
    {
        CertificatePins pins;
        FakeSecretStore none;
        none.setAvailable(false, u"No keychain is available (no D-Bus session)."_s);
        admingui::ConnectDialog dialog(&none, &pins);
        QSignalSpy checked(&dialog, &admingui::ConnectDialog::keychainChecked);
        QTRY_COMPARE(checked.size(), 1);
        QVERIFY(!dialog.rememberBox()->isEnabled());
        QVERIFY(!dialog.rememberPasswordBox()->isEnabled());
        QVERIFY(dialog.keychainNote()->text().contains(u"plain text"_s));
        QVERIFY(dialog.keychainNote()->text().contains(u"no D-Bus session"_s));
        QVERIFY(!dialog.profile().rememberToken);

        FakeSecretStore some;
        admingui::ConnectDialog available(&some, &pins);
        QSignalSpy checkedToo(&available, &admingui::ConnectDialog::keychainChecked);
        QTRY_COMPARE(checkedToo.size(), 1);
        QVERIFY(available.rememberBox()->isEnabled());
        QVERIFY(!available.rememberPasswordBox()->isEnabled());
        available.rememberBox()->setChecked(true);
        QVERIFY(available.rememberPasswordBox()->isEnabled());
    }

    void connect_dialog_reads_addresses_and_shows_the_pin()
    {
        CertificatePins pins;
        FakeSecretStore secrets;
        admingui::ConnectDialog dialog(&secrets, &pins);
        dialog.serverEdit()->setText(u"console.example:8443"_s);
        dialog.userEdit()->setText(u"alice"_s);
        QCOMPARE(dialog.profile().url.toString(), u"wss://console.example:8443/v1/admin"_s);
        dialog.serverEdit()->setText(u"console.example"_s);
        QCOMPARE(dialog.profile().url.toString(), u"wss://console.example:7443/v1/admin"_s);
        pins.setPin(u"console.example:7443"_s, QByteArray(32, '\xab'));
        dialog.setTrustMode(TrustMode::Pinned);
        QVERIFY(dialog.pinNote()->text().contains(u"SHA-256 AB:AB:"_s));
        dialog.accept(); // no password
        QVERIFY(dialog.result() != QDialog::Accepted);
        QVERIFY(dialog.findChild<QLabel *>(u"message"_s)->text().contains(u"password"_s));
    }
};

QTEST_MAIN(ConnectTest)
#include "tst_connect.moc"
