// KeychainSecretStore against a real Secret Service: run by
// run-with-keyring.sh under dbus-run-session with an unlocked
// gnome-keyring-daemon and a throwaway HOME; skipped, saying why, where
// those are missing.
#include "gui/credentialvault.h"
#include "gui/keychainsecretstore.h"
#include "gui/serverprofile.h"

#include <QSignalSpy>
#include <QTest>
#include <optional>

using namespace Qt::StringLiterals;
using namespace seneschal;
using admingui::CredentialVault;
using admingui::KeychainSecretStore;
using admingui::RememberedCredentials;
using admingui::ServerProfile;

namespace {

constexpr int kTimeout = 20000;

} // namespace

class KeychainTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<KeychainSecretStore> store;

private Q_SLOTS:
    void initTestCase()
    {
        const QString skip = qEnvironmentVariable("SENESCHAL_KEYRING_SKIP");
        if (!skip.isEmpty())
            QSKIP(qPrintable(u"no Secret Service to test against: "_s + skip));
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("no D-Bus session: run through tests/gui/run-with-keyring.sh");
        store = std::make_unique<KeychainSecretStore>();
        std::optional<bool> available;
        QString why;
        store->checkAvailable([&](bool yes, const QString &reason) {
            available = yes;
            why = reason;
        });
        QVERIFY(QTest::qWaitFor([&] { return available.has_value(); }, kTimeout));
        if (!*available)
            QSKIP(qPrintable(u"the keychain is not usable here: "_s + why));
    }

    void secret_is_written_read_and_removed()
    {
        std::optional<bool> wrote;
        store->write(u"test/secret"_s, u"s3cr3t äöü"_s,
                     [&](bool ok, const QString &) { wrote = ok; });
        QVERIFY(QTest::qWaitFor([&] { return wrote.has_value(); }, kTimeout));
        QVERIFY(*wrote);

        std::optional<std::optional<QString>> read;
        store->read(u"test/secret"_s,
                    [&](const std::optional<QString> &secret, const QString &) { read = secret; });
        QVERIFY(QTest::qWaitFor([&] { return read.has_value(); }, kTimeout));
        QCOMPARE(read->value_or(QString()), u"s3cr3t äöü"_s);

        std::optional<bool> removed;
        store->remove(u"test/secret"_s, [&](bool ok, const QString &) { removed = ok; });
        QVERIFY(QTest::qWaitFor([&] { return removed.has_value(); }, kTimeout));
        QVERIFY(*removed);
        read.reset();
        store->read(u"test/secret"_s,
                    [&](const std::optional<QString> &secret, const QString &) { read = secret; });
        QVERIFY(QTest::qWaitFor([&] { return read.has_value(); }, kTimeout));
        QVERIFY(!read->has_value());
        // Removing what is not there is no failure.
        removed.reset();
        store->remove(u"test/secret"_s, [&](bool ok, const QString &) { removed = ok; });
        QVERIFY(QTest::qWaitFor([&] { return removed.has_value(); }, kTimeout));
        QVERIFY(*removed);
    }

    void vault_keeps_and_recalls_a_session_through_the_keychain()
    {
        CredentialVault vault(store.get());
        ServerProfile profile;
        profile.url = ServerProfile::adminUrl(u"console.example"_s);
        profile.user = u"alice"_s;
        profile.rememberToken = true;
        RememberedCredentials kept;
        kept.token = u"eyJ.token.sig"_s;
        kept.cuid = u"console-1234"_s;
        kept.password = u"not kept"_s;
        std::optional<bool> done;
        vault.keep(profile, kept, [&](bool ok, const QString &) { done = ok; });
        QVERIFY(QTest::qWaitFor([&] { return done.has_value(); }, kTimeout));
        QVERIFY(*done);

        std::optional<RememberedCredentials> recalled;
        vault.recall(profile, [&](const RememberedCredentials &found) { recalled = found; });
        QVERIFY(QTest::qWaitFor([&] { return recalled.has_value(); }, kTimeout));
        QCOMPARE(recalled->token, kept.token);
        QCOMPARE(recalled->cuid, kept.cuid);
        QVERIFY(recalled->password.isEmpty()); // not asked for

        bool forgotten = false;
        vault.forget(profile, [&] { forgotten = true; });
        QVERIFY(QTest::qWaitFor([&] { return forgotten; }, kTimeout));
        recalled.reset();
        vault.recall(profile, [&](const RememberedCredentials &found) { recalled = found; });
        QVERIFY(QTest::qWaitFor([&] { return recalled.has_value(); }, kTimeout));
        QVERIFY(recalled->isEmpty());
    }
};

QTEST_GUILESS_MAIN(KeychainTest)
#include "tst_keychain.moc"
