#include "ldapprovider.h"

#include "authlogging.h"
#include "ldapescape.h"

#include <QByteArray>
#include <QFile>
#include <QList>
#include <ldap.h>
#include <memory>
#include <optional>
#include <sys/time.h>

using namespace Qt::StringLiterals;

namespace seneschal::auth {

namespace {

using Outcome = ProviderResult::Outcome;

struct LdapCloser
{
    void operator()(LDAP *ld) const { ldap_unbind_ext_s(ld, nullptr, nullptr); }
};
using LdapPtr = std::unique_ptr<LDAP, LdapCloser>;

struct MessageFree
{
    void operator()(LDAPMessage *m) const { ldap_msgfree(m); }
};
using MessagePtr = std::unique_ptr<LDAPMessage, MessageFree>;

timeval toTimeval(int ms)
{
    timeval tv{};
    tv.tv_sec = ms / 1000;
    tv.tv_usec = (ms % 1000) * 1000;
    return tv;
}

bool isUnreachable(int rc)
{
    return rc == LDAP_SERVER_DOWN || rc == LDAP_CONNECT_ERROR || rc == LDAP_TIMEOUT ||
           rc == LDAP_UNAVAILABLE || rc == LDAP_BUSY;
}

QString ldapError(LDAP *ld, int rc)
{
    QString text = QString::fromUtf8(ldap_err2string(rc));
    char *diagnostic = nullptr;
    if (ld && ldap_get_option(ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &diagnostic) == LDAP_OPT_SUCCESS &&
        diagnostic) {
        if (*diagnostic)
            text += u" ("_s + QString::fromUtf8(diagnostic) + u')';
        ldap_memfree(diagnostic);
    }
    return text;
}

ProviderResult unavailable(const QString &message)
{
    ProviderResult r;
    r.outcome = Outcome::Unavailable;
    r.message = message;
    return r;
}

ProviderResult rejected(const QString &message)
{
    ProviderResult r;
    r.outcome = Outcome::Rejected;
    r.message = message;
    return r;
}

// What a failed operation means for the login.
ProviderResult fromError(LDAP *ld, int rc, const QString &what)
{
    if (isUnreachable(rc))
        return unavailable(u"directory unreachable: %1"_s.arg(ldapError(ld, rc)));
    if (rc == LDAP_INVALID_CREDENTIALS || rc == LDAP_NO_SUCH_OBJECT ||
        rc == LDAP_INAPPROPRIATE_AUTH || rc == LDAP_INVALID_DN_SYNTAX)
        return rejected(u"%1: %2"_s.arg(what, ldapError(ld, rc)));
    return unavailable(u"directory error during %1: %2"_s.arg(what, ldapError(ld, rc)));
}

int simpleBind(LDAP *ld, const QString &dn, const QString &password)
{
    QByteArray dnBytes = dn.toUtf8();
    QByteArray secret = password.toUtf8();
    berval cred{};
    cred.bv_val = secret.data();
    cred.bv_len = ber_len_t(secret.size());
    const int rc = ldap_sasl_bind_s(ld, dn.isEmpty() ? nullptr : dnBytes.constData(),
                                    LDAP_SASL_SIMPLE, &cred, nullptr, nullptr, nullptr);
    secret.fill('\0');
    return rc;
}

QStringList values(LDAP *ld, LDAPMessage *entry, const QString &attribute)
{
    QStringList out;
    if (attribute.isEmpty())
        return out;
    const QByteArray name = attribute.toUtf8();
    berval **vals = ldap_get_values_len(ld, entry, name.constData());
    if (!vals)
        return out;
    for (berval **v = vals; *v; ++v)
        out << QString::fromUtf8((*v)->bv_val, qsizetype((*v)->bv_len));
    ldap_value_free_len(vals);
    return out;
}

// The value of a DN's first RDN: "cn=admins,ou=groups,..." gives "admins".
std::optional<QString> firstRdnValue(const QString &dn)
{
    const QByteArray bytes = dn.toUtf8();
    LDAPDN parsed = nullptr;
    if (ldap_str2dn(bytes.constData(), &parsed, LDAP_DN_FORMAT_LDAPV3) != LDAP_SUCCESS || !parsed)
        return std::nullopt;
    std::optional<QString> value;
    if (parsed[0] && parsed[0][0])
        value = QString::fromUtf8(parsed[0][0]->la_value.bv_val,
                                  qsizetype(parsed[0][0]->la_value.bv_len));
    ldap_dnfree(parsed);
    return value;
}

struct Search
{
    int rc = LDAP_SUCCESS;
    MessagePtr result;
};

Search search(LDAP *ld, const QString &base, int scope, const QString &filter,
              const QStringList &attributes, int sizeLimit, int timeoutMs)
{
    QList<QByteArray> names;
    for (const QString &a : attributes)
        if (!a.isEmpty())
            names << a.toUtf8();
    QList<char *> attrs;
    for (QByteArray &n : names)
        attrs << n.data();
    attrs << nullptr;
    const QByteArray baseBytes = base.toUtf8();
    const QByteArray filterBytes = filter.toUtf8();
    timeval timeout = toTimeval(timeoutMs);
    LDAPMessage *raw = nullptr;
    Search s;
    s.rc = ldap_search_ext_s(ld, baseBytes.constData(), scope, filterBytes.constData(),
                             attrs.data(), 0, nullptr, nullptr, &timeout, sizeLimit, &raw);
    s.result.reset(raw);
    return s;
}

// A handle set up as configured (protocol version, timeouts, TLS and
// StartTLS), not bound yet; null and `error` when that fails.
LdapPtr openConnection(const LdapConfig &config, QString *error)
{
    const QByteArray url = config.url.toUtf8();
    LDAP *raw = nullptr;
    int rc = ldap_initialize(&raw, url.constData());
    LdapPtr ld(raw);
    if (rc != LDAP_SUCCESS || !ld) {
        *error = u"bad LDAP URL %1: %2"_s.arg(config.url, ldapError(nullptr, rc));
        return nullptr;
    }

    const int version = LDAP_VERSION3;
    const timeval network = toTimeval(config.networkTimeoutMs);
    const timeval operation = toTimeval(config.operationTimeoutMs);
    ldap_set_option(ld.get(), LDAP_OPT_PROTOCOL_VERSION, &version);
    ldap_set_option(ld.get(), LDAP_OPT_NETWORK_TIMEOUT, &network);
    ldap_set_option(ld.get(), LDAP_OPT_TIMEOUT, &operation);
    ldap_set_option(ld.get(), LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
    const int demand = LDAP_OPT_X_TLS_DEMAND;
    ldap_set_option(ld.get(), LDAP_OPT_X_TLS_REQUIRE_CERT, &demand);
    if (!config.caFile.isEmpty()) {
        const QByteArray ca = QFile::encodeName(config.caFile);
        rc = ldap_set_option(ld.get(), LDAP_OPT_X_TLS_CACERTFILE, ca.constData());
        if (rc != LDAP_OPT_SUCCESS) {
            *error = u"LDAP CA file %1 not usable"_s.arg(config.caFile);
            return nullptr;
        }
    }
    // A TLS context of this handle's own, so the CA file above applies
    // (libldap otherwise keeps using the global one).
    const int server = 0;
    rc = ldap_set_option(ld.get(), LDAP_OPT_X_TLS_NEWCTX, &server);
    if (rc != LDAP_OPT_SUCCESS) {
        *error = u"LDAP TLS setup failed: %1"_s.arg(ldapError(ld.get(), rc));
        return nullptr;
    }

    if (config.startTls) {
        rc = ldap_start_tls_s(ld.get(), nullptr, nullptr);
        if (rc != LDAP_SUCCESS) {
            // Never fall back to plaintext: passwords would travel in clear.
            *error = u"directory unreachable: StartTLS failed: %1"_s.arg(ldapError(ld.get(), rc));
            return nullptr;
        }
    }
    return ld;
}

struct GroupNames
{
    int rc = LDAP_SUCCESS; // of the group search
    QStringList names;     // sorted, without duplicates
};

// The groups of the user `uuid` at `userDn` (entry: its entry, with the
// memberOf attribute; may be null): the first RDN values of memberOf, plus
// the names of the groups the group search finds, as whoever `ld` is bound as.
GroupNames readGroups(LDAP *ld, const LdapConfig &config, LDAPMessage *entry, const QString &userDn,
                      const QString &uuid)
{
    GroupNames out;
    if (entry) {
        for (const QString &groupDn : values(ld, entry, config.memberOfAttribute))
            if (const auto name = firstRdnValue(groupDn))
                out.names << *name;
    }
    if (!config.groupBaseDn.isEmpty()) {
        const QString filter =
            LdapEscape::substitute(config.groupFilter, {{u'd', LdapEscape::filterValue(userDn)},
                                                        {u'u', LdapEscape::filterValue(uuid)}});
        Search s = search(ld, config.groupBaseDn, LDAP_SCOPE_SUBTREE, filter,
                          {config.groupNameAttribute}, 0, config.operationTimeoutMs);
        if (s.rc != LDAP_SUCCESS && s.rc != LDAP_SIZELIMIT_EXCEEDED) {
            out.rc = s.rc;
            return out;
        }
        for (LDAPMessage *g = ldap_first_entry(ld, s.result.get()); g; g = ldap_next_entry(ld, g))
            out.names << values(ld, g, config.groupNameAttribute);
    }
    out.names.removeDuplicates();
    out.names.sort();
    return out;
}

} // namespace

LdapProvider::LdapProvider(LdapConfig config)
    : m_config(std::move(config))
{}

bool LdapProvider::builtIn()
{
    return true;
}

QString LdapProvider::name() const
{
    return u"ldap"_s;
}

ProviderResult LdapProvider::authenticate(const QString &username, const QString &password)
{
    // An empty password makes a simple bind "unauthenticated", which
    // directories answer with success: never let one through.
    if (username.isEmpty() || password.isEmpty())
        return rejected(u"empty user name or password"_s);

    QString error;
    LdapPtr ld = openConnection(m_config, &error);
    if (!ld)
        return unavailable(error);
    int rc = LDAP_SUCCESS;

    const QStringList entryAttributes{m_config.uuidAttribute, m_config.memberOfAttribute};
    const bool direct = !m_config.bindDnTemplate.isEmpty();
    QString userDn;
    MessagePtr entryResult;
    if (direct) {
        userDn = LdapEscape::substitute(m_config.bindDnTemplate,
                                        {{u'u', LdapEscape::dnValue(username)}});
        rc = simpleBind(ld.get(), userDn, password);
        if (rc != LDAP_SUCCESS)
            return fromError(ld.get(), rc, u"bind as %1"_s.arg(userDn));
        Search s = search(ld.get(), userDn, LDAP_SCOPE_BASE, u"(objectClass=*)"_s, entryAttributes,
                          1, m_config.operationTimeoutMs);
        if (s.rc != LDAP_SUCCESS)
            return fromError(ld.get(), s.rc, u"reading %1"_s.arg(userDn));
        entryResult = std::move(s.result);
    } else {
        rc = simpleBind(ld.get(), m_config.serviceDn, m_config.servicePassword);
        if (rc != LDAP_SUCCESS) {
            ProviderResult r = fromError(ld.get(), rc, u"service bind"_s);
            r.outcome = Outcome::Unavailable; // our configuration, not the user's fault
            return r;
        }
        const QString filter = LdapEscape::substitute(m_config.userFilter,
                                                      {{u'u', LdapEscape::filterValue(username)}});
        // Size limit 2: one is the answer, two means the filter is ambiguous.
        Search s = search(ld.get(), m_config.searchBaseDn, LDAP_SCOPE_SUBTREE, filter,
                          entryAttributes, 2, m_config.operationTimeoutMs);
        if (s.rc == LDAP_SIZELIMIT_EXCEEDED)
            return rejected(u"user filter matches more than one entry"_s);
        if (s.rc != LDAP_SUCCESS)
            return fromError(ld.get(), s.rc, u"user search"_s);
        const int count = ldap_count_entries(ld.get(), s.result.get());
        if (count != 1)
            return rejected(count == 0 ? u"no such user"_s : u"ambiguous user"_s);
        char *dn = ldap_get_dn(ld.get(), ldap_first_entry(ld.get(), s.result.get()));
        if (!dn)
            return unavailable(u"directory returned an entry without DN"_s);
        userDn = QString::fromUtf8(dn);
        ldap_memfree(dn);
        entryResult = std::move(s.result);
        rc = simpleBind(ld.get(), userDn, password);
        if (rc != LDAP_SUCCESS)
            return fromError(ld.get(), rc, u"bind as %1"_s.arg(userDn));
    }

    LDAPMessage *entry = ldap_first_entry(ld.get(), entryResult.get());
    ProviderResult result;
    result.outcome = Outcome::Accepted;
    const QStringList uuids =
        entry ? values(ld.get(), entry, m_config.uuidAttribute) : QStringList();
    result.uuid = uuids.isEmpty() ? username : uuids.first();

    // Search groups as the service account when there is one: users are
    // often not allowed to read group entries themselves.
    if (!m_config.groupBaseDn.isEmpty() && !direct) {
        rc = simpleBind(ld.get(), m_config.serviceDn, m_config.servicePassword);
        if (rc != LDAP_SUCCESS)
            return fromError(ld.get(), rc, u"service bind for groups"_s);
    }
    const GroupNames groups = readGroups(ld.get(), m_config, entry, userDn, result.uuid);
    if (groups.rc != LDAP_SUCCESS)
        return fromError(ld.get(), groups.rc, u"group search"_s);
    result.groups = groups.names;
    qCDebug(lcAuth) << "ldap accepted" << result.uuid << "dn" << userDn << "groups"
                    << result.groups;
    return result;
}

GroupLookup LdapProvider::groupsOf(const QString &uuid) const
{
    return LdapGroupReader(m_config).groupsOf(uuid);
}

namespace {

GroupLookup lookup(GroupLookup::Outcome outcome, const QString &message)
{
    GroupLookup l;
    l.outcome = outcome;
    l.message = message;
    return l;
}

GroupLookup notFound(const QString &message)
{
    return lookup(GroupLookup::Outcome::NotFound, message);
}

} // namespace

struct LdapGroupReader::Connection
{
    LdapPtr ld;
};

LdapGroupReader::LdapGroupReader(LdapConfig config)
    : m_config(std::move(config))
{}

LdapGroupReader::~LdapGroupReader() = default;

GroupLookup LdapGroupReader::groupsOf(const QString &uuid)
{
    using Lookup = GroupLookup::Outcome;
    if (uuid.isEmpty())
        return notFound(u"empty uuid"_s);
    if (!m_down.isEmpty())
        return lookup(Lookup::Unavailable, m_down);
    // A failure of the connection itself: no further lookup over it.
    auto down = [this](const QString &why) {
        m_down = why;
        m_connection.reset();
        return lookup(Lookup::Unavailable, why);
    };
    if (!m_connection) {
        QString error;
        LdapPtr ld = openConnection(m_config, &error);
        if (!ld)
            return down(error);
        // Anonymous when there is no service account.
        const int rc = simpleBind(ld.get(), m_config.serviceDn, m_config.servicePassword);
        if (rc != LDAP_SUCCESS)
            return down(u"service bind: %1"_s.arg(ldapError(ld.get(), rc)));
        m_connection = std::make_unique<Connection>();
        m_connection->ld = std::move(ld);
    }
    LDAP *ld = m_connection->ld.get();
    // A failed operation: the directory is gone, or just this lookup failed.
    auto failed = [&](int rc, const QString &what) {
        const QString why = u"%1: %2"_s.arg(what, ldapError(ld, rc));
        if (isUnreachable(rc))
            return down(u"directory unreachable: "_s + why);
        return lookup(Lookup::Unavailable, u"directory error during "_s + why);
    };

    const QStringList entryAttributes{m_config.uuidAttribute, m_config.memberOfAttribute};
    QString userDn;
    MessagePtr entryResult;
    if (!m_config.searchBaseDn.isEmpty()) {
        if (m_config.uuidAttribute.isEmpty())
            return notFound(u"no ldap/uuidAttribute to search by"_s);
        const QString filter =
            u"(%1=%2)"_s.arg(m_config.uuidAttribute, LdapEscape::filterValue(uuid));
        // Size limit 2: one is the answer, two means the uuid is ambiguous.
        Search s = search(ld, m_config.searchBaseDn, LDAP_SCOPE_SUBTREE, filter, entryAttributes, 2,
                          m_config.operationTimeoutMs);
        if (s.rc == LDAP_SIZELIMIT_EXCEEDED)
            return notFound(u"more than one entry has this uuid"_s);
        if (s.rc == LDAP_NO_SUCH_OBJECT)
            return notFound(u"no such user"_s);
        if (s.rc != LDAP_SUCCESS)
            return failed(s.rc, u"user search"_s);
        const int count = ldap_count_entries(ld, s.result.get());
        if (count != 1)
            return notFound(count == 0 ? u"no such user"_s
                                       : u"more than one entry has this uuid"_s);
        char *dn = ldap_get_dn(ld, ldap_first_entry(ld, s.result.get()));
        if (!dn)
            return lookup(Lookup::Unavailable, u"directory returned an entry without DN"_s);
        userDn = QString::fromUtf8(dn);
        ldap_memfree(dn);
        entryResult = std::move(s.result);
    } else if (!m_config.bindDnTemplate.isEmpty()) {
        userDn =
            LdapEscape::substitute(m_config.bindDnTemplate, {{u'u', LdapEscape::dnValue(uuid)}});
        Search s = search(ld, userDn, LDAP_SCOPE_BASE, u"(objectClass=*)"_s, entryAttributes, 1,
                          m_config.operationTimeoutMs);
        if (s.rc == LDAP_NO_SUCH_OBJECT || s.rc == LDAP_INVALID_DN_SYNTAX)
            return notFound(u"no such user"_s);
        if (s.rc != LDAP_SUCCESS)
            return failed(s.rc, u"reading %1"_s.arg(userDn));
        LDAPMessage *entry = ldap_first_entry(ld, s.result.get());
        if (!entry)
            return notFound(u"no such user"_s);
        // The template takes login names: the entry is this uuid's only if
        // its uuid attribute (when it has one) says so.
        const QStringList uuids = values(ld, entry, m_config.uuidAttribute);
        if (!uuids.isEmpty() && uuids.first() != uuid)
            return notFound(u"the entry at %1 has another uuid"_s.arg(userDn));
        entryResult = std::move(s.result);
    } else {
        return notFound(u"neither ldap/searchBaseDn nor ldap/bindDnTemplate is set"_s);
    }

    const GroupNames groups =
        readGroups(ld, m_config, ldap_first_entry(ld, entryResult.get()), userDn, uuid);
    if (groups.rc != LDAP_SUCCESS)
        return failed(groups.rc, u"group search"_s);
    GroupLookup found = lookup(Lookup::Found, QString());
    found.groups = groups.names;
    qCDebug(lcAuth) << "ldap groups of" << uuid << "dn" << userDn << "are" << found.groups;
    return found;
}

} // namespace seneschal::auth
