#include "server.h"

#include "admin/admindesk.h"
#include "admin/adminsession.h"
#include "auth/authservice.h"
#include "auth/jwtsecretfile.h"
#include "auth/userdirectory.h"
#include "openfilelimit.h"
#include "protocol/admincodec.h"
#include "protocol/codec.h"
#include "session/connectionquota.h"
#include "session/hub.h"
#include "session/messagebudget.h"
#include "session/session.h"
#include "storage/storagefactory.h"
#include "sync/syncworker.h"
#include "tlspolicy.h"
#include "transport/tlscredentials.h"
#include "transport/websocketlistener.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QWebSocket>

Q_LOGGING_CATEGORY(lcServer, "seneschal.server")

namespace seneschal::app {

using namespace Qt::StringLiterals;

namespace {
qint64 systemNow()
{
    return QDateTime::currentMSecsSinceEpoch();
}
// Descriptors kept for the database, logs, certificates and the listener.
constexpr quint64 kReservedDescriptors = 128;
// Connections past limits/maxConnections are still accepted (and refused
// with 4503) up to this many more; beyond, accepting pauses.
constexpr int kRefusalHeadroom = 256;
// The hint to try again is this plus up to as much again (spread out, so
// refused devices do not come back together).
constexpr qint64 kRetryAfterMs = 5000;

int connectionLimit(int configured, const OpenFileLimit &files)
{
    const quint64 byFiles =
        files.now > kReservedDescriptors + 16 ? files.now - kReservedDescriptors : 16;
    const int fromFiles = int(std::min<quint64>(byFiles, 10000000));
    if (configured <= 0)
        return fromFiles;
    if (configured > fromFiles) {
        qCWarning(lcServer) << "limits/maxConnections" << configured << "is more than the open-file"
                            << "limit allows (" << fromFiles << "); raise LimitNOFILE";
    }
    return configured;
}

void logOpenFileLimit(const OpenFileLimit &limit)
{
    if (!limit.error.isEmpty()) {
        qCWarning(lcServer).noquote()
            << "open-file limit" << limit.now << "not raised:" << limit.error;
        return;
    }
    // Each connected device holds one descriptor.
    if (limit.now != limit.before) {
        qCInfo(lcServer).noquote() << "open-file limit raised from" << limit.before << "to"
                                   << limit.now << "(one per connected device)";
    } else {
        qCInfo(lcServer).noquote() << "open-file limit" << limit.now
                                   << "(one per connected device; raise the hard limit, "
                                      "e.g. LimitNOFILE= of systemd, for more)";
    }
}
} // namespace

Server::Server(Config config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{}

Server::~Server()
{
    shutdown();
}

bool Server::start(QString *error)
{
    const OpenFileLimit files = raiseOpenFileLimit();
    logOpenFileLimit(files);
    const int maxConnections = connectionLimit(m_config.maxConnections, files);
    m_quota = std::make_unique<session::ConnectionQuota>(maxConnections,
                                                         m_config.maxConnectionsPerAddress);
    m_budget = std::make_unique<session::MessageBudget>(m_config.session.messagesPerSecond,
                                                        m_config.session.messageBurst);
    qCInfo(lcServer).noquote() << "at most" << maxConnections << "connections"
                               << (m_config.maxConnectionsPerAddress > 0
                                       ? u", %1 per address"_s.arg(
                                             m_config.maxConnectionsPerAddress)
                                       : QString());
    if (!QDir().mkpath(m_config.dataDir)) {
        *error = u"cannot create the data directory %1 (server/dataDir)"_s.arg(m_config.dataDir);
        return false;
    }

    QSslConfiguration ssl;
    if (m_config.listener.tls) {
        const auto &l = m_config.listener;
        const bool generated = !QFile::exists(l.certificateFile);
        if (!transport::TlsCredentials::ensureSelfSigned(l.certificateFile, l.keyFile, QString(),
                                                         error)) {
            return false;
        }
        ssl = transport::TlsCredentials::load(l.certificateFile, l.keyFile, error);
        if (ssl.isNull())
            return false;
        ssl = TlsPolicy::apply(ssl);
        qCInfo(lcServer).noquote()
            << (generated ? u"generated a self-signed certificate"_s : u"certificate"_s)
            << l.certificateFile << transport::TlsCredentials::fingerprint(ssl.localCertificate());
        // Started anyway: a renewed pair is taken up on SIGHUP without a restart.
        if (const QString problem =
                TlsPolicy::validityProblem(ssl.localCertificate(), QDateTime::currentDateTimeUtc());
            !problem.isEmpty())
            qCWarning(lcServer).noquote()
                << l.certificateFile << problem << "- clients will refuse it";
    }

    const QByteArray secret = auth::JwtSecretFile(m_config.jwtSecretFile).loadOrCreate(error);
    if (secret.isEmpty())
        return false;

    const storage::DatabaseConfig database = m_config.database;
    m_auth = std::make_unique<auth::AuthService>(m_config.auth, secret, [database] {
        return storage::createStorage(database, u"seneschal-auth"_s);
    });

    m_startedAtMs = systemNow();
    m_hub = new session::Hub(this);
    m_worker = new sync::SyncWorker(
        [database] {
            storage::DatabaseConfig sync = database;
            sync.backgroundCheckpoints = true;
            return storage::createStorage(sync, u"seneschal-sync"_s);
        },
        m_config.sync, systemNow, m_hub,
        [hub = m_hub](const sync::Outcome &outcome) { hub->deliver(outcome); });
    admin::AdminDeskSettings desk;
    desk.adminGroup = m_config.auth.adminGroup;
    desk.startedAtMs = m_startedAtMs;
    desk.counters = &m_hub->counters();
    desk.clock = systemNow;
    const auth::PasswordHasher hasher(m_config.auth.scrypt);
    desk.userDirectory = [hasher](storage::Storage &storage) {
        return std::make_unique<auth::UserDirectory>(storage, hasher);
    };
    m_worker->setAdminHandlerFactory([desk](sync::SyncService &service, storage::Storage &storage) {
        return std::make_unique<admin::AdminDesk>(service, storage, desk);
    });
    m_worker->moveToThread(&m_syncThread);
    connect(&m_syncThread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_syncThread.setObjectName(u"sync"_s);
    m_syncThread.start();
    QMetaObject::invokeMethod(m_worker, &sync::SyncWorker::start, Qt::QueuedConnection);

    const int refreshSeconds = m_config.auth.ldap.groupRefreshSeconds;
    if (m_config.auth.providers.contains(u"ldap"_s) && refreshSeconds > 0) {
        m_ldapRefresh.setInterval(refreshSeconds * 1000);
        connect(&m_ldapRefresh, &QTimer::timeout, this, &Server::refreshLdapGroups);
        m_ldapRefresh.start();
        qCInfo(lcServer) << "LDAP groups of connected users are read again every" << refreshSeconds
                         << "s (ldap/groupRefreshSeconds)";
    }

    m_listener = new transport::WebSocketListener(m_config.listener, this);
    m_listener->setMaxSockets(maxConnections + kRefusalHeadroom);
    connect(m_listener, &transport::WebSocketListener::connected, this, &Server::onConnected);
    if (!m_listener->listen(ssl)) {
        *error = u"cannot listen on %1:%2: %3"_s.arg(m_config.listener.address.toString())
                     .arg(m_config.listener.port)
                     .arg(m_listener->errorString());
        return false;
    }
    return true;
}

bool Server::reloadCertificate(QString *error)
{
    if (!m_listener || m_stopped) {
        *error = u"the server is not running"_s;
        return false;
    }
    if (!m_config.listener.tls) {
        *error = u"TLS is off (tls/enabled): no certificate to reload"_s;
        return false;
    }
    const auto &l = m_config.listener;
    const QSslConfiguration ssl =
        transport::TlsCredentials::load(l.certificateFile, l.keyFile, error);
    if (ssl.isNull())
        return false;
    // A pair that clients would refuse is no renewal: keep the one in use.
    if (const QString problem =
            TlsPolicy::validityProblem(ssl.localCertificate(), QDateTime::currentDateTimeUtc());
        !problem.isEmpty()) {
        *error = u"%1 (tls/certificate): %2"_s.arg(l.certificateFile, problem);
        return false;
    }
    m_listener->setSslConfiguration(TlsPolicy::apply(ssl));
    qCInfo(lcServer).noquote() << "reloaded the certificate" << l.certificateFile
                               << transport::TlsCredentials::fingerprint(ssl.localCertificate());
    return true;
}

quint16 Server::port() const
{
    return m_listener ? m_listener->port() : 0;
}

void Server::onConnected(QWebSocket *socket, QTcpSocket *wire)
{
    if (m_stopped) {
        socket->close(static_cast<QWebSocketProtocol::CloseCode>(protocol::CloseCode::Unavailable),
                      u"server shutting down"_s);
        socket->deleteLater();
        return;
    }
    if (!admit(socket))
        return;
    if (!m_config.listener.adminPath.isEmpty() &&
        socket->requestUrl().path() == m_config.listener.adminPath) {
        acceptAdmin(socket, wire);
        return;
    }
    auto *worker = m_worker;
    const QHostAddress address = socket->peerAddress();
    auto *session = new session::Session(
        m_nextSessionId++, socket, wire, m_config.session, *m_auth, *m_hub, *m_budget,
        [worker](sync::Command command, qsizetype maxQueued) {
            return worker->post(std::move(command), maxQueued);
        },
        systemNow, this);
    m_hub->add(session);
    connect(session, &session::Session::finished, this, [this, address](session::Session *s) {
        m_hub->remove(s);
        release(address);
        s->deleteLater();
    });
}

bool Server::admit(QWebSocket *socket)
{
    const QHostAddress address = socket->peerAddress();
    const auto verdict = m_quota->admit(address);
    if (verdict == session::ConnectionQuota::Verdict::Admitted)
        return true;
    const bool full = verdict == session::ConnectionQuota::Verdict::ServerFull;
    const qint64 retryAfterMs = kRetryAfterMs + QRandomGenerator::global()->bounded(kRetryAfterMs);
    const QString message = full ? u"the server is at its connection limit; try again later"_s
                                 : u"too many connections from this address; try again later"_s;
    qCInfo(lcServer).noquote() << "refused" << address.toString() << "("
                               << (full ? u"limits/maxConnections"_s
                                        : u"limits/maxConnectionsPerAddress"_s)
                               << "reached)";
    socket->sendTextMessage(QString::fromUtf8(protocol::encodeRetryLater(
        full ? protocol::ErrorCode::Unavailable : protocol::ErrorCode::RateLimited, message,
        retryAfterMs)));
    socket->close(static_cast<QWebSocketProtocol::CloseCode>(
                      full ? protocol::CloseCode::Unavailable : protocol::CloseCode::RateLimited),
                  full ? u"server full"_s : u"too many connections"_s);
    socket->deleteLater();
    return false;
}

void Server::release(const QHostAddress &address)
{
    if (m_quota)
        m_quota->release(address);
}

namespace {
// The sessions that logged in (and so have a user and are known to the
// sync service), by uuid.
QHash<QString, QList<session::Session *>> loggedInByUuid(const session::Hub &hub)
{
    QHash<QString, QList<session::Session *>> byUuid;
    for (session::Session *s : hub.sessions()) {
        const auto state = s->state();
        if (state != session::Session::State::Uploading &&
            state != session::Session::State::CatchingUp && state != session::Session::State::Live)
            continue;
        if (!s->viewer().uuid.isEmpty())
            byUuid[s->viewer().uuid].append(s);
    }
    return byUuid;
}

QStringList sorted(QStringList groups)
{
    groups.removeDuplicates();
    groups.sort();
    return groups;
}
} // namespace

void Server::refreshLdapGroups()
{
    if (m_stopped || !m_auth)
        return;
    if (m_ldapRefreshing) {
        qCDebug(lcServer) << "LDAP group refresh skipped: the previous one is still running";
        return;
    }
    const QStringList uuids = loggedInByUuid(*m_hub).keys();
    if (uuids.isEmpty())
        return;
    m_ldapRefreshing = true;
    m_auth->refreshLdapGroups(uuids, this, [this](const auth::GroupRefresh &refresh) {
        m_ldapRefreshing = false;
        applyLdapGroups(refresh);
    });
}

void Server::applyLdapGroups(const auth::GroupRefresh &refresh)
{
    if (m_stopped)
        return;
    // Sessions as they are now: some came or went while LDAP was read.
    const auto byUuid = loggedInByUuid(*m_hub);
    QStringList changed;
    for (auto it = refresh.groups.cbegin(); it != refresh.groups.cend(); ++it) {
        const QList<session::Session *> sessions = byUuid.value(it.key());
        bool differs = false;
        for (session::Session *s : sessions) {
            if (sorted(s->providerGroups()) != it.value()) {
                differs = true;
                s->setProviderGroups(it.value());
            }
        }
        if (!differs)
            continue;
        changed << it.key();
        // Regroups every session of the user, in order with the commands
        // its devices sent before.
        QMetaObject::invokeMethod(
            m_worker,
            [w = m_worker, uuid = it.key(), groups = it.value()] {
                w->setProviderGroups(uuid, groups);
            },
            Qt::QueuedConnection);
    }
    const int users = int(refresh.groups.size()) + refresh.notFound + refresh.unavailable;
    if (!changed.isEmpty()) {
        changed.sort();
        const qsizetype shown = 20;
        qCInfo(lcServer).noquote()
            << "LDAP groups read again for" << users << "users in" << refresh.elapsedMs
            << "ms:" << changed.size() << "changed ("
            << changed.mid(0, shown).join(u", "_s) + (changed.size() > shown ? u", ..."_s : u""_s)
            << ")," << refresh.notFound << "not LDAP users," << refresh.unavailable << "not read";
    } else {
        qCDebug(lcServer).noquote() << "LDAP groups read again for" << users << "users in"
                                    << refresh.elapsedMs << "ms: none changed," << refresh.notFound
                                    << "not LDAP users," << refresh.unavailable << "not read";
    }
}

void Server::acceptAdmin(QWebSocket *socket, QTcpSocket *wire)
{
    if (!m_config.adminAllowed(socket->peerAddress())) {
        qCInfo(lcServer).noquote() << "refused" << socket->peerAddress().toString()
                                   << "on the admin interface: not in admin/allow";
        socket->sendTextMessage(QString::fromUtf8(protocol::encodeError(
            protocol::ErrorCode::Forbidden, u"the admin interface is not open to this address"_s)));
        socket->close(
            static_cast<QWebSocketProtocol::CloseCode>(protocol::admin::CloseCode::Forbidden),
            u"address not allowed"_s);
        socket->deleteLater();
        release(socket->peerAddress());
        return;
    }
    auto *worker = m_worker;
    admin::AdminSessionSettings settings;
    settings.resyncAfterBytes = m_config.adminResyncAfterBytes;
    const QHostAddress address = socket->peerAddress();
    auto *session = new admin::AdminSession(
        m_nextSessionId++, socket, wire, m_config.session, settings, *m_auth,
        [worker](sync::Command command) { worker->post(std::move(command)); }, systemNow, this);
    m_hub->addAdmin(session->id(), session);
    connect(session, &admin::AdminSession::finished, this, [this, address](admin::AdminSession *s) {
        m_hub->removeAdmin(s->id());
        release(address);
        s->deleteLater();
    });
}

void Server::shutdown()
{
    if (m_stopped || !m_worker)
        return;
    m_stopped = true;
    m_ldapRefresh.stop();
    qCInfo(lcServer) << "shutting down:" << m_hub->sessionCount() << "sessions";
    m_listener->stop();
    // Commits in flight finish; their acks are queued to the hub...
    QMetaObject::invokeMethod(m_worker, &sync::SyncWorker::finish, Qt::BlockingQueuedConnection);
    // ...and delivered before the sessions close.
    QCoreApplication::sendPostedEvents(m_hub);
    QCoreApplication::processEvents();
    m_hub->closeAll(protocol::ErrorCode::Unavailable, u"server shutting down"_s);
    QElapsedTimer waited;
    waited.start();
    while (m_hub->sessionCount() > 0 && waited.elapsed() < 2000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    m_syncThread.quit();
    m_syncThread.wait();
    m_auth.reset();
    qCInfo(lcServer) << "stopped";
}

} // namespace seneschal::app
