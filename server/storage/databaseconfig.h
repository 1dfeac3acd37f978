#pragma once

#include <QString>

namespace seneschal::storage {

// Where the data lives and how to reach it; filled from the [database]
// section of the server configuration.
struct DatabaseConfig
{
    QString backend = QStringLiteral("sqlite"); // "sqlite" | "mysql"
    QString path;                               // sqlite: the database file
    QString host = QStringLiteral("127.0.0.1"); // mysql: "localhost" would mean the system socket
    int port = 3306;
    QString name;
    QString user;
    QString password;
    int connectTimeoutS = 5;
    // mysql: a read or write that takes longer fails (the client library may
    // retry a read, so the worst case is about three times this). Long
    // enough for a large expire(), short enough that a hung server is noticed.
    int ioTimeoutS = 30;
    // sqlite: how long a writer waits for the other connection's transaction.
    int busyTimeoutMs = 5000;
    // sqlite: checkpoint the write-ahead log from a thread of its own (for
    // the connection that commits dispatches), not in the committing one.
    bool backgroundCheckpoints = false;
};

} // namespace seneschal::storage
