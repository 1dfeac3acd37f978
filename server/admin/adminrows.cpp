#include "adminrows.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace seneschal::admin::rows {

using namespace Qt::StringLiterals;

namespace {

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonObject property(const engine::Property &property)
{
    return QJsonObject{{u"value"_s, property.value},
                       {u"ts"_s, property.stamp.ts},
                       {u"cuid"_s, property.stamp.cuid},
                       {u"id"_s, property.stamp.id}};
}

} // namespace

QString phaseName(std::optional<sync::DeviceActivity::Phase> phase)
{
    if (!phase)
        return u"offline"_s;
    switch (*phase) {
    case sync::DeviceActivity::Phase::Upload:
        return u"upload"_s;
    case sync::DeviceActivity::Phase::CatchUp:
        return u"catchup"_s;
    case sync::DeviceActivity::Phase::Live:
        return u"live"_s;
    }
    return u"offline"_s;
}

QJsonObject device(const storage::ClientRecord &client,
                   const std::optional<sync::DeviceActivity> &activity, qint64 highestSeq)
{
    const bool online = activity.has_value();
    return QJsonObject{
        {u"cuid"_s, client.cuid},
        {u"uuid"_s, client.uuid},
        {u"online"_s, online},
        {u"address"_s, online ? orNull(activity->address) : QJsonValue(QJsonValue::Null)},
        {u"phase"_s, phaseName(online ? std::optional(activity->phase) : std::nullopt)},
        {u"connectedAt"_s,
         online ? QJsonValue(activity->connectedAt) : QJsonValue(QJsonValue::Null)},
        {u"lastSeen"_s, client.lastSeenMs},
        {u"firstSeen"_s, client.firstSeenMs},
        {u"cursor"_s, client.cursor},
        {u"lag"_s, std::max<qint64>(0, highestSeq - client.cursor)},
        {u"groups"_s, QJsonArray::fromStringList(client.groups)},
    };
}

QJsonObject history(const storage::ConflictRecord &conflict)
{
    return QJsonObject{
        {u"id"_s, conflict.id},
        {u"seq"_s, conflict.seq},
        {u"oid"_s, conflict.oid},
        {u"prop"_s, conflict.property},
        {u"winner"_s, property(conflict.winner)},
        {u"loser"_s, property(conflict.loser)},
        {u"uploader"_s, conflict.uploaderCuid},
        {u"at"_s, conflict.atMs},
    };
}

QJsonObject access(const storage::AccessChange &change)
{
    return QJsonObject{
        {u"seq"_s, change.seq},
        {u"oid"_s, change.oid},
        {u"by"_s, change.by},
        {u"access"_s, change.access},
        {u"grant"_s, QJsonArray::fromStringList(change.granted)},
        {u"revoke"_s, QJsonArray::fromStringList(change.revoked)},
        {u"at"_s, change.atMs},
    };
}

QJsonObject audit(const storage::AuditRecord &record)
{
    QJsonObject row = QJsonDocument::fromJson(record.args).object();
    row.insert(u"id"_s, record.id);
    row.insert(u"at"_s, record.atMs);
    row.insert(u"by"_s, record.by);
    row.insert(u"type"_s, record.type);
    return row;
}

QJsonObject object(const engine::ObjectState &state, const sync::Audience &audience,
                   const QStringList &audienceUsers)
{
    QJsonObject props;
    QJsonObject stamps;
    for (auto it = state.props.cbegin(); it != state.props.cend(); ++it) {
        if (it.key() != u"_deleted"_s)
            props.insert(it.key(), it->value);
        stamps.insert(it.key(), QJsonArray{it->stamp.ts, it->stamp.cuid, it->stamp.id});
    }
    QStringList groups(audience.groups.cbegin(), audience.groups.cend());
    groups.sort();
    return QJsonObject{
        {u"oid"_s, state.oid},
        {u"kind"_s, state.kind},
        {u"parent"_s, orNull(state.parent)},
        {u"owner"_s, state.owner},
        {u"access"_s, engine::accessName(state.access)},
        {u"grants"_s, QJsonArray::fromStringList(state.grants)},
        {u"deleted"_s, state.isDeleted()},
        {u"seq"_s, state.seq},
        {u"props"_s, props},
        {u"stamps"_s, stamps},
        {u"audience"_s, QJsonArray::fromStringList(audienceUsers)},
        {u"audienceEveryone"_s, audience.everyone},
        {u"audienceGroups"_s, QJsonArray::fromStringList(groups)},
    };
}

QJsonObject objectSummary(const engine::ObjectState &state)
{
    return QJsonObject{
        {u"oid"_s, state.oid},
        {u"kind"_s, state.kind},
        {u"owner"_s, state.owner},
        {u"access"_s, engine::accessName(state.access)},
        {u"seq"_s, state.seq},
        {u"deleted"_s, state.isDeleted()},
        {u"parent"_s, orNull(state.parent)},
    };
}

} // namespace seneschal::admin::rows
