#pragma once

#include "benchoptions.h"
#include "serverprocess.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <functional>
#include <memory>

namespace seneschal::bench {

class BenchDevice;

// Helpers every scenario shares: a fresh server with the bench users, the
// payload and object names, and readings of counters and CPU time.
namespace scenario {

// Writes rows straight into the server's database before it starts.
using Seed = std::function<bool(storage::Storage &, QString *)>;

inline const QString kUser = QStringLiteral("bench");
inline const QString kPassword = QStringLiteral("bench-password");
// An admin (member of the group `admins`) for the admin console.
inline const QString kAdmin = QStringLiteral("bench-admin");
inline const QString kAdminPassword = QStringLiteral("bench-admin-password");

// Prepares and starts a server named `name` (its folder and database); the
// user `bench` is created through the CLI with a password (and, with
// `withAdmin`, the admin `bench-admin`), `users` and `seed` through the
// storage library.
std::unique_ptr<ServerProcess> launch(const BenchOptions &options, const QString &name,
                                      const QStringList &users, const Seed &seed, QString *error,
                                      bool withAdmin = false);
QByteArray payload(int bytes);
QList<QByteArray> oids(const QString &prefix, int count);

// Counters of a set of devices and CPU times at one instant.
struct Reading
{
    qint64 us = 0;
    double serverCpuS = 0;
    double benchCpuS = 0;
    qint64 acked = 0;
    qint64 received = 0;

    static Reading take(const ServerProcess &server, const QList<BenchDevice *> &devices);
};

// Rates between two readings: committedPerS, deliveriesPerS,
// deliveriesPerServerCpuS, serverCpuCores, benchCpuCores.
QJsonObject rates(const Reading &from, const Reading &to);

} // namespace scenario

} // namespace seneschal::bench
