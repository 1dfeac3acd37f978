#pragma once

#include "engine/access.h"

#include <QHash>
#include <QString>

namespace seneschal::sync {

// The knobs of the sync service, read from the `[sync]` and `[clients]`
// sections of the configuration.
struct SyncSettings
{
    qint64 maxFutureSkewMs = 300000;
    int expireDays = 30;
    engine::Access defaultAccess = engine::Access::Public;
    QHash<QString, engine::Access> defaultAccessByKind{
        {QStringLiteral("list"), engine::Access::Private}};
    // Objects per window of a catch-up; one window is sent per pass.
    int spoolPageSize = 1000;
    // Objects one upload may hold acknowledged but unmerged. An upload is
    // merged into the master copies at uploadEnd, each object once; past
    // this many objects what it holds is merged at once (its broadcast still
    // waits for uploadEnd), which bounds the memory an upload takes.
    int uploadStageObjects = 20000;
    // Objects of an upload merged per pass of the sync thread after
    // uploadEnd, between other devices' dispatches.
    int uploadMergeWindow = 250;
    // How often a connected device's acknowledged cursor is written.
    qint64 cursorSaveIntervalMs = 30000;
    // Members of this group are admins (auth/adminGroup): they see everything.
    QString adminGroup = QStringLiteral("admins");

    engine::Access defaultAccessFor(const QString &kind) const
    {
        return defaultAccessByKind.value(kind, defaultAccess);
    }
    qint64 expireHorizonMs(qint64 nowMs) const
    {
        return nowMs - qint64(expireDays) * 24 * 3600 * 1000;
    }
};

} // namespace seneschal::sync
