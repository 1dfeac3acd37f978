#include "stormscenario.h"

#include "benchclock.h"
#include "fleet.h"
#include "procstats.h"
#include "scenariosupport.h"

#include <QHash>
#include <algorithm>

namespace seneschal::bench {

using namespace Qt::StringLiterals;

namespace {

constexpr int kStormTimeoutMs = 300000;

double percentileMs(QList<qint64> us, double fraction)
{
    if (us.isEmpty())
        return 0;
    std::sort(us.begin(), us.end());
    const auto at = qsizetype(fraction * double(us.size() - 1) + 0.5);
    return double(us[std::min(at, us.size() - 1)]) / 1000.0;
}

} // namespace

QJsonObject StormScenario::run(const BenchOptions &options, int devices, const QString &name,
                               QString *error)
{
    // As devices meet it: TLS with the server's self-signed certificate.
    BenchOptions withTls = options;
    withTls.server.extra.insert(u"tls/enabled"_s, options.stormTls ? u"true"_s : u"false"_s);
    auto server = scenario::launch(withTls, name, {}, {}, error);
    if (!server)
        return {};
    Fleet fleet(server->port(), server->jwtSecret(), options.ackIntervalMs);
    fleet.setTls(options.stormTls);
    QList<BenchDevice *> storm;
    storm.reserve(devices);
    for (int i = 0; i < devices; ++i)
        storm.append(fleet.add(u"storm%1"_s.arg(i, 5, 10, QChar(u'0')), scenario::kUser));
    // Registered: each device has been live once and knows its since.
    if (!fleet.connect(storm, options.connectConcurrency, kStormTimeoutMs, error))
        return {};
    fleet.closeAll();

    // What they missed: a few public objects, written while they were away.
    BenchDevice *writer = fleet.add(u"writer"_s, scenario::kUser);
    if (!fleet.connect({writer}, 1, 30000, error))
        return {};
    const QList<QByteArray> oids = scenario::oids(u"storm"_s, options.stormObjects);
    const QByteArray payload = scenario::payload(options.payloadBytes);
    for (const QByteArray &oid : oids)
        writer->sendDispatch(oid, "\"kind\":\"item\",", payload);
    if (!Fleet::waitUntil([writer] { return writer->outstanding() == 0; }, 30000)) {
        *error = u"the writer's dispatches were not acknowledged"_s;
        return {};
    }
    writer->disconnectFromServer();
    Fleet::waitUntil([writer] { return writer->isClosed(); }, 10000);

    // The restart, then everyone at once.
    server->stop();
    if (!server->start(error))
        return {};
    const qint64 baseKiB = server->rssKiB();
    const double cpuBefore = server->cpuSeconds();
    const qint64 startUs = nowUs();
    for (BenchDevice *device : std::as_const(storm))
        fleet.reconnect(device);
    const qint64 sentUs = nowUs();
    Fleet::waitUntil(
        [&storm] {
            return std::all_of(storm.cbegin(), storm.cend(),
                               [](const BenchDevice *d) { return d->isLive() || d->isClosed(); });
        },
        kStormTimeoutMs, 20);
    const double cpuAfter = server->cpuSeconds();
    const qint64 peakKiB = procstats::peakRssKiB(server->pid());

    QList<qint64> toSynced;
    QHash<int, int> closeCodes;
    qint64 spooled = 0;
    int incomplete = 0;
    for (const BenchDevice *device : std::as_const(storm)) {
        if (device->isLive()) {
            toSynced.append(device->syncedUs() - startUs);
            spooled += device->spooled();
            incomplete += device->spooled() < oids.size() ? 1 : 0;
        } else {
            ++closeCodes[device->closeCode()];
        }
    }
    QJsonObject refusedByCode;
    for (auto it = closeCodes.cbegin(); it != closeCodes.cend(); ++it)
        refusedByCode.insert(QString::number(it.key()), it.value());
    const qint64 lastUs =
        toSynced.isEmpty() ? 0 : *std::max_element(toSynced.cbegin(), toSynced.cend());
    QJsonObject result{
        {u"devices"_s, devices},
        {u"tls"_s, options.stormTls},
        {u"objectsToCatchUp"_s, qsizetype(oids.size())},
        {u"synced"_s, qsizetype(toSynced.size())},
        {u"notSynced"_s, devices - qsizetype(toSynced.size())},
        {u"notSyncedByCloseCode"_s, refusedByCode},
        {u"incompleteCatchUps"_s, incomplete},
        {u"spooled"_s, spooled},
        {u"reconnectIssueMs"_s, double(sentUs - startUs) / 1000.0},
        {u"toSyncedP50Ms"_s, percentileMs(toSynced, 0.5)},
        {u"toSyncedP99Ms"_s, percentileMs(toSynced, 0.99)},
        {u"lastSyncedMs"_s, double(lastUs) / 1000.0},
        {u"serverCpuS"_s, cpuAfter - cpuBefore},
        {u"serverRssAtStartKiB"_s, baseKiB},
        {u"serverPeakRssKiB"_s, peakKiB},
        {u"benchPeakRssKiB"_s, procstats::peakRssKiB(0)},
    };
    fleet.closeAll();
    server->stop();
    return result;
}

} // namespace seneschal::bench
