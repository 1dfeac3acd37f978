#include "scenariosupport.h"

#include "benchclock.h"
#include "benchdevice.h"
#include "procstats.h"

#include <QDateTime>

namespace seneschal::bench::scenario {

using namespace Qt::StringLiterals;

std::unique_ptr<ServerProcess> launch(const BenchOptions &options, const QString &name,
                                      const QStringList &users, const Seed &seed, QString *error,
                                      bool withAdmin)
{
    auto server = std::make_unique<ServerProcess>(options.server, name);
    if (!server->prepare(error) || !server->addUserWithPassword(kUser, kPassword, error))
        return nullptr;
    if (withAdmin && (!server->addUserWithPassword(kAdmin, kAdminPassword, error) ||
                      !server->addGroupMember(u"admins"_s, kAdmin, error)))
        return nullptr;
    if (!users.isEmpty() || seed) {
        auto storage = server->openStorage(error);
        if (!storage)
            return nullptr;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (const QString &uuid : users) {
            if (uuid == kUser)
                continue;
            storage::UserRecord user;
            user.uuid = uuid;
            user.createdMs = now;
            if (auto created = storage->createUser(user); !created) {
                *error = u"cannot create user %1: %2"_s.arg(uuid, created.error().message);
                return nullptr;
            }
        }
        if (seed && !seed(*storage, error))
            return nullptr;
        storage->close();
    }
    if (!server->start(error))
        return nullptr;
    return server;
}

QByteArray payload(int bytes)
{
    QByteArray value(std::max(0, bytes), 'x');
    for (qsizetype i = 0; i < value.size(); ++i)
        value[i] = char('a' + i % 26);
    return value;
}

QList<QByteArray> oids(const QString &prefix, int count)
{
    QList<QByteArray> list;
    list.reserve(count);
    const QByteArray head = prefix.toUtf8() + '-';
    for (int i = 0; i < count; ++i)
        list.append(head + QByteArray::number(i));
    return list;
}

Reading Reading::take(const ServerProcess &server, const QList<BenchDevice *> &devices)
{
    Reading r;
    r.us = nowUs();
    r.serverCpuS = server.cpuSeconds();
    r.benchCpuS = procstats::cpuSeconds(0);
    for (const BenchDevice *device : devices) {
        r.acked += device->acked();
        r.received += device->received();
    }
    return r;
}

QJsonObject rates(const Reading &from, const Reading &to)
{
    const double seconds = double(to.us - from.us) / 1e6;
    const double serverCpu = to.serverCpuS - from.serverCpuS;
    const double delivered = double(to.received - from.received);
    return QJsonObject{
        {u"seconds"_s, seconds},
        {u"committedPerS"_s, double(to.acked - from.acked) / seconds},
        {u"deliveriesPerS"_s, delivered / seconds},
        {u"deliveriesPerServerCpuS"_s, serverCpu > 0 ? delivered / serverCpu : 0.0},
        {u"committedPerServerCpuS"_s,
         serverCpu > 0 ? double(to.acked - from.acked) / serverCpu : 0.0},
        {u"serverCpuCores"_s, serverCpu / seconds},
        {u"benchCpuCores"_s, (to.benchCpuS - from.benchCpuS) / seconds},
    };
}

} // namespace seneschal::bench::scenario
