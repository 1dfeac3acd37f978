#include "authservice.h"

#include "authworker.h"
#include "storage/storage.h"

#include <QPointer>

using namespace Qt::StringLiterals;

namespace seneschal::auth {

AuthService::AuthService(const AuthConfig &config, const QByteArray &jwtSecret,
                         StorageFactory storageFactory, Clock clock)
{
    m_thread.setObjectName(u"seneschal-auth"_s);
    m_worker = new AuthWorker(config, jwtSecret, std::move(storageFactory), std::move(clock));
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

AuthService::~AuthService()
{
    // Storage and LDAP handles belong to the worker thread: close them there.
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker] { w->shutdown(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

namespace {

// Calls `done` on `context`'s thread, or not at all once `context` is gone.
template<typename Result>
std::function<void(const Result &)> onThreadOf(QObject *context,
                                               std::function<void(const Result &)> done)
{
    return [ctx = QPointer<QObject>(context), done = std::move(done)](const Result &result) {
        QObject *target = ctx.data();
        if (!target)
            return;
        QMetaObject::invokeMethod(
            target,
            [ctx, done, result] {
                if (ctx)
                    done(result);
            },
            Qt::QueuedConnection);
    };
}

} // namespace

void AuthService::login(const Credentials &credentials, QObject *context,
                        std::function<void(const LoginResult &)> done)
{
    AuthWorker::Reply reply = onThreadOf(context, std::move(done));
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, credentials, reply] { w->login(credentials, reply); },
        Qt::QueuedConnection);
}

void AuthService::refreshLdapGroups(const QStringList &uuids, QObject *context,
                                    std::function<void(const GroupRefresh &)> done)
{
    AuthWorker::RefreshReply reply = onThreadOf(context, std::move(done));
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, uuids, reply] { w->refreshGroups(uuids, reply); },
        Qt::QueuedConnection);
}

} // namespace seneschal::auth
