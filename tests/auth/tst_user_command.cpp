// UserCommand: `user ...` and `group ...` administration of the local
// database, passwords from standard input.

#include "auth/passwordhasher.h"
#include "auth/usercommand.h"
#include "fakestorage.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace seneschal;

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

} // namespace

class TestUserCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();

    void user_add_hashes_the_password_read_from_stdin();
    void user_add_without_a_password_on_stdin_fails();
    void user_add_refuses_an_existing_user();
    void user_add_refuses_an_invalid_name();
    void user_passwd_changes_the_hash_and_bumps_the_token_version();
    void user_passwd_of_unknown_user_fails();
    void user_disable_and_enable_bump_the_token_version();
    void user_disable_of_unknown_user_creates_a_disabled_record();
    void user_list_shows_users_state_and_groups();
    void group_add_member_add_list_member_remove_remove();
    void group_member_remove_of_a_non_member_fails();
    void unknown_command_is_a_usage_error();
    void wrong_argument_count_is_a_usage_error();
    void storage_failure_is_reported();

private:
    Run run(const QStringList &args, const QString &stdinText = QString());
    std::optional<storage::UserRecord> record(const QString &uuid);

    std::shared_ptr<test::FakeUserDatabase> m_db;
    std::unique_ptr<test::FakeStorage> m_storage;
};

void TestUserCommand::init()
{
    m_db = std::make_shared<test::FakeUserDatabase>();
    m_storage = std::make_unique<test::FakeStorage>(m_db);
    QVERIFY(m_storage->open());
}

Run TestUserCommand::run(const QStringList &args, const QString &stdinText)
{
    QString inText = stdinText;
    Run r;
    QTextStream in(&inText, QIODevice::ReadOnly);
    QTextStream out(&r.out);
    QTextStream err(&r.err);
    r.code =
        auth::UserCommand(*m_storage, in, out, err, auth::PasswordHasher({1024, 8, 1})).run(args);
    out.flush();
    err.flush();
    return r;
}

std::optional<storage::UserRecord> TestUserCommand::record(const QString &uuid)
{
    return m_storage->user(uuid).value();
}

void TestUserCommand::user_add_hashes_the_password_read_from_stdin()
{
    const Run r = run({u"user"_s, u"add"_s, u"alice"_s}, u"s3cret pass\n"_s);
    QCOMPARE(r.code, 0);
    const auto alice = record(u"alice"_s);
    QVERIFY(alice);
    QVERIFY(alice->passwordHash.startsWith(u"scrypt$"_s));
    QVERIFY(auth::PasswordHasher().verify(u"s3cret pass"_s, alice->passwordHash));
    QVERIFY(!alice->disabled);
    QVERIFY(!r.out.contains(u"s3cret"_s));
    QVERIFY(!r.err.contains(u"s3cret"_s));
}

void TestUserCommand::user_add_without_a_password_on_stdin_fails()
{
    const Run r = run({u"user"_s, u"add"_s, u"alice"_s});
    QCOMPARE(r.code, 1);
    QVERIFY(!record(u"alice"_s));
    QVERIFY(r.err.contains(u"no password"_s));
}

void TestUserCommand::user_add_refuses_an_existing_user()
{
    QCOMPARE(run({u"user"_s, u"add"_s, u"alice"_s}, u"one\n"_s).code, 0);
    const QString before = record(u"alice"_s)->passwordHash;
    QCOMPARE(run({u"user"_s, u"add"_s, u"alice"_s}, u"two\n"_s).code, 1);
    QCOMPARE(record(u"alice"_s)->passwordHash, before);
}

void TestUserCommand::user_add_refuses_an_invalid_name()
{
    for (const QString &name : {u"a b"_s, u"*)(uid=*"_s, u"user:x"_s, QString(65, u'a')}) {
        const Run r = run({u"user"_s, u"add"_s, name}, u"pw\n"_s);
        QCOMPARE(r.code, 1);
        QVERIFY(!record(name));
    }
}

void TestUserCommand::user_passwd_changes_the_hash_and_bumps_the_token_version()
{
    QCOMPARE(run({u"user"_s, u"add"_s, u"alice"_s}, u"old\n"_s).code, 0);
    const int version = record(u"alice"_s)->tokenVersion;
    QCOMPARE(run({u"user"_s, u"passwd"_s, u"alice"_s}, u"new\r\n"_s).code, 0);
    const auto alice = record(u"alice"_s);
    QVERIFY(auth::PasswordHasher().verify(u"new"_s, alice->passwordHash));
    QVERIFY(!auth::PasswordHasher().verify(u"old"_s, alice->passwordHash));
    QVERIFY(alice->tokenVersion > version);
}

void TestUserCommand::user_passwd_of_unknown_user_fails()
{
    QCOMPARE(run({u"user"_s, u"passwd"_s, u"nobody"_s}, u"pw\n"_s).code, 1);
}

void TestUserCommand::user_disable_and_enable_bump_the_token_version()
{
    QCOMPARE(run({u"user"_s, u"add"_s, u"alice"_s}, u"pw\n"_s).code, 0);
    const int v0 = record(u"alice"_s)->tokenVersion;
    QCOMPARE(run({u"user"_s, u"disable"_s, u"alice"_s}).code, 0);
    QVERIFY(record(u"alice"_s)->disabled);
    QVERIFY(record(u"alice"_s)->tokenVersion > v0);
    QCOMPARE(run({u"user"_s, u"enable"_s, u"alice"_s}).code, 0);
    QVERIFY(!record(u"alice"_s)->disabled);
}

void TestUserCommand::user_disable_of_unknown_user_creates_a_disabled_record()
{
    // an LDAP user who never logged in
    QCOMPARE(run({u"user"_s, u"disable"_s, u"carol"_s}).code, 0);
    const auto carol = record(u"carol"_s);
    QVERIFY(carol);
    QVERIFY(carol->disabled);
    QVERIFY(carol->passwordHash.isEmpty());
    QCOMPARE(run({u"user"_s, u"enable"_s, u"nobody"_s}).code, 1);
}

void TestUserCommand::user_list_shows_users_state_and_groups()
{
    QCOMPARE(run({u"user"_s, u"add"_s, u"alice"_s}, u"pw\n"_s).code, 0);
    QCOMPARE(run({u"user"_s, u"disable"_s, u"bob"_s}).code, 0);
    QCOMPARE(run({u"group"_s, u"add"_s, u"admins"_s}).code, 0);
    QCOMPARE(run({u"group"_s, u"member-add"_s, u"admins"_s, u"alice"_s}).code, 0);
    const Run r = run({u"user"_s, u"list"_s});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, u"alice\tpassword\tenabled\tadmins\nbob\tno-password\tdisabled\t\n"_s);
    QVERIFY(!r.out.contains(u"scrypt"_s));
}

void TestUserCommand::group_add_member_add_list_member_remove_remove()
{
    QCOMPARE(run({u"group"_s, u"add"_s, u"family"_s}).code, 0);
    QCOMPARE(run({u"group"_s, u"member-add"_s, u"family"_s, u"alice"_s}).code, 0);
    QCOMPARE(run({u"group"_s, u"member-add"_s, u"family"_s, u"bob"_s}).code, 0);
    QCOMPARE(run({u"group"_s, u"list"_s}).out, u"family\talice,bob\n"_s);
    QCOMPARE(run({u"group"_s, u"member-remove"_s, u"family"_s, u"alice"_s}).code, 0);
    QCOMPARE(m_storage->groupMembers(u"family"_s).value(), QStringList{u"bob"_s});
    QCOMPARE(run({u"group"_s, u"remove"_s, u"family"_s}).code, 0);
    QVERIFY(m_storage->groups().value().isEmpty());
    QCOMPARE(run({u"group"_s, u"remove"_s, u"family"_s}).code, 1);
}

void TestUserCommand::group_member_remove_of_a_non_member_fails()
{
    QCOMPARE(run({u"group"_s, u"add"_s, u"admins"_s}).code, 0);
    QCOMPARE(run({u"group"_s, u"member-add"_s, u"admins"_s, u"alice"_s}).code, 0);
    // a typo must not look like a removal
    const Run r = run({u"group"_s, u"member-remove"_s, u"admins"_s, u"alcie"_s});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(u"not a member"_s));
    QCOMPARE(m_storage->groupMembers(u"admins"_s).value(), QStringList{u"alice"_s});
}

void TestUserCommand::unknown_command_is_a_usage_error()
{
    QCOMPARE(run({u"frobnicate"_s}).code, 2);
    QCOMPARE(run({u"user"_s, u"frobnicate"_s, u"x"_s}).code, 2);
    QCOMPARE(run({u"group"_s, u"frobnicate"_s}).code, 2);
    const Run r = run({});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains(u"usage"_s));
}

void TestUserCommand::wrong_argument_count_is_a_usage_error()
{
    QCOMPARE(run({u"user"_s, u"add"_s}).code, 2);
    // a password given on the command line is refused, not used
    QCOMPARE(run({u"user"_s, u"add"_s, u"alice"_s, u"s3cret"_s}).code, 2);
    QVERIFY(!record(u"alice"_s));
    QCOMPARE(run({u"group"_s, u"member-add"_s, u"family"_s}).code, 2);
}

void TestUserCommand::storage_failure_is_reported()
{
    m_db->down = true;
    const Run r = run({u"user"_s, u"list"_s});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(u"down"_s));
}

QTEST_GUILESS_MAIN(TestUserCommand)
#include "tst_user_command.moc"
