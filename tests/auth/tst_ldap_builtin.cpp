// The LDAP seam: a build with libldap accepts `auth/providers = ldap`; a
// build without it (SENESCHAL_WITH_LDAP=OFF) refuses it at start with a
// message naming the key, and its provider never accepts a login.

#include "auth/authconfig.h"
#include "auth/ldapprovider.h"

#include <QTest>

using namespace Qt::StringLiterals;
using seneschal::auth::AuthConfig;
using seneschal::auth::LdapProvider;
using seneschal::auth::ProviderResult;

namespace {
AuthConfig ldapConfig()
{
    AuthConfig config;
    config.providers = {u"local"_s, u"ldap"_s};
    config.ldap.url = u"ldap://127.0.0.1:1"_s;
    config.ldap.bindDnTemplate = u"uid=%u,ou=people,dc=example,dc=test"_s;
    return config;
}
bool mentionsNotBuiltIn(const QStringList &problems)
{
    for (const QString &p : problems)
        if (p.startsWith(u"auth/providers:"_s) && p.contains(u"not built into"_s))
            return true;
    return false;
}
} // namespace

class TestLdapBuiltin : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void built_in_matches_the_build_option();
    void configuration_check_follows_the_build();
    void a_provider_without_libldap_never_accepts();
};

void TestLdapBuiltin::built_in_matches_the_build_option()
{
    QCOMPARE(LdapProvider::builtIn(), bool(SENESCHAL_EXPECT_LDAP));
}

void TestLdapBuiltin::configuration_check_follows_the_build()
{
    const QStringList problems = ldapConfig().validate();
    QCOMPARE(mentionsNotBuiltIn(problems), !LdapProvider::builtIn());
    if (LdapProvider::builtIn())
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"; "_s)));
}

void TestLdapBuiltin::a_provider_without_libldap_never_accepts()
{
    if (LdapProvider::builtIn())
        QSKIP("this build has libldap (SENESCHAL_WITH_LDAP=ON)");
    LdapProvider provider(ldapConfig().ldap);
    const ProviderResult result = provider.authenticate(u"alice"_s, u"secret"_s);
    QCOMPARE(result.outcome, ProviderResult::Outcome::Unavailable);
    QVERIFY(result.message.contains(u"not built into"_s));
}

QTEST_GUILESS_MAIN(TestLdapBuiltin)
#include "tst_ldap_builtin.moc"
