// UserDirectory: the rules of local users and groups, shared by the command
// line and the admin interface, over the real SQLite backend.

#include "auth/passwordhasher.h"
#include "auth/userdirectory.h"
#include "storage/storagefactory.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace seneschal;
using auth::UserDirectory;
using protocol::ErrorCode;

namespace {

// The error's code, or "done" when there was none, for QCOMPARE.
QString outcome(const std::optional<protocol::Error> &error)
{
    return error ? protocol::errorCodeName(error->code) + u": "_s + error->message : u"done"_s;
}

QString codeOf(const std::optional<protocol::Error> &error)
{
    return error ? protocol::errorCodeName(error->code) : u"done"_s;
}

} // namespace

// Asserts that a directory change succeeded, printing its error if not.
#define DONE(expr)                                                                                 \
    do {                                                                                           \
        const std::optional<protocol::Error> error_ = (expr);                                      \
        QVERIFY2(!error_, qPrintable(outcome(error_)));                                            \
    } while (false)

// Asserts that a directory change failed with `code`.
#define REFUSED(expr, code)                                                                        \
    do {                                                                                           \
        const std::optional<protocol::Error> error_ = (expr);                                      \
        QCOMPARE(codeOf(error_), protocol::errorCodeName(code));                                   \
        QVERIFY(!error_->message.isEmpty());                                                       \
    } while (false)

class TestUserDirectory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void add_user_hashes_the_password();
    void add_user_without_a_password_makes_a_record_without_local_login();
    void add_user_refuses_an_existing_user_as_invalid();
    void invalid_names_are_refused_before_storage_is_touched_data();
    void invalid_names_are_refused_before_storage_is_touched();
    void set_password_replaces_the_hash_and_bumps_the_token_version();
    void set_password_of_an_unknown_user_is_forbidden();
    void set_password_needs_a_password();
    void disable_and_enable_bump_the_token_version();
    void disabling_an_unknown_name_creates_a_disabled_record();
    void enabling_an_unknown_user_is_forbidden();
    void groups_are_added_once_and_removed_with_their_memberships();
    void removing_an_unknown_group_is_forbidden();
    void members_need_an_existing_group_but_no_user_record();
    void removing_a_name_that_is_not_a_member_is_forbidden();
    void users_and_groups_list_sorted_with_each_other();
    void storage_failure_is_unavailable();

private:
    std::optional<storage::UserRecord> record(const QString &name);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<storage::Storage> m_storage;
    std::unique_ptr<UserDirectory> m_directory;
    qint64 m_now = 1'700'000'000'000;
};

void TestUserDirectory::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    storage::DatabaseConfig config;
    config.backend = u"sqlite"_s;
    config.path = m_dir->filePath(u"seneschal.db"_s);
    m_storage = storage::createStorage(config, u"directory"_s);
    QVERIFY(m_storage);
    const storage::Status opened = m_storage->open();
    QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
    // A cheap scrypt cost: the tests check the rules, not the hash's strength.
    m_directory = std::make_unique<UserDirectory>(*m_storage, auth::PasswordHasher({1024, 8, 1}),
                                                  [this] { return m_now; });
}

void TestUserDirectory::cleanup()
{
    m_directory.reset();
    m_storage.reset();
    m_dir.reset();
}

std::optional<storage::UserRecord> TestUserDirectory::record(const QString &name)
{
    auto user = m_storage->user(name);
    if (!user)
        qWarning("%s", qPrintable(user.error().message));
    return user ? user.value() : std::nullopt;
}

void TestUserDirectory::add_user_hashes_the_password()
{
    DONE(m_directory->addUser(u"alice"_s, u"s3cret pass"_s));
    const auto alice = record(u"alice"_s);
    QVERIFY(alice);
    QVERIFY(alice->passwordHash.startsWith(u"scrypt$"_s));
    QVERIFY(!alice->passwordHash.contains(u"s3cret"_s));
    QVERIFY(auth::PasswordHasher().verify(u"s3cret pass"_s, alice->passwordHash));
    QVERIFY(!alice->disabled);
    QCOMPARE(alice->createdMs, m_now);
}

void TestUserDirectory::add_user_without_a_password_makes_a_record_without_local_login()
{
    DONE(m_directory->addUser(u"ldap.user"_s, QString()));
    const auto user = record(u"ldap.user"_s);
    QVERIFY(user);
    QVERIFY(user->passwordHash.isEmpty());
    QVERIFY(!user->disabled);
    auto users = m_directory->users();
    QVERIFY(users);
    QCOMPARE(users.value().size(), 1);
    QVERIFY(!users.value()[0].hasPassword);
}

void TestUserDirectory::add_user_refuses_an_existing_user_as_invalid()
{
    DONE(m_directory->addUser(u"alice"_s, u"one"_s));
    const QString before = record(u"alice"_s)->passwordHash;
    REFUSED(m_directory->addUser(u"alice"_s, u"two"_s), ErrorCode::Invalid);
    REFUSED(m_directory->addUser(u"alice"_s, QString()), ErrorCode::Invalid);
    QCOMPARE(record(u"alice"_s)->passwordHash, before);
}

void TestUserDirectory::invalid_names_are_refused_before_storage_is_touched_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("space") << u"a b"_s;
    QTest::newRow("LDAP filter") << u"*)(uid=*"_s;
    QTest::newRow("principal") << u"user:x"_s;
    QTest::newRow("too long") << QString(65, u'a');
    QTest::newRow("empty") << QString();
    QTest::newRow("non-ASCII") << u"b\u00f6b"_s;
    QTest::newRow("slash") << u"../etc"_s;
}

void TestUserDirectory::invalid_names_are_refused_before_storage_is_touched()
{
    QFETCH(QString, name);
    DONE(m_directory->addGroup(u"staff"_s));
    // Storage closed: a name that got as far as a query would answer
    // `unavailable`, not `invalid`.
    m_storage->close();
    REFUSED(m_directory->addUser(name, u"pw"_s), ErrorCode::Invalid);
    REFUSED(m_directory->setPassword(name, u"pw"_s), ErrorCode::Invalid);
    REFUSED(m_directory->setDisabled(name, true), ErrorCode::Invalid);
    REFUSED(m_directory->setDisabled(name, false), ErrorCode::Invalid);
    REFUSED(m_directory->addGroup(name), ErrorCode::Invalid);
    REFUSED(m_directory->removeGroup(name), ErrorCode::Invalid);
    REFUSED(m_directory->addMember(name, u"alice"_s), ErrorCode::Invalid);
    REFUSED(m_directory->addMember(u"staff"_s, name), ErrorCode::Invalid);
    REFUSED(m_directory->removeMember(name, u"alice"_s), ErrorCode::Invalid);
    REFUSED(m_directory->removeMember(u"staff"_s, name), ErrorCode::Invalid);
    QVERIFY(!UserDirectory::isValidName(name));
}

void TestUserDirectory::set_password_replaces_the_hash_and_bumps_the_token_version()
{
    DONE(m_directory->addUser(u"alice"_s, u"old"_s));
    const int version = record(u"alice"_s)->tokenVersion;
    DONE(m_directory->setPassword(u"alice"_s, u"new"_s));
    const auto alice = record(u"alice"_s);
    QVERIFY(auth::PasswordHasher().verify(u"new"_s, alice->passwordHash));
    QVERIFY(!auth::PasswordHasher().verify(u"old"_s, alice->passwordHash));
    QVERIFY(alice->tokenVersion > version);
}

void TestUserDirectory::set_password_of_an_unknown_user_is_forbidden()
{
    REFUSED(m_directory->setPassword(u"nobody"_s, u"pw"_s), ErrorCode::Forbidden);
    QVERIFY(!record(u"nobody"_s));
}

void TestUserDirectory::set_password_needs_a_password()
{
    DONE(m_directory->addUser(u"alice"_s, u"pw"_s));
    const QString before = record(u"alice"_s)->passwordHash;
    REFUSED(m_directory->setPassword(u"alice"_s, QString()), ErrorCode::Invalid);
    QCOMPARE(record(u"alice"_s)->passwordHash, before);
}

void TestUserDirectory::disable_and_enable_bump_the_token_version()
{
    DONE(m_directory->addUser(u"alice"_s, u"pw"_s));
    const int v0 = record(u"alice"_s)->tokenVersion;
    DONE(m_directory->setDisabled(u"alice"_s, true));
    QVERIFY(record(u"alice"_s)->disabled);
    const int v1 = record(u"alice"_s)->tokenVersion;
    QVERIFY(v1 > v0);
    DONE(m_directory->setDisabled(u"alice"_s, false));
    QVERIFY(!record(u"alice"_s)->disabled);
    QVERIFY(record(u"alice"_s)->tokenVersion > v1);
    auto disabled = m_storage->disabledUsers();
    QVERIFY(disabled);
    QVERIFY(disabled.value().isEmpty());
}

void TestUserDirectory::disabling_an_unknown_name_creates_a_disabled_record()
{
    // An LDAP user who never logged in is refused from the first attempt.
    DONE(m_directory->setDisabled(u"carol"_s, true));
    const auto carol = record(u"carol"_s);
    QVERIFY(carol);
    QVERIFY(carol->disabled);
    QVERIFY(carol->passwordHash.isEmpty());
    QCOMPARE(carol->createdMs, m_now);
}

void TestUserDirectory::enabling_an_unknown_user_is_forbidden()
{
    REFUSED(m_directory->setDisabled(u"nobody"_s, false), ErrorCode::Forbidden);
    QVERIFY(!record(u"nobody"_s));
}

void TestUserDirectory::groups_are_added_once_and_removed_with_their_memberships()
{
    DONE(m_directory->addGroup(u"family"_s));
    REFUSED(m_directory->addGroup(u"family"_s), ErrorCode::Invalid);
    DONE(m_directory->addMember(u"family"_s, u"alice"_s));
    DONE(m_directory->removeGroup(u"family"_s));
    auto groups = m_directory->groups();
    QVERIFY(groups);
    QVERIFY(groups.value().isEmpty());
    auto ofAlice = m_storage->groupsOf(u"alice"_s);
    QVERIFY(ofAlice);
    QVERIFY(ofAlice.value().isEmpty());
    // Made again, it starts empty.
    DONE(m_directory->addGroup(u"family"_s));
    auto again = m_directory->groups();
    QVERIFY(again);
    QCOMPARE(again.value().size(), 1);
    QVERIFY(again.value()[0].members.isEmpty());
}

void TestUserDirectory::removing_an_unknown_group_is_forbidden()
{
    REFUSED(m_directory->removeGroup(u"nope"_s), ErrorCode::Forbidden);
}

void TestUserDirectory::members_need_an_existing_group_but_no_user_record()
{
    REFUSED(m_directory->addMember(u"nope"_s, u"alice"_s), ErrorCode::Forbidden);
    REFUSED(m_directory->removeMember(u"nope"_s, u"alice"_s), ErrorCode::Forbidden);
    DONE(m_directory->addGroup(u"admins"_s));
    // No record for dave: an LDAP user may be made an admin before his
    // first login. Adding him twice changes nothing.
    DONE(m_directory->addMember(u"admins"_s, u"dave"_s));
    DONE(m_directory->addMember(u"admins"_s, u"dave"_s));
    auto members = m_storage->groupMembers(u"admins"_s);
    QVERIFY(members);
    QCOMPARE(members.value(), QStringList{u"dave"_s});
    QVERIFY(!record(u"dave"_s));
}

void TestUserDirectory::removing_a_name_that_is_not_a_member_is_forbidden()
{
    DONE(m_directory->addGroup(u"admins"_s));
    DONE(m_directory->addMember(u"admins"_s, u"alice"_s));
    // A mistyped name must not pass for a removed member.
    REFUSED(m_directory->removeMember(u"admins"_s, u"alcie"_s), ErrorCode::Forbidden);
    auto members = m_storage->groupMembers(u"admins"_s);
    QCOMPARE(members.value(), QStringList{u"alice"_s});
    DONE(m_directory->removeMember(u"admins"_s, u"alice"_s));
    auto none = m_storage->groupMembers(u"admins"_s);
    QVERIFY(none.value().isEmpty());
}

void TestUserDirectory::users_and_groups_list_sorted_with_each_other()
{
    DONE(m_directory->addUser(u"bob"_s, QString()));
    ++m_now;
    DONE(m_directory->addUser(u"alice"_s, u"pw"_s));
    DONE(m_directory->setDisabled(u"bob"_s, true));
    DONE(m_directory->addGroup(u"staff"_s));
    DONE(m_directory->addGroup(u"admins"_s));
    DONE(m_directory->addGroup(u"empty"_s));
    DONE(m_directory->addMember(u"staff"_s, u"bob"_s));
    DONE(m_directory->addMember(u"staff"_s, u"alice"_s));
    DONE(m_directory->addMember(u"admins"_s, u"alice"_s));
    DONE(m_directory->addMember(u"admins"_s, u"zed"_s)); // no record: in groups only

    auto users = m_directory->users();
    QVERIFY(users);
    QCOMPARE(users.value().size(), 2);
    const UserDirectory::User &alice = users.value()[0];
    QCOMPARE(alice.name, u"alice"_s);
    QVERIFY(alice.hasPassword);
    QVERIFY(!alice.disabled);
    QCOMPARE(alice.createdMs, m_now);
    QCOMPARE(alice.groups, (QStringList{u"admins"_s, u"staff"_s}));
    const UserDirectory::User &bob = users.value()[1];
    QCOMPARE(bob.name, u"bob"_s);
    QVERIFY(!bob.hasPassword);
    QVERIFY(bob.disabled);
    QCOMPARE(bob.createdMs, m_now - 1);
    QCOMPARE(bob.groups, QStringList{u"staff"_s});

    auto groups = m_directory->groups();
    QVERIFY(groups);
    QCOMPARE(groups.value().size(), 3);
    QCOMPARE(groups.value()[0].gid, u"admins"_s);
    QCOMPARE(groups.value()[0].members, (QStringList{u"alice"_s, u"zed"_s}));
    QCOMPARE(groups.value()[1].gid, u"empty"_s);
    QVERIFY(groups.value()[1].members.isEmpty());
    QCOMPARE(groups.value()[2].gid, u"staff"_s);
    QCOMPARE(groups.value()[2].members, (QStringList{u"alice"_s, u"bob"_s}));
}

void TestUserDirectory::storage_failure_is_unavailable()
{
    DONE(m_directory->addUser(u"alice"_s, u"pw"_s));
    DONE(m_directory->addGroup(u"staff"_s));
    m_storage->close();
    REFUSED(m_directory->addUser(u"bob"_s, u"pw"_s), ErrorCode::Unavailable);
    REFUSED(m_directory->setPassword(u"alice"_s, u"pw"_s), ErrorCode::Unavailable);
    REFUSED(m_directory->setDisabled(u"alice"_s, true), ErrorCode::Unavailable);
    REFUSED(m_directory->addGroup(u"other"_s), ErrorCode::Unavailable);
    REFUSED(m_directory->removeGroup(u"staff"_s), ErrorCode::Unavailable);
    REFUSED(m_directory->addMember(u"staff"_s, u"alice"_s), ErrorCode::Unavailable);
    REFUSED(m_directory->removeMember(u"staff"_s, u"alice"_s), ErrorCode::Unavailable);
    QVERIFY(!m_directory->users());
    QVERIFY(!m_directory->groups());
}

QTEST_GUILESS_MAIN(TestUserDirectory)
#include "tst_user_directory.moc"
