// Token interop with the npm package jose (installed into the build tree by
// the jose fixture): jose verifies tokens this server issued; this server
// accepts RS256/ES256 tokens jose signed and refuses every forged variant
// (jose_interop.mjs makes them, and reports jose's own verdict on each).

#include "auth/authservice.h"
#include "auth/externaljwtverifier.h"
#include "auth/jwtsecretfile.h"
#include "auth/passwordhasher.h"
#include "auth/tokenissuer.h"
#include "authtesthelpers.h"
#include "fakestorage.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace seneschal;
using auth::ExternalIssuerConfig;
using auth::ExternalJwtVerifier;
using protocol::ErrorCode;

namespace {
const QString kIssuer = u"https://idp.example"_s;
const QString kAudience = u"seneschal-test"_s;

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}
} // namespace

class TestJwtInterop : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();

    void jose_verifies_a_token_the_server_issued();
    void jose_verifies_a_token_from_a_login();
    void jose_refuses_a_server_token_checked_with_another_secret();

    void jose_signed_tokens_are_accepted_with_pem_keys_data();
    void jose_signed_tokens_are_accepted_with_pem_keys();
    void jose_signed_tokens_are_accepted_with_the_jwks_data();
    void jose_signed_tokens_are_accepted_with_the_jwks();
    void forged_tokens_are_refused_data();
    void forged_tokens_are_refused();
    void tokens_naming_a_wrong_kid_are_refused_with_the_jwks_data();
    void tokens_naming_a_wrong_kid_are_refused_with_the_jwks();
    void kid_is_not_consulted_with_a_single_pem_key();
    void jose_agrees_which_tokens_are_forged();

    void external_token_login_through_auth_service_gets_a_server_token();
    void forged_external_token_login_is_auth_failed();

private:
    struct NodeRun
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    NodeRun node(const QStringList &args);
    std::unique_ptr<ExternalJwtVerifier> verifier(const QString &pem, const QString &jwks);
    void addRows(const char *group);

    QString m_node;
    QString m_script;
    QTemporaryDir m_dir;
    QJsonObject m_valid;
    QJsonObject m_forged;
    QJsonObject m_kid;
    QJsonObject m_opinion;
};

TestJwtInterop::NodeRun TestJwtInterop::node(const QStringList &args)
{
    QProcess p;
    p.start(m_node, QStringList{m_script} + args);
    NodeRun r;
    if (!p.waitForFinished(120000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

void TestJwtInterop::initTestCase()
{
    const QString joseDir = qEnvironmentVariable("SENESCHAL_JOSE_DIR");
    QVERIFY2(!joseDir.isEmpty(), "SENESCHAL_JOSE_DIR not set (run through ctest)");
    m_script = joseDir + u"/jose_interop.mjs"_s;
    QVERIFY2(QFile::exists(joseDir + u"/node_modules/jose/package.json"_s),
             "jose is not installed (the jose_install fixture)");
    m_node = QStandardPaths::findExecutable(u"node"_s);
    QVERIFY2(!m_node.isEmpty(), "node not on PATH");
    QVERIFY(m_dir.isValid());

    const NodeRun made = node({u"make"_s, m_dir.path(), kIssuer, kAudience});
    QVERIFY2(made.exitCode == 0, made.err.constData());
    const QJsonObject tokens = readJson(m_dir.filePath(u"tokens.json"_s));
    m_valid = tokens["valid"_L1].toObject();
    m_forged = tokens["forged"_L1].toObject();
    m_kid = tokens["kid"_L1].toObject();
    m_opinion = readJson(m_dir.filePath(u"jose-opinion.json"_s));
    QVERIFY(m_valid.size() >= 4);
    QVERIFY(m_forged.size() >= 20);
}

std::unique_ptr<ExternalJwtVerifier> TestJwtInterop::verifier(const QString &pem,
                                                              const QString &jwks)
{
    ExternalIssuerConfig c;
    c.issuer = kIssuer;
    c.audience = kAudience;
    if (!pem.isEmpty())
        c.publicKeyFile = m_dir.filePath(pem);
    if (!jwks.isEmpty())
        c.jwksFile = m_dir.filePath(jwks);
    QString error;
    auto v = ExternalJwtVerifier::create(c, auth::systemClock(), &error);
    if (!v)
        qWarning("%s", qPrintable(error));
    return v;
}

void TestJwtInterop::jose_verifies_a_token_the_server_issued()
{
    const QString secretPath = m_dir.filePath(u"jwt.secret"_s);
    QString error;
    const QByteArray secret = auth::JwtSecretFile(secretPath).loadOrCreate(&error);
    QVERIFY2(!secret.isEmpty(), qPrintable(error));
    const auth::TokenIssuer issuer(secret, u"seneschal"_s, 30 * 24 * 3600);
    const auto issued = issuer.issue(u"alice"_s, u"dev-7f3a"_s, 4, {u"admins"_s});
    QVERIFY(issued);

    const NodeRun r = node({u"verify"_s, secretPath, u"seneschal"_s, issued->token});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject out = QJsonDocument::fromJson(r.out).object();
    const QJsonObject payload = out["payload"_L1].toObject();
    QCOMPARE(out["header"_L1].toObject()["alg"_L1].toString(), u"HS256"_s);
    QCOMPARE(payload["iss"_L1].toString(), u"seneschal"_s);
    QCOMPARE(payload["sub"_L1].toString(), u"alice"_s);
    QCOMPARE(payload["cuid"_L1].toString(), u"dev-7f3a"_s);
    QCOMPARE(payload["ver"_L1].toInt(), 4);
    QVERIFY(!payload["jti"_L1].toString().isEmpty());
    QVERIFY(payload["iat"_L1].toInteger() > 0);
    QCOMPARE(payload["exp"_L1].toInteger() * 1000, issued->expiresMs);
}

void TestJwtInterop::jose_verifies_a_token_from_a_login()
{
    const QString secretPath = m_dir.filePath(u"login.secret"_s);
    QString error;
    const QByteArray secret = auth::JwtSecretFile(secretPath).loadOrCreate(&error);
    QVERIFY(!secret.isEmpty());
    auto db = std::make_shared<test::FakeUserDatabase>();
    storage::UserRecord bob;
    bob.uuid = u"bob"_s;
    bob.passwordHash = auth::PasswordHasher({1024, 8, 1}).hash(u"bobpw"_s);
    db->users.insert(bob.uuid, bob);
    auth::AuthService service(auth::AuthConfig(), secret,
                              [db] { return std::make_unique<test::FakeStorage>(db); });
    const auto login = test::loginAndWait(service, test::passwordCredentials(u"bob"_s, u"bobpw"_s));
    QVERIFY(login && login->result.ok);
    const NodeRun r = node({u"verify"_s, secretPath, u"seneschal"_s, login->result.token});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject payload = QJsonDocument::fromJson(r.out).object()["payload"_L1].toObject();
    QCOMPARE(payload["sub"_L1].toString(), u"bob"_s);
    QCOMPARE(payload["exp"_L1].toInteger() * 1000, login->result.tokenExpiresMs);
}

void TestJwtInterop::jose_refuses_a_server_token_checked_with_another_secret()
{
    const QString secretPath = m_dir.filePath(u"other.secret"_s);
    QString error;
    QVERIFY(!auth::JwtSecretFile(secretPath).loadOrCreate(&error).isEmpty());
    const auth::TokenIssuer issuer(QByteArray(64, 'z'), u"seneschal"_s, 3600);
    const auto issued = issuer.issue(u"alice"_s, u"dev-1"_s, 0, {});
    const NodeRun r = node({u"verify"_s, secretPath, u"seneschal"_s, issued->token});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("ERR_JWS_SIGNATURE_VERIFICATION_FAILED"));
}

void TestJwtInterop::addRows(const char *group)
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("name");
    const QJsonObject &tokens = qstrcmp(group, "valid") == 0 ? m_valid
                                : qstrcmp(group, "kid") == 0 ? m_kid
                                                             : m_forged;
    for (auto it = tokens.begin(); it != tokens.end(); ++it)
        QTest::newRow(qPrintable(it.key())) << it.value().toString() << it.key();
}

void TestJwtInterop::jose_signed_tokens_are_accepted_with_pem_keys_data()
{
    addRows("valid");
}

void TestJwtInterop::jose_signed_tokens_are_accepted_with_pem_keys()
{
    QFETCH(QString, token);
    QFETCH(QString, name);
    const bool ec = name.startsWith(u"es256"_s);
    auto v = verifier(ec ? u"ec.pem"_s : u"rsa.pem"_s, {});
    QVERIFY(v);
    QString why;
    const auto identity = v->verify(token, &why);
    QVERIFY2(identity, qPrintable(why));
    QCOMPARE(identity->uuid, ec && name == u"es256"_s ? u"frank"_s : u"erin"_s);
    QVERIFY(identity->groups.contains(u"family"_s));
    // and the other key type refuses it: the key decides the algorithm
    auto other = verifier(ec ? u"rsa.pem"_s : u"ec.pem"_s, {});
    QVERIFY(!other->verify(token));
}

void TestJwtInterop::jose_signed_tokens_are_accepted_with_the_jwks_data()
{
    addRows("valid");
}

void TestJwtInterop::jose_signed_tokens_are_accepted_with_the_jwks()
{
    QFETCH(QString, token);
    auto v = verifier({}, u"jwks.json"_s);
    QVERIFY(v);
    QString why;
    const auto identity = v->verify(token, &why);
    QVERIFY2(identity, qPrintable(why));
    QVERIFY(identity->expiresMs > 0);
}

void TestJwtInterop::forged_tokens_are_refused_data()
{
    addRows("forged");
}

void TestJwtInterop::forged_tokens_are_refused()
{
    QFETCH(QString, token);
    for (const auto &[pem, jwks] :
         {std::pair{u"rsa.pem"_s, QString()}, std::pair{u"ec.pem"_s, QString()},
          std::pair{QString(), u"jwks.json"_s}}) {
        auto v = verifier(pem, jwks);
        QVERIFY(v);
        QString why;
        const auto identity = v->verify(token, &why);
        QVERIFY2(!identity, qPrintable(u"accepted with %1%2"_s.arg(pem, jwks)));
        qDebug("%s%s: %s", qPrintable(pem), qPrintable(jwks), qPrintable(why));
    }
}

void TestJwtInterop::tokens_naming_a_wrong_kid_are_refused_with_the_jwks_data()
{
    addRows("kid");
}

void TestJwtInterop::tokens_naming_a_wrong_kid_are_refused_with_the_jwks()
{
    QFETCH(QString, token);
    auto v = verifier({}, u"jwks.json"_s);
    QVERIFY(v);
    QString why;
    QVERIFY(!v->verify(token, &why));
    qDebug("%s", qPrintable(why));
}

void TestJwtInterop::kid_is_not_consulted_with_a_single_pem_key()
{
    // Signed by the configured key: the header's kid cannot name another.
    auto v = verifier(u"rsa.pem"_s, {});
    QVERIFY(v);
    QVERIFY(v->verify(m_kid["unknown_kid"_L1].toString()));
}

void TestJwtInterop::jose_agrees_which_tokens_are_forged()
{
    // If jose accepted a "forged" token the forgery would prove nothing.
    for (auto it = m_valid.begin(); it != m_valid.end(); ++it)
        QVERIFY2(m_opinion[it.key()].toString() == u"accepted"_s, qPrintable(it.key()));
    for (const QJsonObject *group : {&m_forged, &m_kid})
        for (auto it = group->begin(); it != group->end(); ++it)
            QVERIFY2(m_opinion[it.key()].toString().startsWith(u"refused"_s), qPrintable(it.key()));
}

void TestJwtInterop::external_token_login_through_auth_service_gets_a_server_token()
{
    auto db = std::make_shared<test::FakeUserDatabase>();
    auth::AuthConfig config;
    ExternalIssuerConfig idp;
    idp.issuer = kIssuer;
    idp.audience = kAudience;
    idp.jwksFile = m_dir.filePath(u"jwks.json"_s);
    config.externalIssuers = {idp};
    QVERIFY2(config.validate().isEmpty(), qPrintable(config.validate().join(u'\n')));
    auth::AuthService service(config, QByteArray(64, 'k'),
                              [db] { return std::make_unique<test::FakeStorage>(db); });

    const QString external = m_valid["rs256"_L1].toString();
    const auto login = test::loginAndWait(service, test::tokenCredentials(external));
    QVERIFY(login);
    QVERIFY2(login->result.ok, qPrintable(login->result.error.message));
    QCOMPARE(login->result.identity.uuid, u"erin"_s);
    QCOMPARE(login->result.identity.groups, (QStringList{u"admins"_s, u"family"_s}));
    QVERIFY(login->result.identity.admin);
    QVERIFY(login->result.token != external);
    // the server token lives no longer than the external one (exp = now + 600 s)
    QVERIFY(login->result.tokenExpiresMs <= QDateTime::currentMSecsSinceEpoch() + 601 * 1000);

    const auto again = test::loginAndWait(service, test::tokenCredentials(login->result.token));
    QVERIFY(again && again->result.ok);
    QCOMPARE(again->result.identity.uuid, u"erin"_s);
    QVERIFY(again->result.identity.admin);

    // disabling erin locally stops both the external and the server token
    {
        test::FakeStorage admin(db);
        QVERIFY(admin.open());
        QVERIFY(admin.setDisabled(u"erin"_s, true));
    }
    QVERIFY(!test::loginAndWait(service, test::tokenCredentials(external))->result.ok);
    QVERIFY(!test::loginAndWait(service, test::tokenCredentials(login->result.token))->result.ok);
}

void TestJwtInterop::forged_external_token_login_is_auth_failed()
{
    auto db = std::make_shared<test::FakeUserDatabase>();
    auth::AuthConfig config;
    ExternalIssuerConfig idp;
    idp.issuer = kIssuer;
    idp.audience = kAudience;
    idp.jwksFile = m_dir.filePath(u"jwks.json"_s);
    config.externalIssuers = {idp};
    config.rateLimit.addressFreeFailures = 999; // many refusals in a row here
    config.rateLimit.addressLockoutFailures = 1000;
    auth::AuthService service(config, QByteArray(64, 'k'),
                              [db] { return std::make_unique<test::FakeStorage>(db); });
    for (const QJsonObject *group : {&m_forged, &m_kid}) {
        for (auto it = group->begin(); it != group->end(); ++it) {
            const auto login =
                test::loginAndWait(service, test::tokenCredentials(it.value().toString()));
            QVERIFY(login);
            QVERIFY2(!login->result.ok, qPrintable(it.key()));
            QCOMPARE(login->result.error.code, ErrorCode::AuthFailed);
        }
    }
    QVERIFY(db->users.isEmpty());
}

QTEST_GUILESS_MAIN(TestJwtInterop)
#include "tst_jwt_interop.moc"
