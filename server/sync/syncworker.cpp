#include "syncworker.h"

#include <QMutexLocker>

namespace seneschal::sync {

using namespace Qt::StringLiterals;

SyncWorker::SyncWorker(StorageFactory storageFactory, SyncSettings settings,
                       SyncService::Clock clock, QObject *sinkContext, Sink sink)
    : m_storageFactory(std::move(storageFactory))
    , m_settings(std::move(settings))
    , m_clock(std::move(clock))
    , m_sinkContext(sinkContext)
    , m_sink(std::move(sink))
{}

SyncWorker::~SyncWorker() = default;

void SyncWorker::start()
{
    m_storage = m_storageFactory();
    m_service = std::make_unique<SyncService>(*m_storage, m_settings, m_clock);
    if (auto status = m_service->start(); !status)
        qCWarning(lcSync) << "storage not reachable yet:" << status.error().message;
    m_expiryTimer = new QTimer(this);
    m_expiryTimer->setInterval(24 * 3600 * 1000);
    connect(m_expiryTimer, &QTimer::timeout, this,
            [this] { qCInfo(lcSync).noquote() << expireNow(); });
    m_expiryTimer->start();
    m_userCheckTimer = new QTimer(this);
    m_userCheckTimer->setInterval(kUserCheckIntervalMs);
    connect(m_userCheckTimer, &QTimer::timeout, this, [this] {
        // Queued behind the commands already waiting, like any other pass.
        drain();
        deliver(m_service->refuseDisabledUsers());
        Outcome regrouped;
        m_service->refreshGroups(regrouped);
        deliver(regrouped);
    });
    m_userCheckTimer->start();
    if (m_adminFactory) {
        m_admin = m_adminFactory(*m_service, *m_storage);
        m_adminTimer = new QTimer(this);
        m_adminTimer->setInterval(kAdminTickMs);
        connect(m_adminTimer, &QTimer::timeout, this, [this] {
            Outcome outcome;
            m_admin->tick(outcome);
            deliver(outcome);
        });
        m_adminTimer->start();
    }
    drain();
}

bool SyncWorker::hasWindowsLeft() const
{
    return m_service->hasWindowsLeft() || (m_admin && m_admin->hasWork());
}

QList<AdminCommand> SyncWorker::takeAdminCommands(QList<Command> &commands)
{
    QList<AdminCommand> admin;
    for (auto it = commands.begin(); it != commands.end();) {
        if (auto *command = std::get_if<AdminCommand>(&*it)) {
            if (auto *share = std::get_if<protocol::admin::AdminShare>(&command->request.body)) {
                *it = ShareCommand{command->session, share->share, command->request.req,
                                   command->admin};
                ++it;
                continue;
            }
            admin.append(std::move(*command));
            it = commands.erase(it);
        } else if (auto *left = std::get_if<AdminLeftCommand>(&*it)) {
            if (m_admin)
                m_admin->sessionLeft(left->session);
            it = commands.erase(it);
        } else {
            ++it;
        }
    }
    return admin;
}

bool SyncWorker::post(Command command, qsizetype maxQueued)
{
    const SessionId session = std::visit([](const auto &c) { return c.session; }, command);
    QMutexLocker lock(&m_mutex);
    auto &queue = m_queues[session];
    if (maxQueued > 0 && qsizetype(queue.size()) >= maxQueued)
        return false;
    if (queue.empty())
        m_ready.push_back(session);
    queue.push_back(std::move(command));
    if (!m_drainScheduled) {
        m_drainScheduled = true;
        QMetaObject::invokeMethod(this, &SyncWorker::drain, Qt::QueuedConnection);
    }
    return true;
}

QList<Command> SyncWorker::takePass()
{
    QList<Command> commands;
    std::deque<SessionId> servedAgain;
    const qsizetype perSession =
        m_ready.size() > 1 ? kMaxCommandsPerSessionShared : kMaxCommandsPerSessionAlone;
    while (!m_ready.empty() && commands.size() < kMaxCommandsPerPass) {
        const SessionId session = m_ready.front();
        m_ready.pop_front();
        auto it = m_queues.find(session);
        auto &queue = it->second;
        const qsizetype share = std::min<qsizetype>(
            {qsizetype(queue.size()), perSession, kMaxCommandsPerPass - commands.size()});
        for (qsizetype i = 0; i < share; ++i) {
            commands.append(std::move(queue.front()));
            queue.pop_front();
        }
        if (queue.empty())
            m_queues.erase(it);
        else
            servedAgain.push_back(session);
    }
    // Sessions not reached this pass go first next time.
    m_ready.insert(m_ready.end(), servedAgain.begin(), servedAgain.end());
    return commands;
}

void SyncWorker::drain()
{
    if (!m_service)
        return; // start() drains what queued up before it
    QList<Command> commands;
    {
        QMutexLocker lock(&m_mutex);
        commands = takePass();
        m_drainScheduled = hasQueued() || hasWindowsLeft();
        if (m_drainScheduled)
            QMetaObject::invokeMethod(this, &SyncWorker::drain, Qt::QueuedConnection);
    }
    const QList<AdminCommand> admin = takeAdminCommands(commands);
    if (commands.isEmpty() && admin.isEmpty() && !hasWindowsLeft())
        return;
    Outcome outcome;
    if (!commands.isEmpty() || m_service->hasWindowsLeft())
        outcome = m_service->process(commands);
    if (m_admin) {
        for (const AdminCommand &command : admin)
            m_admin->handle(command, outcome);
        m_admin->afterPass(outcome);
        if (m_admin->hasWork())
            m_admin->work(outcome);
    }
    deliver(outcome);
    // A catch-up begun in this pass goes on in the next ones.
    QMutexLocker lock(&m_mutex);
    if (!m_drainScheduled && hasWindowsLeft()) {
        m_drainScheduled = true;
        QMetaObject::invokeMethod(this, &SyncWorker::drain, Qt::QueuedConnection);
    }
}

void SyncWorker::deliver(const Outcome &outcome)
{
    if (outcome.isEmpty() || !m_sinkContext)
        return;
    QMetaObject::invokeMethod(
        m_sinkContext, [sink = m_sink, outcome] { sink(outcome); }, Qt::QueuedConnection);
}

void SyncWorker::finish()
{
    for (;;) {
        {
            QMutexLocker lock(&m_mutex);
            if (!hasQueued())
                break;
        }
        drain();
    }
    if (m_expiryTimer)
        m_expiryTimer->stop();
    if (m_userCheckTimer)
        m_userCheckTimer->stop();
    if (m_adminTimer)
        m_adminTimer->stop();
    m_admin.reset();
    if (m_service) {
        if (auto status = m_service->saveClients(); !status)
            qCWarning(lcSync) << "device cursors not saved at shutdown:" << status.error().message;
    }
    m_service.reset();
    if (m_storage)
        m_storage->close();
}

void SyncWorker::setProviderGroups(const QString &uuid, const QStringList &groups)
{
    drain();
    Outcome outcome;
    m_service->setProviderGroups(uuid, groups, outcome);
    deliver(outcome);
}

QString SyncWorker::expireNow()
{
    if (!m_service)
        return u"expiry skipped: service not started"_s;
    auto report = m_service->expire();
    if (!report)
        return u"expiry failed: "_s + report.error().message;
    const auto &r = report.value();
    return u"expired %1 devices, %2 dispatch log entries, %3 tombstones, %4 reconciliation "
           "history entries (retention horizon seq %5)"_s.arg(r.clientsRemoved)
               .arg(r.logEntriesRemoved)
               .arg(r.tombstonesRemoved)
               .arg(r.conflictsRemoved)
               .arg(r.purgedSeq);
}

} // namespace seneschal::sync
