#pragma once

#include <QString>
#include <QStringList>

namespace seneschal::sync {

// The user behind a session, as far as access decisions are concerned.
struct Viewer
{
    QString uuid;
    QStringList groups;
    bool admin = false;
};

} // namespace seneschal::sync
