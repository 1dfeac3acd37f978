#pragma once

#include "viewer.h"

#include <QByteArray>
#include <QSet>
#include <QString>

namespace seneschal::sync {

// Who may see one object, resolved once per change so that fan-out to many
// sessions costs a set lookup each (PROTOCOL.md section 7).
struct Audience
{
    bool everyone = false;
    QSet<QString> users;  // owner and granted users
    QSet<QString> groups; // granted groups

    bool admits(const Viewer &viewer) const
    {
        if (everyone || viewer.admin || users.contains(viewer.uuid))
            return true;
        for (const QString &group : viewer.groups) {
            if (groups.contains(group))
                return true;
        }
        return false;
    }
    void grant(const QStringList &principals);

    // Compact JSON for the access change history.
    QByteArray toJson() const;
    static Audience fromJson(const QByteArray &json);
    friend bool operator==(const Audience &, const Audience &) = default;
};

} // namespace seneschal::sync
