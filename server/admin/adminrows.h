#pragma once

#include "storage/storage.h"
#include "sync/audience.h"
#include "sync/changefeed.h"

#include <QJsonObject>
#include <optional>

namespace seneschal::admin {

// The rows of PROTOCOL.md section 10, built from what the server keeps.
// Member names are the contract's; rows may carry more.
namespace rows {

// `activity` is set while the device is attached.
QJsonObject device(const storage::ClientRecord &client,
                   const std::optional<sync::DeviceActivity> &activity, qint64 highestSeq);
QJsonObject history(const storage::ConflictRecord &conflict);
QJsonObject access(const storage::AccessChange &change);
QJsonObject audit(const storage::AuditRecord &record);
// The `object` query's row: the full state, its access and who may see it.
QJsonObject object(const engine::ObjectState &state, const sync::Audience &audience,
                   const QStringList &audienceUsers);
// A row of the `objects` query.
QJsonObject objectSummary(const engine::ObjectState &state);

QString phaseName(std::optional<sync::DeviceActivity::Phase> phase);

} // namespace rows
} // namespace seneschal::admin
