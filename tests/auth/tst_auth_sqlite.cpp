// The auth module over the real SQLite backend: users made with the user
// command log in through AuthService, and password changes and disabling
// revoke their tokens.

#include "auth/authservice.h"
#include "auth/usercommand.h"
#include "authtesthelpers.h"
#include "storage/storagefactory.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace seneschal;
using protocol::ErrorCode;
using test::loginAndWait;
using test::passwordCredentials;
using test::tokenCredentials;

class TestAuthSqlite : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void user_made_by_the_command_logs_in_with_groups_and_admin();
    void password_change_by_the_command_revokes_tokens();
    void disable_by_the_command_refuses_logins_and_tokens();

private:
    int command(const QStringList &args, const QString &stdinText = QString());
    std::unique_ptr<auth::AuthService> service();

    std::unique_ptr<QTemporaryDir> m_dir;
    storage::DatabaseConfig m_config;
    std::unique_ptr<storage::Storage> m_admin;
};

void TestAuthSqlite::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_config.backend = u"sqlite"_s;
    m_config.path = m_dir->filePath(u"seneschal.db"_s);
    m_admin = storage::createStorage(m_config, u"admin"_s);
    QVERIFY(m_admin);
    const storage::Status opened = m_admin->open();
    QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
}

void TestAuthSqlite::cleanup()
{
    m_admin.reset();
    m_dir.reset();
}

int TestAuthSqlite::command(const QStringList &args, const QString &stdinText)
{
    QString inText = stdinText;
    QString outText;
    QString errText;
    QTextStream in(&inText, QIODevice::ReadOnly);
    QTextStream out(&outText);
    QTextStream err(&errText);
    const int code = auth::runUserCommand(args, *m_admin, in, out, err);
    err.flush();
    if (code != 0)
        qWarning("%s", qPrintable(errText));
    return code;
}

std::unique_ptr<auth::AuthService> TestAuthSqlite::service()
{
    const storage::DatabaseConfig config = m_config;
    return std::make_unique<auth::AuthService>(auth::AuthConfig(), QByteArray(64, 'k'), [config] {
        return storage::createStorage(config, u"auth"_s);
    });
}

void TestAuthSqlite::user_made_by_the_command_logs_in_with_groups_and_admin()
{
    QCOMPARE(command({u"user"_s, u"add"_s, u"alice"_s}, u"alicepw\n"_s), 0);
    QCOMPARE(command({u"group"_s, u"add"_s, u"admins"_s}), 0);
    QCOMPARE(command({u"group"_s, u"member-add"_s, u"admins"_s, u"alice"_s}), 0);
    auto auth = service();
    const auto login = loginAndWait(*auth, passwordCredentials(u"alice"_s, u"alicepw"_s));
    QVERIFY(login);
    QVERIFY2(login->result.ok, qPrintable(login->result.error.message));
    QCOMPARE(login->result.identity.groups, QStringList{u"admins"_s});
    QVERIFY(login->result.identity.admin);
    const auto token = loginAndWait(*auth, tokenCredentials(login->result.token));
    QVERIFY(token && token->result.ok);
    const auto wrong = loginAndWait(*auth, passwordCredentials(u"alice"_s, u"nope"_s));
    QVERIFY(wrong && !wrong->result.ok);
    QCOMPARE(wrong->result.error.code, ErrorCode::AuthFailed);
}

void TestAuthSqlite::password_change_by_the_command_revokes_tokens()
{
    QCOMPARE(command({u"user"_s, u"add"_s, u"bob"_s}, u"bobpw\n"_s), 0);
    auto auth = service();
    const auto login = loginAndWait(*auth, passwordCredentials(u"bob"_s, u"bobpw"_s));
    QVERIFY(login && login->result.ok);
    QCOMPARE(command({u"user"_s, u"passwd"_s, u"bob"_s}, u"newpw\n"_s), 0);
    const auto old = loginAndWait(*auth, tokenCredentials(login->result.token));
    QVERIFY(old && !old->result.ok);
    QCOMPARE(old->result.error.code, ErrorCode::AuthFailed);
    QVERIFY(!loginAndWait(*auth, passwordCredentials(u"bob"_s, u"bobpw"_s))->result.ok);
    QVERIFY(loginAndWait(*auth, passwordCredentials(u"bob"_s, u"newpw"_s))->result.ok);
}

void TestAuthSqlite::disable_by_the_command_refuses_logins_and_tokens()
{
    QCOMPARE(command({u"user"_s, u"add"_s, u"carol"_s}, u"carolpw\n"_s), 0);
    auto auth = service();
    const auto login = loginAndWait(*auth, passwordCredentials(u"carol"_s, u"carolpw"_s));
    QVERIFY(login && login->result.ok);
    QCOMPARE(command({u"user"_s, u"disable"_s, u"carol"_s}), 0);
    QVERIFY(!loginAndWait(*auth, tokenCredentials(login->result.token))->result.ok);
    QVERIFY(!loginAndWait(*auth, passwordCredentials(u"carol"_s, u"carolpw"_s))->result.ok);
    QCOMPARE(command({u"user"_s, u"enable"_s, u"carol"_s}), 0);
    QVERIFY(loginAndWait(*auth, passwordCredentials(u"carol"_s, u"carolpw"_s))->result.ok);
    // enabling does not bring the old token back
    QVERIFY(!loginAndWait(*auth, tokenCredentials(login->result.token))->result.ok);
}

QTEST_GUILESS_MAIN(TestAuthSqlite)
#include "tst_auth_sqlite.moc"
