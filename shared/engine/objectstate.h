#pragma once

#include "access.h"
#include "stamp.h"

#include <QHash>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace seneschal::engine {

// One property of the master copy: its value and the stamp that wrote it.
struct Property
{
    QJsonValue value;
    Stamp stamp;

    friend bool operator==(const Property &a, const Property &b)
    {
        return a.stamp == b.stamp && a.value == b.value;
    }
};

// The master copy of one object: kind, parent, access and owner fixed at
// creation, and every property with its winning stamp. Deletion is the
// reserved property `_deleted`, so it merges like any other.
class ObjectState
{
public:
    QString oid;
    QString kind;
    QString parent;
    QString owner;
    Access access = Access::Public;
    qint64 seq = 0; // the seq of the latest change; 0 while never committed
    QHash<QString, Property> props;
    // Principals ("user:<uuid>", "group:<gid>") granted access, sorted; read
    // with `access` by the server's access policy, never by the merge.
    QStringList grants;

    bool exists() const noexcept { return created; }
    bool isDeleted() const;
    // The stamp of `_deleted`, null when the object was never deleted or restored.
    const Property *deletedProperty() const;

    bool created = false;

    friend bool operator==(const ObjectState &, const ObjectState &) = default;
};

} // namespace seneschal::engine
