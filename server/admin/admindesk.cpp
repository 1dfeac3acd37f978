#include "admindesk.h"

#include "adminlogging.h"
#include "adminrows.h"
#include "auth/userdirectory.h"
#include "protocol/admincodec.h"
#include "sync/syncservice.h"

#include <QJsonDocument>

namespace seneschal::admin {

using namespace Qt::StringLiterals;
using protocol::ErrorCode;
using protocol::admin::EventOp;
namespace wire = protocol::admin;

namespace {

constexpr int kSnapshotRows = 100; // history, access, audit (PROTOCOL.md 10)

void append(sync::Outcome &outcome, sync::Outcome &&more)
{
    outcome.steps += std::move(more.steps);
    outcome.refusals += std::move(more.refusals);
}

// The `after` of a paged query as a number; false when it is not one.
bool afterNumber(const QString &after, qint64 *number)
{
    if (after.isEmpty()) {
        *number = 0;
        return true;
    }
    bool ok = false;
    *number = after.toLongLong(&ok);
    return ok && *number >= 0;
}

} // namespace

AdminDesk::AdminDesk(sync::SyncService &service, storage::Storage &storage,
                     AdminDeskSettings settings)
    : m_service(service)
    , m_storage(storage)
    , m_settings(std::move(settings))
{
    if (m_settings.userDirectory)
        m_users = m_settings.userDirectory(storage);
    m_lastStatsMs = m_settings.clock();
    if (m_settings.counters)
        m_deliveriesAtStats = m_settings.counters->deliveries.load(std::memory_order_relaxed);
}

AdminDesk::~AdminDesk() = default;

void AdminDesk::handle(const sync::AdminCommand &command, sync::Outcome &outcome)
{
    std::visit(
        [&](const auto &body) {
            using T = std::decay_t<decltype(body)>;
            if constexpr (std::is_same_v<T, wire::Subscribe>) {
                subscribe(command, body.topics, outcome);
            } else if constexpr (std::is_same_v<T, wire::Unsubscribe>) {
                unsubscribe(command.session, body.topics);
                if (!command.request.req.isEmpty())
                    outcome.send(command.session, wire::encodeDone(command.request.req));
            } else if constexpr (std::is_same_v<T, wire::QueueQuery>) {
                startQueue(command, body, outcome);
            } else if constexpr (std::is_same_v<T, wire::HistoryQuery>) {
                history(command, body, outcome);
            } else if constexpr (std::is_same_v<T, wire::ObjectQuery>) {
                object(command, body.oid, outcome);
            } else if constexpr (std::is_same_v<T, wire::ObjectsQuery>) {
                objects(command, body, outcome);
            } else if constexpr (std::is_same_v<T, wire::UsersQuery>) {
                users(command, outcome);
            } else if constexpr (std::is_same_v<T, wire::GroupsQuery>) {
                groups(command, outcome);
            } else if constexpr (std::is_same_v<T, wire::Disconnect>) {
                disconnect(command, body.cuid, outcome);
            } else if constexpr (std::is_same_v<T, wire::Expire>) {
                expire(command, body.cuid, outcome);
            } else if constexpr (std::is_same_v<T, wire::UserAction>) {
                userAction(command, body, outcome);
            } else if constexpr (std::is_same_v<T, wire::GroupAction>) {
                groupAction(command, body, outcome);
            } else if constexpr (std::is_same_v<T, wire::AdminShare>) {
                // Shares go through the sync pass (SyncWorker); never here.
                sendError(command, ErrorCode::Invalid, u"share not handled here"_s, outcome);
            }
        },
        command.request.body);
}

void AdminDesk::sendError(const sync::AdminCommand &command, ErrorCode code, const QString &message,
                          sync::Outcome &outcome)
{
    outcome.send(command.session, wire::encodeAdminError(command.request.req, code, message));
}

void AdminDesk::sendStorageError(const sync::AdminCommand &command,
                                 const storage::StorageError &error, sync::Outcome &outcome)
{
    qCWarning(lcAdmin) << "admin request failed, storage:" << error.message;
    sendError(command, ErrorCode::Unavailable, u"storage unavailable: "_s + error.message, outcome);
}

// ---- subscriptions and events ----

void AdminDesk::subscribe(const sync::AdminCommand &command, const QList<Topic> &topics,
                          sync::Outcome &outcome)
{
    auto &mine = m_subscriptions[command.session];
    for (Topic topic : topics) {
        // Events before this point belong to the snapshot below.
        afterPass(outcome);
        const bool deviceRows = topic == Topic::Devices || topic == Topic::Stats;
        if (deviceRows && !m_board.isLoaded()) {
            auto clients = m_storage.clients();
            if (!clients) {
                sendStorageError(command, clients.error(), outcome);
                return;
            }
            m_board.load(clients.value());
        }
        QJsonArray rows;
        switch (topic) {
        case Topic::Devices:
            rows = m_board.snapshot(m_service.attachedDevices(), m_service.lastSeq());
            m_lagsShownAtSeq = m_service.lastSeq();
            break;
        case Topic::Stats:
            rows.append(statsRow());
            break;
        case Topic::History: {
            auto recent = m_storage.recentConflicts(kSnapshotRows);
            if (!recent) {
                sendStorageError(command, recent.error(), outcome);
                return;
            }
            for (const storage::ConflictRecord &conflict : recent.value())
                rows.append(rows::history(conflict));
            break;
        }
        case Topic::Access: {
            auto recent = m_storage.recentAccessChanges(kSnapshotRows);
            if (!recent) {
                sendStorageError(command, recent.error(), outcome);
                return;
            }
            for (const storage::AccessChange &change : recent.value())
                rows.append(rows::access(change));
            break;
        }
        case Topic::Audit: {
            auto recent = m_storage.recentAudit(kSnapshotRows);
            if (!recent) {
                sendStorageError(command, recent.error(), outcome);
                return;
            }
            for (const storage::AuditRecord &record : recent.value())
                rows.append(rows::audit(record));
            break;
        }
        }
        if (!mine.contains(topic)) {
            mine.insert(topic);
            ++m_watchers[int(topic)];
        }
        updateFeed();
        outcome.send(command.session, wire::encodeSnapshot(command.request.req, topic, rows));
    }
}

void AdminDesk::unsubscribe(sync::SessionId session, const QList<Topic> &topics)
{
    auto it = m_subscriptions.find(session);
    if (it == m_subscriptions.end())
        return;
    for (Topic topic : topics) {
        if (it->remove(topic))
            --m_watchers[int(topic)];
    }
    if (it->isEmpty())
        m_subscriptions.erase(it);
    updateFeed();
}

void AdminDesk::sessionLeft(sync::SessionId session)
{
    if (auto it = m_subscriptions.constFind(session); it != m_subscriptions.constEnd())
        unsubscribe(session, it->values());
    m_queueRuns.removeIf([session](const QueueRun &run) { return run.session == session; });
}

void AdminDesk::updateFeed()
{
    const bool any = watched(Topic::Devices) || watched(Topic::Stats) || watched(Topic::History) ||
                     watched(Topic::Access) || watched(Topic::Audit);
    m_service.setFeedEnabled(any);
    if (!watched(Topic::Devices) && !watched(Topic::Stats) && m_board.isLoaded())
        m_board.unload();
}

void AdminDesk::sendEvent(Topic topic, EventOp op, const QJsonObject &row, sync::Outcome &outcome)
{
    if (!watched(topic))
        return;
    const QByteArray frame = wire::encodeEvent(topic, op, row);
    for (auto it = m_subscriptions.cbegin(); it != m_subscriptions.cend(); ++it) {
        if (it->contains(topic))
            outcome.sendEvent(it.key(), frame, int(topic));
    }
}

void AdminDesk::afterPass(sync::Outcome &outcome)
{
    sync::ChangeFeed feed = m_service.takeFeed();
    m_dispatchesTotal += feed.dispatches;
    for (const sync::ChangeFeed::AdminShare &share : std::as_const(feed.adminShares)) {
        QJsonObject args{{u"oid"_s, share.share.oid}};
        if (!share.share.grant.isEmpty())
            args.insert(u"grant"_s, QJsonArray::fromStringList(share.share.grant));
        if (!share.share.revoke.isEmpty())
            args.insert(u"revoke"_s, QJsonArray::fromStringList(share.share.revoke));
        if (share.share.access)
            args.insert(u"access"_s, engine::accessName(*share.share.access));
        audit(share.by, u"share"_s, args, outcome);
    }
    if (m_board.isLoaded()) {
        if (feed.devicesExpired) {
            // Daily expiry may have forgotten many devices: consoles read
            // them again (PROTOCOL.md 10, resync).
            auto clients = m_storage.clients();
            if (clients)
                m_board.load(clients.value());
            if (watched(Topic::Devices)) {
                const QByteArray frame = wire::encodeResync({Topic::Devices});
                for (auto it = m_subscriptions.begin(); it != m_subscriptions.end(); ++it) {
                    if (it->remove(Topic::Devices)) {
                        --m_watchers[int(Topic::Devices)];
                        outcome.send(it.key(), frame);
                    }
                }
            }
        }
        for (const storage::ClientRecord &client : std::as_const(feed.devices))
            m_board.update(client);
        for (const QString &cuid : std::as_const(feed.devicesRemoved)) {
            m_board.remove(cuid);
            sendEvent(Topic::Devices, EventOp::Remove, QJsonObject{{u"cuid"_s, cuid}}, outcome);
        }
    }
    for (const storage::ConflictRecord &conflict : std::as_const(feed.conflicts))
        sendEvent(Topic::History, EventOp::Upsert, rows::history(conflict), outcome);
    for (const storage::AccessChange &change : std::as_const(feed.accessChanges))
        sendEvent(Topic::Access, EventOp::Upsert, rows::access(change), outcome);

    const qint64 now = m_settings.clock();
    if (watched(Topic::Devices) && m_board.hasDirty() &&
        now - m_lastDeviceFlushMs >= kDeviceFlushMs) {
        m_lastDeviceFlushMs = now;
        for (const QJsonObject &row :
             m_board.flush(m_service.attachedDevices(), m_service.lastSeq(), false))
            sendEvent(Topic::Devices, EventOp::Upsert, row, outcome);
    }
}

void AdminDesk::tick(sync::Outcome &outcome)
{
    afterPass(outcome);
    const qint64 now = m_settings.clock();
    if (now - m_lastStatsMs < kStatsIntervalMs)
        return;
    const double seconds = double(now - m_lastStatsMs) / 1000.0;
    m_lastStatsMs = now;
    const quint64 deliveries =
        m_settings.counters ? m_settings.counters->deliveries.load(std::memory_order_relaxed) : 0;
    m_dispatchesPerSec = double(m_dispatchesTotal - m_dispatchesAtStats) / seconds;
    m_deliveriesPerSec = double(deliveries - m_deliveriesAtStats) / seconds;
    m_dispatchesAtStats = m_dispatchesTotal;
    m_deliveriesAtStats = deliveries;
    if (watched(Topic::Devices)) {
        const qint64 seq = m_service.lastSeq();
        const bool lagsMoved = seq != m_lagsShownAtSeq;
        m_lagsShownAtSeq = seq;
        m_lastDeviceFlushMs = now;
        for (const QJsonObject &row : m_board.flush(m_service.attachedDevices(), seq, lagsMoved))
            sendEvent(Topic::Devices, EventOp::Upsert, row, outcome);
    }
    if (watched(Topic::Stats))
        sendEvent(Topic::Stats, EventOp::Upsert, statsRow(), outcome);
}

QJsonObject AdminDesk::statsRow()
{
    const int connections = m_settings.counters
                                ? m_settings.counters->connections.load(std::memory_order_relaxed)
                                : m_service.sessionCount();
    return QJsonObject{
        {u"key"_s, u"server"_s},
        {u"connections"_s, connections},
        {u"devices"_s, qint64(m_board.size())},
        {u"attached"_s, m_service.sessionCount()},
        {u"highestSeq"_s, m_service.lastSeq()},
        {u"dispatchesPerSec"_s, qRound64(m_dispatchesPerSec * 10) / 10.0},
        {u"deliveriesPerSec"_s, qRound64(m_deliveriesPerSec * 10) / 10.0},
        {u"uptimeMs"_s, m_settings.clock() - m_settings.startedAtMs},
        {u"backend"_s, m_service.backendName()},
    };
}

void AdminDesk::audit(const QString &by, const QString &type, const QJsonObject &args,
                      sync::Outcome &outcome)
{
    storage::AuditRecord record;
    record.atMs = m_settings.clock();
    record.by = by;
    record.type = type;
    record.args = QJsonDocument(args).toJson(QJsonDocument::Compact);
    auto id = m_storage.appendAudit(record);
    if (!id) {
        qCWarning(lcAdmin).noquote()
            << "audit of" << type << "by" << by << "not kept:" << id.error().message;
        return;
    }
    record.id = id.value();
    qCInfo(lcAdmin).noquote() << "admin" << by << type << QString::fromUtf8(record.args);
    sendEvent(Topic::Audit, EventOp::Upsert, rows::audit(record), outcome);
}

// ---- queries ----

std::optional<storage::ClientRecord> AdminDesk::knownDevice(const QString &cuid, bool *failed,
                                                            storage::StorageError *error)
{
    *failed = false;
    for (const sync::DeviceActivity &device : m_service.attachedDevices()) {
        if (device.client.cuid == cuid)
            return device.client;
    }
    auto stored = m_storage.client(cuid);
    if (!stored) {
        *failed = true;
        *error = stored.error();
        return std::nullopt;
    }
    return stored.value();
}

void AdminDesk::startQueue(const sync::AdminCommand &command,
                           const protocol::admin::QueueQuery &query, sync::Outcome &outcome)
{
    qint64 offset = 0;
    if (!afterNumber(query.page.after, &offset)) {
        sendError(command, ErrorCode::Invalid, u"after must be a number for queue"_s, outcome);
        return;
    }
    bool failed = false;
    storage::StorageError error;
    const auto client = knownDevice(query.cuid, &failed, &error);
    if (failed) {
        sendStorageError(command, error, outcome);
        return;
    }
    if (!client) {
        sendError(command, ErrorCode::Forbidden, u"unknown cuid "_s + query.cuid, outcome);
        return;
    }
    QueueRun run;
    run.session = command.session;
    run.req = command.request.req;
    run.page = query.page;
    run.offset = offset;
    const sync::Viewer viewer{client->uuid, client->groups,
                              client->groups.contains(m_settings.adminGroup)};
    run.state = m_service.dryRunSession(*client, viewer);
    m_queueRuns.append(std::move(run));
    // The first window now; the rest one per pass, as a real catch-up goes.
    work(outcome);
}

void AdminDesk::work(sync::Outcome &outcome)
{
    if (m_queueRuns.isEmpty())
        return;
    QueueRun &run = m_queueRuns.first();
    auto next = m_service.dryRunWindow(run.state);
    if (!next) {
        outcome.send(run.session,
                     wire::encodeAdminError(run.req, ErrorCode::Unavailable,
                                            u"storage unavailable: "_s + next.error().message));
        m_queueRuns.removeFirst();
        return;
    }
    for (const QByteArray &frame : std::as_const(next.value().frames)) {
        const QJsonObject message = QJsonDocument::fromJson(frame).object();
        const QString type = message.value(u"type"_s).toString();
        if (type != u"dispatch"_s && type != u"revoke"_s)
            continue;
        if (run.total >= run.offset && run.total < run.offset + run.page.limit) {
            run.rows.append(QJsonObject{
                {u"seq"_s, message.value(u"seq"_s)},
                {u"oid"_s, message.value(u"oid"_s)},
                {u"kind"_s, message.value(u"kind"_s)},
                {u"op"_s, type},
                {u"deleted"_s, message.value(u"deleted"_s)},
            });
        }
        ++run.total;
    }
    if (!next.value().last)
        return;
    const qint64 end = run.offset + run.rows.size();
    const QJsonValue nextPage = end < run.total ? QJsonValue(end) : QJsonValue(QJsonValue::Null);
    outcome.send(run.session, wire::encodeResult(run.req, run.rows, nextPage, run.total));
    m_queueRuns.removeFirst();
}

void AdminDesk::history(const sync::AdminCommand &command,
                        const protocol::admin::HistoryQuery &query, sync::Outcome &outcome)
{
    qint64 before = 0;
    if (!afterNumber(query.page.after, &before)) {
        sendError(command, ErrorCode::Invalid, u"after must be a number for history"_s, outcome);
        return;
    }
    storage::ConflictFilter filter;
    filter.oid = query.oid;
    filter.cuid = query.cuid;
    filter.fromMs = query.fromMs;
    filter.toMs = query.toMs;
    filter.beforeId = before;
    filter.limit = query.page.limit + 1; // one more tells whether a next page exists
    auto page = m_storage.conflictsPage(filter);
    if (!page) {
        sendStorageError(command, page.error(), outcome);
        return;
    }
    QList<storage::ConflictRecord> found = page.value();
    const bool more = found.size() > query.page.limit;
    if (more)
        found.resize(query.page.limit);
    QJsonArray rows;
    for (const storage::ConflictRecord &conflict : std::as_const(found))
        rows.append(rows::history(conflict));
    const QJsonValue next = more ? QJsonValue(found.last().id) : QJsonValue(QJsonValue::Null);
    outcome.send(command.session, wire::encodeResult(command.request.req, rows, next));
}

QStringList AdminDesk::audienceUsers(const sync::Audience &audience)
{
    QSet<QString> users = audience.users;
    QStringList groups(audience.groups.cbegin(), audience.groups.cend());
    groups.append(m_settings.adminGroup); // admins see everything
    if (audience.everyone) {
        if (auto all = m_storage.users())
            for (const storage::UserRecord &user : all.value())
                users.insert(user.uuid);
        if (auto clients = m_storage.clients())
            for (const storage::ClientRecord &client : clients.value())
                users.insert(client.uuid);
    }
    for (const QString &group : std::as_const(groups)) {
        if (auto members = m_storage.groupMembers(group))
            for (const QString &member : members.value())
                users.insert(member);
    }
    QStringList sorted(users.cbegin(), users.cend());
    sorted.removeAll(QString());
    sorted.sort();
    return sorted;
}

void AdminDesk::object(const sync::AdminCommand &command, const QString &oid,
                       sync::Outcome &outcome)
{
    auto found = m_service.object(oid);
    if (!found) {
        sendStorageError(command, found.error(), outcome);
        return;
    }
    if (!found.value()) {
        sendError(command, ErrorCode::Forbidden, u"unknown oid "_s + oid, outcome);
        return;
    }
    const engine::ObjectState &state = *found.value();
    const sync::Audience audience = m_service.audienceOf(state);
    QJsonArray rows{rows::object(state, audience, audienceUsers(audience))};
    outcome.send(command.session,
                 wire::encodeResult(command.request.req, rows, QJsonValue(QJsonValue::Null)));
}

void AdminDesk::objects(const sync::AdminCommand &command,
                        const protocol::admin::ObjectsQuery &query, sync::Outcome &outcome)
{
    storage::ObjectFilter filter;
    filter.owner = query.owner;
    filter.kind = query.kind;
    filter.prefix = query.prefix;
    filter.afterOid = query.page.after;
    filter.limit = query.page.limit + 1;
    auto page = m_storage.objectsPage(filter);
    if (!page) {
        sendStorageError(command, page.error(), outcome);
        return;
    }
    QList<engine::ObjectState> found = page.value();
    const bool more = found.size() > query.page.limit;
    if (more)
        found.resize(query.page.limit);
    QJsonArray rows;
    for (const engine::ObjectState &state : std::as_const(found))
        rows.append(rows::objectSummary(state));
    const QJsonValue next = more ? QJsonValue(found.last().oid) : QJsonValue(QJsonValue::Null);
    outcome.send(command.session, wire::encodeResult(command.request.req, rows, next));
}

// ---- actions ----

void AdminDesk::disconnect(const sync::AdminCommand &command, const QString &cuid,
                           sync::Outcome &outcome)
{
    bool failed = false;
    storage::StorageError error;
    const auto client = knownDevice(cuid, &failed, &error);
    if (failed) {
        sendStorageError(command, error, outcome);
        return;
    }
    if (!client) {
        sendError(command, ErrorCode::Forbidden, u"unknown cuid "_s + cuid, outcome);
        return;
    }
    if (m_service.disconnectDevice(cuid, wire::CloseCode::Disconnected,
                                   u"disconnected by an admin"_s, outcome))
        audit(command.admin.uuid, u"disconnect"_s, QJsonObject{{u"cuid"_s, cuid}}, outcome);
    outcome.send(command.session, wire::encodeDone(command.request.req));
}

void AdminDesk::expire(const sync::AdminCommand &command, const QString &cuid,
                       sync::Outcome &outcome)
{
    auto expired = m_service.expireDevice(cuid, wire::CloseCode::Disconnected, outcome);
    if (!expired) {
        sendStorageError(command, expired.error(), outcome);
        return;
    }
    if (!expired.value()) {
        sendError(command, ErrorCode::Forbidden, u"unknown cuid "_s + cuid, outcome);
        return;
    }
    afterPass(outcome); // the device's row goes before the audit says why
    audit(command.admin.uuid, u"expire"_s, QJsonObject{{u"cuid"_s, cuid}}, outcome);
    outcome.send(command.session, wire::encodeDone(command.request.req));
}

void AdminDesk::users(const sync::AdminCommand &command, sync::Outcome &outcome)
{
    auto users = m_users->users();
    if (!users) {
        sendStorageError(command, users.error(), outcome);
        return;
    }
    QJsonArray rows;
    for (const auth::UserDirectory::User &user : users.value()) {
        rows.append(QJsonObject{{u"name"_s, user.name},
                                {u"disabled"_s, user.disabled},
                                {u"createdAt"_s, user.createdMs},
                                {u"local"_s, user.hasPassword},
                                {u"groups"_s, QJsonArray::fromStringList(user.groups)}});
    }
    outcome.send(command.session,
                 wire::encodeResult(command.request.req, rows, QJsonValue(QJsonValue::Null)));
}

void AdminDesk::groups(const sync::AdminCommand &command, sync::Outcome &outcome)
{
    auto groups = m_users->groups();
    if (!groups) {
        sendStorageError(command, groups.error(), outcome);
        return;
    }
    QJsonArray rows;
    for (const auth::UserDirectory::Group &group : groups.value()) {
        rows.append(QJsonObject{{u"group"_s, group.gid},
                                {u"members"_s, QJsonArray::fromStringList(group.members)}});
    }
    outcome.send(command.session,
                 wire::encodeResult(command.request.req, rows, QJsonValue(QJsonValue::Null)));
}

void AdminDesk::userAction(const sync::AdminCommand &command,
                           const protocol::admin::UserAction &action, sync::Outcome &outcome)
{
    std::optional<protocol::Error> failure;
    switch (action.op) {
    case wire::UserOp::Add:
        failure = m_users->addUser(action.name, action.password);
        break;
    case wire::UserOp::Passwd:
        failure = m_users->setPassword(action.name, action.password);
        break;
    case wire::UserOp::Disable:
        failure = m_users->setDisabled(action.name, true);
        break;
    case wire::UserOp::Enable:
        failure = m_users->setDisabled(action.name, false);
        break;
    }
    if (failure) {
        sendError(command, failure->code, failure->message, outcome);
        return;
    }
    audit(command.admin.uuid, u"user"_s,
          QJsonObject{{u"op"_s, wire::userOpName(action.op)}, {u"name"_s, action.name}}, outcome);
    if (action.op == wire::UserOp::Disable)
        append(outcome, m_service.refuseDisabledUsers()); // its sessions close with 4401
    outcome.send(command.session, wire::encodeDone(command.request.req));
}

void AdminDesk::groupAction(const sync::AdminCommand &command,
                            const protocol::admin::GroupAction &action, sync::Outcome &outcome)
{
    std::optional<protocol::Error> failure;
    switch (action.op) {
    case wire::GroupOp::Add:
        failure = m_users->addGroup(action.group);
        break;
    case wire::GroupOp::Remove:
        failure = m_users->removeGroup(action.group);
        break;
    case wire::GroupOp::MemberAdd:
        failure = m_users->addMember(action.group, action.name);
        break;
    case wire::GroupOp::MemberRemove:
        failure = m_users->removeMember(action.group, action.name);
        break;
    }
    if (failure) {
        sendError(command, failure->code, failure->message, outcome);
        return;
    }
    QJsonObject args{{u"op"_s, wire::groupOpName(action.op)}, {u"group"_s, action.group}};
    if (!action.name.isEmpty())
        args.insert(u"name"_s, action.name);
    audit(command.admin.uuid, u"group"_s, args, outcome);
    // Connected members see the change at once (PROTOCOL.md 7).
    m_service.refreshGroups(outcome);
    outcome.send(command.session, wire::encodeDone(command.request.req));
}

} // namespace seneschal::admin
