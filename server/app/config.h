#pragma once

#include "auth/authconfig.h"
#include "session/sessionsettings.h"
#include "storage/databaseconfig.h"
#include "sync/syncsettings.h"
#include "transport/listenersettings.h"

#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace seneschal::app {

// The whole configuration, read once from the INI file and validated at
// start; every problem is reported with the key it concerns.
struct Config
{
    QString file;    // where it was read from (empty: built-in defaults)
    QString dataDir; // certificates, the JWT secret, the SQLite database
    QString logRules;
    transport::ListenerSettings listener;
    session::SessionSettings session;
    sync::SyncSettings sync;
    storage::DatabaseConfig database;
    auth::AuthConfig auth;
    QString jwtSecretFile;
    // [admin]: who may reach /v1/admin. Empty: any address (an admin login
    // is needed either way).
    using Subnet = QPair<QHostAddress, int>;
    QList<Subnet> adminAllow;
    qint64 adminResyncAfterBytes = 8 * 1024 * 1024;
    // [limits]: open WebSocket connections in all (0: what the open-file
    // limit allows) and per peer address (0: no limit).
    int maxConnections = 0;
    int maxConnectionsPerAddress = 0;

    bool adminAllowed(const QHostAddress &address) const;

    // Reads `path` (missing file: defaults, reported as an error unless
    // `allowMissing`). Problems go to `errors`, one line each.
    static Config load(const QString &path, bool allowMissing, QStringList *errors);
    // Resolves a path relative to the data directory.
    QString inDataDir(const QString &path) const;
};

} // namespace seneschal::app
