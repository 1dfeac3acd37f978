#include "authworker.h"

#include "authlogging.h"
#include "externaljwtverifier.h"
#include "jwtparts.h"
#include "ldapprovider.h"
#include "localprovider.h"
#include "storage/storage.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace seneschal::auth {

namespace {

constexpr qsizetype kMaxUsernameLength = 256;
constexpr qsizetype kMaxPasswordLength = 4096;
// Lookups per pass of a group refresh; logins queued meanwhile go between.
constexpr qsizetype kRefreshLookupsPerPass = 32;
// Users whose LDAP groups are remembered for token logins. Past it entries
// older than a token's lifetime go first (no valid token is older than
// them), then everything (token logins use their claims again).
constexpr qsizetype kMaxKnownGroups = 200000;

LoginResult failure(protocol::ErrorCode code, const QString &message)
{
    LoginResult r;
    r.error = {code, message};
    return r;
}

LoginResult badCredentials()
{
    return failure(protocol::ErrorCode::AuthFailed, u"bad credentials"_s);
}

LoginResult badToken()
{
    return failure(protocol::ErrorCode::AuthFailed, u"bad or expired token"_s);
}

LoginResult storageDown()
{
    return failure(protocol::ErrorCode::Unavailable, u"user database unavailable"_s);
}

bool hasControlCharacters(const QString &s)
{
    for (const QChar c : s)
        if (c.category() == QChar::Other_Control)
            return true;
    return false;
}

QStringList merged(QStringList a, const QStringList &b)
{
    a.append(b);
    a.removeDuplicates();
    a.sort();
    return a;
}

} // namespace

AuthWorker::AuthWorker(AuthConfig config, QByteArray jwtSecret, StorageFactory storageFactory,
                       Clock clock)
    : m_config(std::move(config))
    , m_clock(clock)
    , m_storageFactory(std::move(storageFactory))
    , m_issuer(std::move(jwtSecret), m_config.tokenIssuer, m_config.tokenLifetimeSeconds, clock)
    , m_limiter(m_config.rateLimit, clock)
{
    for (const ExternalIssuerConfig &e : m_config.externalIssuers) {
        QString error;
        auto verifier = ExternalJwtVerifier::create(e, m_clock, &error);
        if (verifier)
            m_externalIssuers.push_back(std::move(verifier));
        else
            qCCritical(lcAuth) << "external issuer" << e.issuer << "disabled:" << error;
    }
}

AuthWorker::~AuthWorker() = default;

std::vector<std::unique_ptr<AuthProvider>> AuthWorker::makeProviders()
{
    std::vector<std::unique_ptr<AuthProvider>> providers;
    for (const QString &name : std::as_const(m_config.providers)) {
        if (name == "local"_L1)
            providers.push_back(std::make_unique<LocalProvider>(*m_storage));
        else if (name == "ldap"_L1)
            providers.push_back(std::make_unique<LdapProvider>(m_config.ldap));
        else
            qCCritical(lcAuth) << "unknown auth provider" << name << "ignored";
    }
    return providers;
}

bool AuthWorker::ensureStorage()
{
    if (!m_storage) {
        m_storage = m_storageFactory ? m_storageFactory() : nullptr;
        if (!m_storage) {
            qCCritical(lcAuth) << "no storage for authentication";
            return false;
        }
        m_providers = makeProviders();
    }
    if (m_storage->isOpen())
        return true;
    const storage::Status status = m_storage->open();
    if (!status) {
        qCWarning(lcAuth) << "cannot open the user database:" << status.error().message;
        return false;
    }
    return true;
}

void AuthWorker::storageFailed(const QString &what, bool connectionLost)
{
    qCWarning(lcAuth) << "user database:" << what;
    // Reconnect on the next login rather than keep a dead connection.
    if (connectionLost && m_storage)
        m_storage->close();
}

void AuthWorker::login(const Credentials &credentials, Reply reply)
{
    if (m_shutDown) {
        reply(failure(protocol::ErrorCode::Unavailable, u"server shutting down"_s));
        return;
    }
    const QString user =
        credentials.method == protocol::AuthMethod::Password ? credentials.username : QString();
    const RateLimiter::Decision decision = m_limiter.check(user, credentials.sourceAddress);
    if (decision.refused) {
        qCWarning(lcAuth) << "login refused (rate limited): user" << user << "from"
                          << credentials.sourceAddress;
        reply(failure(protocol::ErrorCode::RateLimited, u"too many failed logins; try later"_s));
        return;
    }
    if (decision.delayMs <= 0) {
        check(credentials, reply);
        return;
    }
    // Wait without blocking the thread: other users' logins go on meanwhile.
    const quint64 id = m_nextDelayed++;
    m_delayed.emplace(id, std::move(reply));
    QTimer::singleShot(decision.delayMs, this, [this, id, credentials] {
        auto it = m_delayed.find(id);
        if (it == m_delayed.end())
            return;
        Reply pending = std::move(it->second);
        m_delayed.erase(it);
        // Failures recorded while this one waited may have locked it out.
        const QString u =
            credentials.method == protocol::AuthMethod::Password ? credentials.username : QString();
        if (m_limiter.check(u, credentials.sourceAddress).refused) {
            pending(
                failure(protocol::ErrorCode::RateLimited, u"too many failed logins; try later"_s));
            return;
        }
        check(credentials, pending);
    });
}

void AuthWorker::check(const Credentials &credentials, const Reply &reply)
{
    const bool password = credentials.method == protocol::AuthMethod::Password;
    LoginResult result = password ? passwordLogin(credentials) : tokenLogin(credentials);
    const QString user = password ? credentials.username : QString();
    if (result.ok) {
        m_limiter.recordSuccess(user, credentials.sourceAddress);
        qCInfo(lcAuth).nospace() << "login ok: " << result.identity.uuid
                                 << (password ? " (password)" : " (token)") << " from "
                                 << credentials.sourceAddress
                                 << (result.identity.admin ? " [admin]" : "");
    } else if (result.error.code == protocol::ErrorCode::AuthFailed) {
        m_limiter.recordFailure(user, credentials.sourceAddress);
    }
    reply(result);
}

LoginResult AuthWorker::passwordLogin(const Credentials &c)
{
    auto refuse = [&c](const QString &why) {
        qCInfo(lcAuth) << "login refused: user" << c.username << "from" << c.sourceAddress << "-"
                       << why;
        return badCredentials();
    };
    if (c.username.isEmpty() || c.username.size() > kMaxUsernameLength ||
        hasControlCharacters(c.username))
        return refuse(u"unusable user name"_s);
    // An empty password would be an unauthenticated LDAP bind, which succeeds.
    if (c.password.isEmpty() || c.password.size() > kMaxPasswordLength)
        return refuse(u"empty or oversized password"_s);
    if (!ensureStorage())
        return storageDown();

    QString unavailable;
    QStringList reasons;
    for (const auto &provider : m_providers) {
        const ProviderResult r = provider->authenticate(c.username, c.password);
        switch (r.outcome) {
        case ProviderResult::Outcome::Accepted:
            if (provider->name() == "ldap"_L1)
                rememberLdapGroups(r.uuid, r.groups);
            return finish(r.uuid, r.groups, c.cuid, 0);
        case ProviderResult::Outcome::Unavailable:
            qCWarning(lcAuth) << provider->name() << "unavailable:" << r.message;
            if (unavailable.isEmpty())
                unavailable = r.message;
            break;
        case ProviderResult::Outcome::Rejected:
            reasons << provider->name() + u": "_s + r.message;
            break;
        }
    }
    if (!unavailable.isEmpty()) {
        // Not auth_failed: the provider that is down might have said yes.
        qCInfo(lcAuth) << "login failed: user" << c.username << "from" << c.sourceAddress << "-"
                       << unavailable;
        m_limiter.recordFailure(c.username, c.sourceAddress);
        return failure(protocol::ErrorCode::Unavailable, unavailable);
    }
    return refuse(reasons.join(u"; "_s));
}

LoginResult AuthWorker::finish(const QString &uuid, const QStringList &providerGroups,
                               const QString &cuid, qint64 notAfterMs)
{
    if (!ensureStorage())
        return storageDown();
    auto record = m_storage->user(uuid);
    if (!record) {
        storageFailed(record.error().message, record.error().connectionLost);
        return storageDown();
    }
    if (!record.value()) {
        storage::UserRecord shadow;
        shadow.uuid = uuid;
        shadow.createdMs = m_clock();
        const storage::Status created = m_storage->createUser(shadow);
        record = m_storage->user(uuid); // also covers a concurrent creation elsewhere
        if (!record || !record.value()) {
            storageFailed(created ? u"user record vanished"_s : created.error().message,
                          !created && created.error().connectionLost);
            return storageDown();
        }
    }
    const storage::UserRecord &user = *record.value();
    if (user.disabled) {
        qCInfo(lcAuth) << "login refused: user" << uuid << "is disabled";
        return badCredentials();
    }
    const auto localGroups = m_storage->groupsOf(uuid);
    if (!localGroups) {
        storageFailed(localGroups.error().message, localGroups.error().connectionLost);
        return storageDown();
    }
    const auto token = m_issuer.issue(uuid, cuid, user.tokenVersion, providerGroups, notAfterMs);
    if (!token) {
        qCCritical(lcAuth) << "cannot issue a token for" << uuid;
        return failure(protocol::ErrorCode::Unavailable, u"cannot issue a token"_s);
    }
    LoginResult result;
    result.ok = true;
    result.identity.uuid = uuid;
    result.identity.groups = merged(providerGroups, localGroups.value());
    result.identity.providerGroups = providerGroups;
    result.identity.admin = result.identity.groups.contains(m_config.adminGroup);
    result.token = token->token;
    result.tokenExpiresMs = token->expiresMs;
    return result;
}

LoginResult AuthWorker::tokenLogin(const Credentials &c)
{
    QString why;
    const auto parts = JwtParts::parse(c.token, &why);
    if (!parts) {
        qCInfo(lcAuth) << "token refused from" << c.sourceAddress << "-" << why;
        return badToken();
    }
    // The unverified iss only picks the verifier; each verifier then insists
    // on its own algorithm and key, so lying about iss gains nothing.
    const QString iss = parts->issuer();
    if (iss == m_issuer.issuer())
        return ownTokenLogin(c);
    for (const auto &verifier : m_externalIssuers)
        if (verifier->issuer() == iss)
            return externalTokenLogin(c, *verifier);
    qCInfo(lcAuth) << "token refused from" << c.sourceAddress << "- unknown issuer" << iss;
    return badToken();
}

LoginResult AuthWorker::ownTokenLogin(const Credentials &c)
{
    QString why;
    const auto claims = m_issuer.verify(c.token, &why);
    auto refuse = [&c](const QString &reason) {
        qCInfo(lcAuth) << "token refused from" << c.sourceAddress << "-" << reason;
        return badToken();
    };
    if (!claims)
        return refuse(why);
    if (claims->cuid != c.cuid)
        return refuse(u"issued to device %1, presented by %2"_s.arg(claims->cuid, c.cuid));
    if (!ensureStorage())
        return storageDown();
    const auto record = m_storage->user(claims->uuid);
    if (!record) {
        storageFailed(record.error().message, record.error().connectionLost);
        return storageDown();
    }
    if (!record.value())
        return refuse(u"user %1 no longer exists"_s.arg(claims->uuid));
    const storage::UserRecord &user = *record.value();
    if (user.disabled)
        return refuse(u"user %1 is disabled"_s.arg(claims->uuid));
    if (user.tokenVersion != claims->version)
        return refuse(
            u"token of %1 revoked (password changed or user disabled)"_s.arg(claims->uuid));
    const auto localGroups = m_storage->groupsOf(claims->uuid);
    if (!localGroups) {
        storageFailed(localGroups.error().message, localGroups.error().connectionLost);
        return storageDown();
    }
    // LDAP groups learnt since the token was issued (a login elsewhere, a
    // refresh) beat those written into it.
    QStringList providerGroups = claims->groups;
    if (const auto known = m_ldapGroups.constFind(claims->uuid);
        known != m_ldapGroups.constEnd() && known->learnedMs >= claims->issuedAt * 1000) {
        if (known->groups != providerGroups)
            qCDebug(lcAuth) << "token of" << claims->uuid << "carries groups" << providerGroups
                            << "- LDAP says" << known->groups;
        providerGroups = known->groups;
    }
    // The presented token is handed back unchanged: a token login does not
    // extend its life, so a password (or LDAP) check is needed once per
    // lifetime.
    LoginResult result;
    result.ok = true;
    result.identity.uuid = claims->uuid;
    result.identity.groups = merged(providerGroups, localGroups.value());
    result.identity.providerGroups = providerGroups;
    result.identity.admin = result.identity.groups.contains(m_config.adminGroup);
    result.token = c.token;
    result.tokenExpiresMs = claims->expiresAt * 1000;
    return result;
}

LoginResult AuthWorker::externalTokenLogin(const Credentials &c,
                                           const ExternalJwtVerifier &verifier)
{
    QString why;
    const auto identity = verifier.verify(c.token, &why);
    if (!identity) {
        qCInfo(lcAuth) << "token of" << verifier.issuer() << "refused from" << c.sourceAddress
                       << "-" << why;
        return badToken();
    }
    // Exchanged for a server token that lives no longer than the external one.
    return finish(identity->uuid, identity->groups, c.cuid, identity->expiresMs);
}

void AuthWorker::refreshGroups(const QStringList &uuids, RefreshReply reply)
{
    if (m_shutDown || m_refresh || !m_config.providers.contains(u"ldap"_s)) {
        GroupRefresh none;
        none.unavailable = int(uuids.size());
        reply(none);
        return;
    }
    m_refresh = std::make_unique<Refresh>();
    m_refresh->uuids = uuids;
    m_refresh->reader = std::make_unique<LdapGroupReader>(m_config.ldap);
    m_refresh->reply = std::move(reply);
    m_refresh->timer.start();
    continueRefresh();
}

void AuthWorker::continueRefresh()
{
    if (!m_refresh || m_shutDown)
        return;
    Refresh &r = *m_refresh;
    const qsizetype end = std::min(r.uuids.size(), r.next + kRefreshLookupsPerPass);
    for (; r.next < end; ++r.next) {
        const QString &uuid = r.uuids.at(r.next);
        GroupLookup lookup = r.reader->groupsOf(uuid);
        switch (lookup.outcome) {
        case GroupLookup::Outcome::Found:
            rememberLdapGroups(uuid, lookup.groups);
            r.result.groups.insert(uuid, std::move(lookup.groups));
            break;
        case GroupLookup::Outcome::NotFound:
            qCDebug(lcAuth) << "ldap group refresh:" << uuid << "is not an LDAP user -"
                            << lookup.message;
            m_ldapGroups.remove(uuid);
            ++r.result.notFound;
            break;
        case GroupLookup::Outcome::Unavailable:
            if (r.problem.isEmpty())
                r.problem = lookup.message;
            ++r.result.unavailable;
            break;
        }
    }
    if (r.next < r.uuids.size())
        QMetaObject::invokeMethod(this, &AuthWorker::continueRefresh, Qt::QueuedConnection);
    else
        finishRefresh();
}

void AuthWorker::finishRefresh()
{
    std::unique_ptr<Refresh> done = std::move(m_refresh);
    done->reader.reset(); // unbinds now rather than at the next refresh
    done->result.elapsedMs = done->timer.elapsed();
    forgetStaleLdapGroups();
    if (done->result.unavailable > 0 && !m_refreshFailing) {
        m_refreshFailing = true;
        qCWarning(lcAuth).noquote()
            << "ldap group refresh:" << done->result.unavailable << "of" << done->uuids.size()
            << "users not read, they keep the groups they have:" << done->problem;
    } else if (done->result.unavailable == 0 && m_refreshFailing) {
        m_refreshFailing = false;
        qCInfo(lcAuth) << "ldap group refresh: the directory answers again";
    }
    done->reply(done->result);
}

void AuthWorker::rememberLdapGroups(const QString &uuid, const QStringList &groups)
{
    if (m_ldapGroups.size() >= kMaxKnownGroups && !m_ldapGroups.contains(uuid)) {
        forgetStaleLdapGroups();
        if (m_ldapGroups.size() >= kMaxKnownGroups)
            m_ldapGroups.clear();
    }
    QStringList sorted = groups;
    sorted.removeDuplicates();
    sorted.sort();
    m_ldapGroups.insert(uuid, KnownGroups{sorted, m_clock()});
}

void AuthWorker::forgetStaleLdapGroups()
{
    // Every valid token was issued after this; older knowledge never wins.
    const qint64 horizon = m_clock() - m_config.tokenLifetimeSeconds * 1000;
    m_ldapGroups.removeIf(
        [horizon](const auto &entry) { return entry.value().learnedMs < horizon; });
}

void AuthWorker::shutdown()
{
    m_shutDown = true;
    m_refresh.reset();
    auto delayed = std::move(m_delayed);
    m_delayed.clear();
    for (auto &[id, reply] : delayed)
        reply(failure(protocol::ErrorCode::Unavailable, u"server shutting down"_s));
    m_providers.clear();
    if (m_storage)
        m_storage->close();
    m_storage.reset();
}

} // namespace seneschal::auth
