#include "config.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace seneschal::app {

using namespace Qt::StringLiterals;

namespace {

// Typed reads that name the key in every complaint.
class Reader
{
public:
    Reader(QSettings &settings, QStringList *errors)
        : m_settings(settings)
        , m_errors(errors)
    {}

    QString string(const QString &key, const QString &fallback) const
    {
        const QVariant value = m_settings.value(key, fallback);
        // An unquoted value with commas (an LDAP DN) reads as a list in an
        // INI file: put it back together.
        if (value.typeId() == QMetaType::QStringList)
            return value.toStringList().join(u',').trimmed();
        return value.toString().trimmed();
    }
    qint64 integer(const QString &key, qint64 fallback, qint64 min, qint64 max) const
    {
        if (!m_settings.contains(key))
            return fallback;
        bool ok = false;
        const qint64 value = m_settings.value(key).toString().trimmed().toLongLong(&ok);
        if (!ok || value < min || value > max) {
            m_errors->append(u"%1: expected an integer from %2 to %3, got \"%4\""_s.arg(
                key, QString::number(min), QString::number(max), m_settings.value(key).toString()));
            return fallback;
        }
        return value;
    }
    bool boolean(const QString &key, bool fallback) const
    {
        if (!m_settings.contains(key))
            return fallback;
        const QString value = m_settings.value(key).toString().trimmed().toLower();
        if (value == u"true" || value == u"yes" || value == u"1" || value == u"on")
            return true;
        if (value == u"false" || value == u"no" || value == u"0" || value == u"off")
            return false;
        m_errors->append(u"%1: expected true or false, got \"%2\""_s.arg(key, value));
        return fallback;
    }
    QStringList list(const QString &key, const QStringList &fallback) const
    {
        if (!m_settings.contains(key))
            return fallback;
        // QSettings splits unquoted commas into a list already.
        QStringList items;
        const QVariant value = m_settings.value(key);
        const QStringList raw = value.typeId() == QMetaType::QStringList
                                    ? value.toStringList()
                                    : value.toString().split(u',');
        for (const QString &item : raw) {
            if (!item.trimmed().isEmpty())
                items.append(item.trimmed());
        }
        return items;
    }
    QStringList childKeys(const QString &group) const
    {
        m_settings.beginGroup(group);
        const QStringList keys = m_settings.childKeys();
        m_settings.endGroup();
        return keys;
    }
    QStringList childGroups() const { return m_settings.childGroups(); }
    void error(const QString &message) const { m_errors->append(message); }

private:
    QSettings &m_settings;
    QStringList *m_errors;
};

std::optional<engine::Access> readAccess(const Reader &in, const QString &key,
                                         engine::Access fallback)
{
    const QString name = in.string(key, engine::accessName(fallback));
    auto access = engine::accessFromName(name);
    if (!access || *access == engine::Access::Inherit) {
        in.error(u"%1: expected public or private, got \"%2\""_s.arg(key, name));
        return std::nullopt;
    }
    return access;
}

} // namespace

bool Config::adminAllowed(const QHostAddress &address) const
{
    if (adminAllow.isEmpty())
        return true;
    // An IPv4 peer on a dual-stack socket shows as ::ffff:a.b.c.d.
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped);
    const QHostAddress plain = mapped ? QHostAddress(v4) : address;
    for (const Subnet &subnet : adminAllow) {
        if (plain.isInSubnet(subnet))
            return true;
    }
    return false;
}

QString Config::inDataDir(const QString &path) const
{
    if (path.isEmpty() || QDir::isAbsolutePath(path))
        return path;
    return QDir(dataDir).filePath(path);
}

Config Config::load(const QString &path, bool allowMissing, QStringList *errors)
{
    Config config;
    if (!path.isEmpty() && !QFileInfo::exists(path) && !allowMissing)
        errors->append(u"configuration file %1 does not exist"_s.arg(path));
    QSettings settings(path, QSettings::IniFormat);
    if (settings.status() == QSettings::FormatError)
        errors->append(u"%1: not a valid INI file"_s.arg(path));
    config.file = path;
    const Reader in(settings, errors);
    const QString baseDir = path.isEmpty() ? QDir::currentPath() : QFileInfo(path).absolutePath();

    // [server]
    config.dataDir = in.string(u"server/dataDir"_s, u"data"_s);
    if (!QDir::isAbsolutePath(config.dataDir))
        config.dataDir = QDir(baseDir).absoluteFilePath(config.dataDir);
    const QString listen = in.string(u"server/listen"_s, u"0.0.0.0"_s);
    if (!config.listener.address.setAddress(listen))
        errors->append(u"server/listen: \"%1\" is not an IP address"_s.arg(listen));
    config.listener.port = quint16(in.integer(u"server/port"_s, 7443, 0, 65535));
    config.listener.allowPlaintext = in.boolean(u"server/allowPlaintext"_s, false);
    config.logRules = in.string(u"server/logRules"_s, QString());

    // [tls]
    config.listener.tls = in.boolean(u"tls/enabled"_s, true);
    config.listener.certificateFile = in.string(u"tls/certificate"_s, QString());
    config.listener.keyFile = in.string(u"tls/key"_s, QString());
    if (config.listener.certificateFile.isEmpty() != config.listener.keyFile.isEmpty())
        errors->append(u"tls/certificate and tls/key must be set together"_s);
    if (config.listener.certificateFile.isEmpty()) {
        config.listener.certificateFile = config.inDataDir(u"server-cert.pem"_s);
        config.listener.keyFile = config.inDataDir(u"server-key.pem"_s);
    } else {
        config.listener.certificateFile =
            QDir(baseDir).absoluteFilePath(config.listener.certificateFile);
        config.listener.keyFile = QDir(baseDir).absoluteFilePath(config.listener.keyFile);
    }
    if (!config.listener.tls && !config.listener.address.isLoopback() &&
        !config.listener.allowPlaintext) {
        errors->append(u"tls/enabled=false needs server/listen on loopback or "
                       "server/allowPlaintext=true"_s);
    }

    // [database]
    auto &db = config.database;
    db.backend = in.string(u"database/backend"_s, u"sqlite"_s);
    if (db.backend != u"sqlite" && db.backend != u"mysql")
        errors->append(u"database/backend: expected sqlite or mysql, got \"%1\""_s.arg(db.backend));
    db.path = config.inDataDir(in.string(u"database/path"_s, u"seneschal.db"_s));
    db.host = in.string(u"database/host"_s, u"127.0.0.1"_s);
    db.port = int(in.integer(u"database/port"_s, 3306, 1, 65535));
    db.name = in.string(u"database/name"_s, u"seneschal"_s);
    db.user = in.string(u"database/user"_s, u"seneschal"_s);
    db.password = in.string(u"database/password"_s, QString());
    db.connectTimeoutS = int(in.integer(u"database/connectTimeout"_s, 5, 1, 600));

    // [limits]
    auto &limits = config.session.limits;
    limits.maxMessageBytes =
        in.integer(u"limits/maxMessageBytes"_s, limits.maxMessageBytes, 1024, 1LL << 30);
    limits.maxProps = int(in.integer(u"limits/maxProps"_s, limits.maxProps, 1, 1000000));
    limits.maxDepth = int(in.integer(u"limits/maxDepth"_s, limits.maxDepth, 2, 1000));
    limits.maxValueBytes =
        in.integer(u"limits/maxValueBytes"_s, limits.maxMessageBytes, 1, 1LL << 30);
    config.listener.maxIncomingMessageBytes = limits.maxMessageBytes;
    config.session.helloTimeoutMs =
        int(in.integer(u"limits/helloTimeoutMs"_s, config.session.helloTimeoutMs, 100, 600000));
    config.session.maxBadMessagesInARow =
        int(in.integer(u"limits/maxBadMessages"_s, config.session.maxBadMessagesInARow, 1, 100000));
    config.session.maxPendingWriteBytes = in.integer(
        u"limits/maxPendingWriteBytes"_s, config.session.maxPendingWriteBytes, 65536, 1LL << 40);
    config.session.maxQueuedMessages = int(in.integer(
        u"limits/maxQueuedMessages"_s, config.session.maxQueuedMessages, 100, 100000000));
    config.session.messagesPerSecond = int(
        in.integer(u"limits/messagesPerSecond"_s, config.session.messagesPerSecond, 0, 100000000));
    config.session.messageBurst =
        int(in.integer(u"limits/messageBurst"_s, config.session.messageBurst, 1, 100000000));
    config.maxConnections =
        int(in.integer(u"limits/maxConnections"_s, config.maxConnections, 0, 10000000));
    config.maxConnectionsPerAddress = int(in.integer(u"limits/maxConnectionsPerAddress"_s,
                                                     config.maxConnectionsPerAddress, 0, 10000000));

    // [admin]
    if (!in.boolean(u"admin/enabled"_s, true))
        config.listener.adminPath.clear();
    for (const QString &entry : in.list(u"admin/allow"_s, {})) {
        const auto subnet = QHostAddress::parseSubnet(entry.contains(u'/')   ? entry
                                                      : entry.contains(u':') ? entry + u"/128"_s
                                                                             : entry + u"/32"_s);
        if (subnet.first.isNull())
            in.error(
                u"admin/allow: \"%1\" is not an address or subnet (e.g. 10.0.0.0/8, ::1)"_s.arg(
                    entry));
        else
            config.adminAllow.append(subnet);
    }
    config.adminResyncAfterBytes =
        in.integer(u"admin/resyncAfterBytes"_s, config.adminResyncAfterBytes, 65536, 1LL << 40);

    // [clients], [sync], [access]
    config.sync.expireDays = int(in.integer(u"clients/expireDays"_s, 30, 1, 36500));
    config.sync.maxFutureSkewMs =
        in.integer(u"sync/maxFutureSkewMs"_s, config.sync.maxFutureSkewMs, 0, 1LL << 40);
    config.sync.spoolPageSize =
        int(in.integer(u"sync/spoolPageSize"_s, config.sync.spoolPageSize, 10, 100000));
    config.sync.uploadStageObjects =
        int(in.integer(u"sync/uploadStageObjects"_s, config.sync.uploadStageObjects, 1, 10000000));
    config.sync.uploadMergeWindow =
        int(in.integer(u"sync/uploadMergeWindow"_s, config.sync.uploadMergeWindow, 1, 100000));
    if (auto access = readAccess(in, u"access/default"_s, engine::Access::Public))
        config.sync.defaultAccess = *access;
    for (const QString &kind : in.childKeys(u"access"_s)) {
        if (kind == u"default")
            continue;
        if (auto access = readAccess(in, u"access/"_s + kind, engine::Access::Public))
            config.sync.defaultAccessByKind.insert(kind, *access);
    }

    // [auth], [ldap], [ratelimit], [jwt.<name>]
    auto &auth = config.auth;
    auth.providers = in.list(u"auth/providers"_s, auth.providers);
    auth.adminGroup = in.string(u"auth/adminGroup"_s, auth.adminGroup);
    config.sync.adminGroup = auth.adminGroup;
    auth.tokenLifetimeSeconds = in.integer(u"auth/tokenLifetimeDays"_s, 30, 1, 3650) * 24 * 3600;
    auth.tokenIssuer = in.string(u"auth/tokenIssuer"_s, auth.tokenIssuer);
    config.jwtSecretFile = config.inDataDir(in.string(u"auth/secretFile"_s, u"jwt.secret"_s));

    auto &ldap = auth.ldap;
    ldap.url = in.string(u"ldap/url"_s, ldap.url);
    ldap.startTls = in.boolean(u"ldap/startTls"_s, ldap.startTls);
    ldap.caFile = in.string(u"ldap/caFile"_s, ldap.caFile);
    ldap.bindDnTemplate = in.string(u"ldap/bindDnTemplate"_s, ldap.bindDnTemplate);
    ldap.serviceDn = in.string(u"ldap/serviceDn"_s, ldap.serviceDn);
    ldap.servicePassword = in.string(u"ldap/servicePassword"_s, ldap.servicePassword);
    ldap.searchBaseDn = in.string(u"ldap/searchBaseDn"_s, ldap.searchBaseDn);
    ldap.userFilter = in.string(u"ldap/userFilter"_s, ldap.userFilter);
    ldap.uuidAttribute = in.string(u"ldap/uuidAttribute"_s, ldap.uuidAttribute);
    ldap.memberOfAttribute = in.string(u"ldap/memberOfAttribute"_s, ldap.memberOfAttribute);
    ldap.groupBaseDn = in.string(u"ldap/groupBaseDn"_s, ldap.groupBaseDn);
    ldap.groupFilter = in.string(u"ldap/groupFilter"_s, ldap.groupFilter);
    ldap.groupNameAttribute = in.string(u"ldap/groupNameAttribute"_s, ldap.groupNameAttribute);
    ldap.networkTimeoutMs =
        int(in.integer(u"ldap/networkTimeoutMs"_s, ldap.networkTimeoutMs, 100, 600000));
    ldap.operationTimeoutMs =
        int(in.integer(u"ldap/operationTimeoutMs"_s, ldap.operationTimeoutMs, 100, 600000));
    ldap.groupRefreshSeconds =
        int(in.integer(u"ldap/groupRefreshSeconds"_s, ldap.groupRefreshSeconds, 0, 86400));

    auto &rate = auth.rateLimit;
    rate.userFreeFailures =
        int(in.integer(u"ratelimit/userFreeFailures"_s, rate.userFreeFailures, 0, 1000));
    rate.userLockoutFailures =
        int(in.integer(u"ratelimit/userLockoutFailures"_s, rate.userLockoutFailures, 1, 100000));
    rate.addressFreeFailures =
        int(in.integer(u"ratelimit/addressFreeFailures"_s, rate.addressFreeFailures, 0, 100000));
    rate.addressLockoutFailures = int(
        in.integer(u"ratelimit/addressLockoutFailures"_s, rate.addressLockoutFailures, 1, 1000000));
    rate.baseDelayMs = int(in.integer(u"ratelimit/baseDelayMs"_s, rate.baseDelayMs, 0, 60000));
    rate.maxDelayMs = int(in.integer(u"ratelimit/maxDelayMs"_s, rate.maxDelayMs, 0, 600000));
    rate.lockoutSeconds =
        int(in.integer(u"ratelimit/lockoutSeconds"_s, rate.lockoutSeconds, 1, 86400));
    rate.windowSeconds =
        int(in.integer(u"ratelimit/windowSeconds"_s, rate.windowSeconds, 1, 86400));

    for (const QString &group : in.childGroups()) {
        if (!group.startsWith(u"jwt."))
            continue;
        auth::ExternalIssuerConfig issuer;
        issuer.issuer = in.string(group + u"/issuer"_s, QString());
        issuer.audience = in.string(group + u"/audience"_s, QString());
        issuer.publicKeyFile = in.string(group + u"/publicKeyFile"_s, QString());
        issuer.jwksFile = in.string(group + u"/jwksFile"_s, QString());
        issuer.uuidClaim = in.string(group + u"/uuidClaim"_s, issuer.uuidClaim);
        issuer.groupsClaim = in.string(group + u"/groupsClaim"_s, issuer.groupsClaim);
        issuer.leewaySeconds =
            int(in.integer(group + u"/leewaySeconds"_s, issuer.leewaySeconds, 0, 3600));
        auth.externalIssuers.append(issuer);
    }
    errors->append(auth.validate());
    return config;
}

} // namespace seneschal::app
