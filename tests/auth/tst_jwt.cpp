// The server's own tokens (TokenIssuer: HS256) and the secret file they are
// signed with (JwtSecretFile).

#include "auth/base64url.h"
#include "auth/jwtsecretfile.h"
#include "auth/tokenissuer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace Qt::StringLiterals;
using seneschal::auth::Base64Url;
using seneschal::auth::JwtSecretFile;
using seneschal::auth::TokenIssuer;

namespace {

constexpr qint64 kStart = 1764054000000; // 2025-11-25 07:00 UTC
constexpr qint64 kDay = 24 * 3600;
const QByteArray kSecret = QByteArray(64, 'k');

QJsonObject segment(const QString &token, int index)
{
    const auto bytes = Base64Url::decode(token.split(u'.')[index].toLatin1());
    return bytes ? QJsonDocument::fromJson(*bytes).object() : QJsonObject();
}

QString withSegment(const QString &token, int index, const QJsonObject &json)
{
    QStringList parts = token.split(u'.');
    parts[index] =
        QString::fromLatin1(Base64Url::encode(QJsonDocument(json).toJson(QJsonDocument::Compact)));
    return parts.join(u'.');
}

} // namespace

class TestJwt : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void issued_token_verifies_with_its_claims();
    void token_carries_iss_sub_cuid_iat_exp_jti_and_ver();
    void token_expiry_in_ms_equals_exp_claim();
    void each_token_gets_its_own_jti();
    void lifetime_is_capped_by_not_after();
    void expired_token_is_refused();
    void tampered_payload_is_refused();
    void tampered_signature_is_refused();
    void token_of_another_secret_is_refused();
    void token_of_another_issuer_is_refused();
    void alg_none_is_refused();
    void other_algorithm_in_header_is_refused();
    void malformed_tokens_are_refused_data();
    void malformed_tokens_are_refused();
    void version_claim_is_reported_for_the_caller_to_check();

    void secret_file_is_created_with_mode_0600();
    void secret_file_is_loaded_unchanged_on_next_start();
    void secret_file_readable_by_others_is_refused();
    void secret_file_too_short_is_refused();
};

void TestJwt::issued_token_verifies_with_its_claims()
{
    qint64 now = kStart;
    const TokenIssuer issuer(kSecret, u"seneschal"_s, 30 * kDay, [&] { return now; });
    const auto issued = issuer.issue(u"alice"_s, u"dev-1"_s, 3, {u"family"_s});
    QVERIFY(issued);
    const auto claims = issuer.verify(issued->token);
    QVERIFY(claims);
    QCOMPARE(claims->uuid, u"alice"_s);
    QCOMPARE(claims->cuid, u"dev-1"_s);
    QCOMPARE(claims->version, 3);
    QCOMPARE(claims->groups, QStringList{u"family"_s});
    QCOMPARE(claims->issuer, u"seneschal"_s);
}

void TestJwt::token_carries_iss_sub_cuid_iat_exp_jti_and_ver()
{
    qint64 now = kStart;
    const TokenIssuer issuer(kSecret, u"my-server"_s, kDay, [&] { return now; });
    const auto issued = issuer.issue(u"bob"_s, u"dev-2"_s, 7, {});
    QVERIFY(issued);
    const QJsonObject header = segment(issued->token, 0);
    QCOMPARE(header["alg"_L1].toString(), u"HS256"_s);
    QCOMPARE(header["typ"_L1].toString(), u"JWT"_s);
    const QJsonObject p = segment(issued->token, 1);
    QCOMPARE(p["iss"_L1].toString(), u"my-server"_s);
    QCOMPARE(p["sub"_L1].toString(), u"bob"_s);
    QCOMPARE(p["cuid"_L1].toString(), u"dev-2"_s);
    QCOMPARE(p["iat"_L1].toInteger(), kStart / 1000);
    QCOMPARE(p["exp"_L1].toInteger(), kStart / 1000 + kDay);
    QVERIFY(!p["jti"_L1].toString().isEmpty());
    QCOMPARE(p["ver"_L1].toInt(), 7);
    QVERIFY(!p.contains("grp"_L1));
}

void TestJwt::token_expiry_in_ms_equals_exp_claim()
{
    qint64 now = kStart + 123; // not on a second boundary
    const TokenIssuer issuer(kSecret, u"seneschal"_s, 30 * kDay, [&] { return now; });
    const auto issued = issuer.issue(u"alice"_s, u"dev-1"_s, 0, {});
    QVERIFY(issued);
    QCOMPARE(issued->expiresMs, segment(issued->token, 1)["exp"_L1].toInteger() * 1000);
    QCOMPARE(issued->expiresMs, kStart + 30 * kDay * 1000);
}

void TestJwt::each_token_gets_its_own_jti()
{
    const TokenIssuer issuer(kSecret, u"seneschal"_s, kDay);
    const auto a = issuer.issue(u"alice"_s, u"dev-1"_s, 0, {});
    const auto b = issuer.issue(u"alice"_s, u"dev-1"_s, 0, {});
    QVERIFY(a && b);
    QVERIFY(segment(a->token, 1)["jti"_L1] != segment(b->token, 1)["jti"_L1]);
}

void TestJwt::lifetime_is_capped_by_not_after()
{
    qint64 now = kStart;
    const TokenIssuer issuer(kSecret, u"seneschal"_s, 30 * kDay, [&] { return now; });
    const auto issued = issuer.issue(u"alice"_s, u"dev-1"_s, 0, {}, kStart + 3600 * 1000);
    QVERIFY(issued);
    QCOMPARE(issued->expiresMs, kStart + 3600 * 1000);
    QVERIFY(!issuer.issue(u"alice"_s, u"dev-1"_s, 0, {}, kStart - 1000));
}

void TestJwt::expired_token_is_refused()
{
    qint64 now = kStart;
    const TokenIssuer issuer(kSecret, u"seneschal"_s, kDay, [&] { return now; });
    const auto issued = issuer.issue(u"alice"_s, u"dev-1"_s, 0, {});
    QVERIFY(issued);
    now = kStart + kDay * 1000 - 1;
    QVERIFY(issuer.verify(issued->token));
    now = kStart + kDay * 1000;
    QString why;
    QVERIFY(!issuer.verify(issued->token, &why));
    QCOMPARE(why, u"expired"_s);
}

void TestJwt::tampered_payload_is_refused()
{
    const TokenIssuer issuer(kSecret, u"seneschal"_s, kDay);
    const auto issued = issuer.issue(u"bob"_s, u"dev-1"_s, 0, {});
    QVERIFY(issued);
    QJsonObject p = segment(issued->token, 1);
    p["sub"_L1] = u"alice"_s;
    QVERIFY(!issuer.verify(withSegment(issued->token, 1, p)));
    p = segment(issued->token, 1);
    p["grp"_L1] = QJsonArray{u"admins"_s};
    QVERIFY(!issuer.verify(withSegment(issued->token, 1, p)));
}

void TestJwt::tampered_signature_is_refused()
{
    const TokenIssuer issuer(kSecret, u"seneschal"_s, kDay);
    const auto issued = issuer.issue(u"bob"_s, u"dev-1"_s, 0, {});
    QVERIFY(issued);
    QString token = issued->token;
    const qsizetype pos = token.lastIndexOf(u'.') + 5;
    token[pos] = token[pos] == u'A' ? u'B' : u'A';
    QVERIFY(!issuer.verify(token));
    QVERIFY(!issuer.verify(issued->token.left(issued->token.size() - 2)));
}

void TestJwt::token_of_another_secret_is_refused()
{
    const TokenIssuer mine(kSecret, u"seneschal"_s, kDay);
    const TokenIssuer theirs(QByteArray(64, 'x'), u"seneschal"_s, kDay);
    const auto issued = theirs.issue(u"alice"_s, u"dev-1"_s, 0, {});
    QVERIFY(issued);
    QString why;
    QVERIFY(!mine.verify(issued->token, &why));
    QCOMPARE(why, u"bad signature"_s);
}

void TestJwt::token_of_another_issuer_is_refused()
{
    const TokenIssuer mine(kSecret, u"seneschal"_s, kDay);
    const TokenIssuer other(kSecret, u"elsewhere"_s, kDay);
    const auto issued = other.issue(u"alice"_s, u"dev-1"_s, 0, {});
    QVERIFY(issued);
    QVERIFY(!mine.verify(issued->token));
}

void TestJwt::alg_none_is_refused()
{
    const TokenIssuer issuer(kSecret, u"seneschal"_s, kDay);
    const auto issued = issuer.issue(u"alice"_s, u"dev-1"_s, 0, {});
    QVERIFY(issued);
    const QString none = withSegment(issued->token, 0, {{"alg"_L1, "none"_L1}});
    QVERIFY(!issuer.verify(none));
    // and with the signature dropped, as "none" tokens come
    QVERIFY(!issuer.verify(none.left(none.lastIndexOf(u'.') + 1)));
}

void TestJwt::other_algorithm_in_header_is_refused()
{
    const TokenIssuer issuer(kSecret, u"seneschal"_s, kDay);
    const auto issued = issuer.issue(u"alice"_s, u"dev-1"_s, 0, {});
    QVERIFY(issued);
    for (const auto alg : {"HS512"_L1, "RS256"_L1, "hs256"_L1})
        QVERIFY(!issuer.verify(withSegment(issued->token, 0, {{"alg"_L1, alg}})));
}

void TestJwt::malformed_tokens_are_refused_data()
{
    QTest::addColumn<QString>("token");
    const TokenIssuer issuer(kSecret, u"seneschal"_s, kDay);
    const QString good = issuer.issue(u"alice"_s, u"dev-1"_s, 0, {})->token;
    const QStringList p = good.split(u'.');
    QTest::newRow("empty") << QString();
    QTest::newRow("one segment") << p[0];
    QTest::newRow("two segments") << p[0] + u'.' + p[1];
    QTest::newRow("four segments") << good + u".x"_s;
    QTest::newRow("padding") << p[0] + u"=."_s + p[1] + u'.' + p[2];
    QTest::newRow("standard base64 chars") << p[0] + u'.' + p[1] + u'.' + p[2] + u"+/"_s;
    QTest::newRow("header not json")
        << QString::fromLatin1(Base64Url::encode("{not json")) + u'.' + p[1] + u'.' + p[2];
    QTest::newRow("payload an array")
        << p[0] + u'.' + QString::fromLatin1(Base64Url::encode("[1,2]")) + u'.' + p[2];
    QTest::newRow("non-ascii") << good + u"\u00e9"_s;
    QTest::newRow("huge") << QString(100000, u'a');
}

void TestJwt::malformed_tokens_are_refused()
{
    QFETCH(QString, token);
    const TokenIssuer issuer(kSecret, u"seneschal"_s, kDay);
    QVERIFY(!issuer.verify(token));
}

void TestJwt::version_claim_is_reported_for_the_caller_to_check()
{
    const TokenIssuer issuer(kSecret, u"seneschal"_s, kDay);
    const auto v1 = issuer.issue(u"alice"_s, u"dev-1"_s, 1, {});
    QVERIFY(v1);
    QCOMPARE(issuer.verify(v1->token)->version, 1);
}

void TestJwt::secret_file_is_created_with_mode_0600()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"jwt.secret"_s);
    QString error;
    const QByteArray secret = JwtSecretFile(path).loadOrCreate(&error);
    QVERIFY2(!secret.isEmpty(), qPrintable(error));
    QCOMPARE(secret.size(), JwtSecretFile::kSecretBytes);
    struct stat st = {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
    QCOMPARE(int(st.st_mode & 0777), 0600);
}

void TestJwt::secret_file_is_loaded_unchanged_on_next_start()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"jwt.secret"_s);
    QString error;
    const QByteArray first = JwtSecretFile(path).loadOrCreate(&error);
    const QByteArray second = JwtSecretFile(path).loadOrCreate(&error);
    QVERIFY(!first.isEmpty());
    QCOMPARE(second, first);
    const QByteArray other = JwtSecretFile(dir.filePath(u"other"_s)).loadOrCreate(&error);
    QVERIFY(other != first);
}

void TestJwt::secret_file_readable_by_others_is_refused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"jwt.secret"_s);
    QString error;
    QVERIFY(!JwtSecretFile(path).loadOrCreate(&error).isEmpty());
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
    QVERIFY(JwtSecretFile(path).loadOrCreate(&error).isEmpty());
    QVERIFY(error.contains(path));
    QVERIFY(error.contains(u"chmod 600"_s));
}

void TestJwt::secret_file_too_short_is_refused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"jwt.secret"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("short");
    file.close();
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));
    QString error;
    QVERIFY(JwtSecretFile(path).loadOrCreate(&error).isEmpty());
    QVERIFY(error.contains(u"shorter"_s));
}

QTEST_GUILESS_MAIN(TestJwt)
#include "tst_jwt.moc"
