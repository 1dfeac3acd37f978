// PasswordHasher: scrypt hashes with their parameters and salt, verified in
// constant time.

#include "auth/passwordhasher.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;
using seneschal::auth::PasswordHasher;
using seneschal::auth::ScryptParameters;

namespace {
// Cheap parameters keep the suite fast where the cost does not matter.
const ScryptParameters kFast{1024, 8, 1};
} // namespace

class TestPasswordHasher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hash_stores_scheme_parameters_salt_and_hash();
    void verify_accepts_the_right_password();
    void verify_refuses_a_wrong_password();
    void same_password_gets_a_different_salt_each_time();
    void verify_refuses_malformed_hashes_data();
    void verify_refuses_malformed_hashes();
    void verify_uses_the_parameters_stored_with_the_hash();
    void composed_and_decomposed_accents_are_the_same_password();
    void needs_rehash_when_parameters_were_weaker();
    void default_cost_is_tens_of_milliseconds();
};

void TestPasswordHasher::hash_stores_scheme_parameters_salt_and_hash()
{
    const QString hash = PasswordHasher(kFast).hash(u"s3cret"_s);
    const QStringList parts = hash.split(u'$');
    QCOMPARE(parts.size(), 6);
    QCOMPARE(parts[0], u"scrypt"_s);
    QCOMPARE(parts[1], u"1024"_s);
    QCOMPARE(parts[2], u"8"_s);
    QCOMPARE(parts[3], u"1"_s);
    QCOMPARE(QByteArray::fromBase64(parts[4].toLatin1()).size(), 16);
    QCOMPARE(QByteArray::fromBase64(parts[5].toLatin1()).size(), 32);
    QVERIFY(!hash.contains(u"s3cret"_s));
}

void TestPasswordHasher::verify_accepts_the_right_password()
{
    const PasswordHasher hasher(kFast);
    QVERIFY(hasher.verify(u"correct horse"_s, hasher.hash(u"correct horse"_s)));
}

void TestPasswordHasher::verify_refuses_a_wrong_password()
{
    const PasswordHasher hasher(kFast);
    const QString hash = hasher.hash(u"correct horse"_s);
    QVERIFY(!hasher.verify(u"correct hors"_s, hash));
    QVERIFY(!hasher.verify(u"Correct horse"_s, hash));
    QVERIFY(!hasher.verify(QString(), hash));
}

void TestPasswordHasher::same_password_gets_a_different_salt_each_time()
{
    const PasswordHasher hasher(kFast);
    const QString a = hasher.hash(u"pw"_s);
    const QString b = hasher.hash(u"pw"_s);
    QVERIFY(a != b);
    QVERIFY(a.split(u'$')[4] != b.split(u'$')[4]);
}

void TestPasswordHasher::verify_refuses_malformed_hashes_data()
{
    QTest::addColumn<QString>("hash");
    const QString good = PasswordHasher(kFast).hash(u"pw"_s);
    const QStringList p = good.split(u'$');
    auto with = [&](int index, const QString &value) {
        QStringList q = p;
        q[index] = value;
        return q.join(u'$');
    };
    QTest::newRow("empty") << QString();
    QTest::newRow("plaintext") << u"pw"_s;
    QTest::newRow("other scheme") << with(0, u"bcrypt"_s);
    QTest::newRow("missing part") << p.mid(0, 5).join(u'$');
    QTest::newRow("extra part") << good + u"$x"_s;
    QTest::newRow("N not a power of two") << with(1, u"1000"_s);
    QTest::newRow("N absurdly large") << with(1, u"1099511627776"_s);
    QTest::newRow("r zero") << with(2, u"0"_s);
    QTest::newRow("r absurd") << with(2, u"100000"_s);
    QTest::newRow("p absurd") << with(3, u"100000"_s);
    QTest::newRow("salt not base64") << with(4, u"!!!"_s);
    QTest::newRow("hash not base64") << with(5, u"***"_s);
    QTest::newRow("hash truncated") << with(5, p[5].left(8));
}

void TestPasswordHasher::verify_refuses_malformed_hashes()
{
    QFETCH(QString, hash);
    QVERIFY(!PasswordHasher(kFast).verify(u"pw"_s, hash));
}

void TestPasswordHasher::verify_uses_the_parameters_stored_with_the_hash()
{
    const QString weak = PasswordHasher({2048, 4, 2}).hash(u"pw"_s);
    QVERIFY(PasswordHasher(kFast).verify(u"pw"_s, weak));
    QVERIFY(PasswordHasher().verify(u"pw"_s, weak));
}

void TestPasswordHasher::composed_and_decomposed_accents_are_the_same_password()
{
    const PasswordHasher hasher(kFast);
    const QString composed = u"caf\u00e9"_s;
    const QString decomposed = u"cafe\u0301"_s;
    QVERIFY(hasher.verify(decomposed, hasher.hash(composed)));
}

void TestPasswordHasher::needs_rehash_when_parameters_were_weaker()
{
    const PasswordHasher strong;
    QVERIFY(strong.needsRehash(PasswordHasher(kFast).hash(u"pw"_s)));
    QVERIFY(!strong.needsRehash(strong.hash(u"pw"_s)));
    QVERIFY(strong.needsRehash(u"garbage"_s));
}

void TestPasswordHasher::default_cost_is_tens_of_milliseconds()
{
    const PasswordHasher hasher;
    const QString hash = hasher.hash(u"pw"_s);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(hasher.verify(u"pw"_s, hash));
    const qint64 ms = timer.elapsed();
    qInfo("one verification with the default parameters: %lld ms", ms);
    // Loose bounds: the machine is shared, but a regression to "instant" or
    // to seconds must show.
    QVERIFY2(ms >= 5 && ms < 2000, qPrintable(QString::number(ms)));
}

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "tst_password_hasher.moc"
