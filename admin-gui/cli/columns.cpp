#include "columns.h"

namespace seneschal::admincli::columns {

using namespace Qt::StringLiterals;
using protocol::admin::Topic;

QList<Column> devices()
{
    return {{u"cuid"_s, u"cuid"_s},       {u"uuid"_s, u"uuid"_s},
            {u"online"_s, u"online"_s},   {u"phase"_s, u"phase"_s},
            {u"address"_s, u"address"_s}, {u"lastSeen"_s, u"lastSeen"_s, CellKind::Time},
            {u"cursor"_s, u"cursor"_s},   {u"lag"_s, u"lag"_s}};
}

QList<Column> queue()
{
    return {{u"seq"_s, u"seq"_s},
            {u"oid"_s, u"oid"_s},
            {u"kind"_s, u"kind"_s},
            {u"op"_s, u"op"_s},
            {u"deleted"_s, u"deleted"_s}};
}

QList<Column> history()
{
    return {{u"id"_s, u"id"_s},
            {u"at"_s, u"at"_s, CellKind::Time},
            {u"seq"_s, u"seq"_s},
            {u"oid"_s, u"oid"_s},
            {u"prop"_s, u"prop"_s},
            {u"winner"_s, u"winner.value"_s},
            {u"winnerCuid"_s, u"winner.cuid"_s},
            {u"winnerTs"_s, u"winner.ts"_s, CellKind::Time},
            {u"loser"_s, u"loser.value"_s},
            {u"loserCuid"_s, u"loser.cuid"_s},
            {u"loserTs"_s, u"loser.ts"_s, CellKind::Time},
            {u"uploader"_s, u"uploader"_s}};
}

QList<Column> objects()
{
    return {{u"oid"_s, u"oid"_s},       {u"kind"_s, u"kind"_s}, {u"owner"_s, u"owner"_s},
            {u"access"_s, u"access"_s}, {u"seq"_s, u"seq"_s},   {u"deleted"_s, u"deleted"_s},
            {u"parent"_s, u"parent"_s}};
}

QList<Column> users()
{
    return {{u"name"_s, u"name"_s},
            {u"disabled"_s, u"disabled"_s},
            {u"local"_s, u"local"_s},
            {u"groups"_s, u"groups"_s},
            {u"createdAt"_s, u"createdAt"_s, CellKind::Time}};
}

QList<Column> groups()
{
    return {{u"group"_s, u"group"_s}, {u"members"_s, u"members"_s}};
}

QList<Column> stats()
{
    return {{u"connections"_s, u"connections"_s},
            {u"devices"_s, u"devices"_s},
            {u"highestSeq"_s, u"highestSeq"_s},
            {u"dispatchesPerSec"_s, u"dispatchesPerSec"_s},
            {u"deliveriesPerSec"_s, u"deliveriesPerSec"_s},
            {u"uptimeMs"_s, u"uptimeMs"_s},
            {u"backend"_s, u"backend"_s}};
}

QList<Column> access()
{
    return {{u"seq"_s, u"seq"_s},      {u"at"_s, u"at"_s, CellKind::Time}, {u"oid"_s, u"oid"_s},
            {u"by"_s, u"by"_s},        {u"access"_s, u"access"_s},         {u"grant"_s, u"grant"_s},
            {u"revoke"_s, u"revoke"_s}};
}

QList<Column> audit()
{
    return {{u"id"_s, u"id"_s},
            {u"at"_s, u"at"_s, CellKind::Time},
            {u"by"_s, u"by"_s},
            {u"type"_s, u"type"_s},
            {u"arguments"_s, {}, CellKind::Rest}};
}

QList<Column> ofTopic(Topic topic)
{
    switch (topic) {
    case Topic::Devices:
        return devices();
    case Topic::Stats:
        return stats();
    case Topic::History:
        return history();
    case Topic::Access:
        return access();
    case Topic::Audit:
        return audit();
    }
    return {};
}

} // namespace seneschal::admincli::columns
