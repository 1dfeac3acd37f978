#include "offlinescenario.h"

#include "fleet.h"
#include "publisher.h"
#include "scenariosupport.h"

#include <QDateTime>
#include <algorithm>

namespace seneschal::bench {

using namespace Qt::StringLiterals;

QJsonObject OfflineScenario::run(const BenchOptions &options, const QList<int> &offlineDevices,
                                 int runIndex, const QString &name, QString *error)
{
    QList<int> order = offlineDevices;
    if (runIndex % 2 == 1)
        std::reverse(order.begin(), order.end());
    QJsonObject byDevices;
    for (const int count : std::as_const(order)) {
        const QJsonObject one = runOne(options, count, name + u'-' + QString::number(count), error);
        if (one.isEmpty())
            return {};
        byDevices.insert(QString::number(count), one);
    }
    const int fewest = *std::min_element(offlineDevices.cbegin(), offlineDevices.cend());
    const int most = *std::max_element(offlineDevices.cbegin(), offlineDevices.cend());
    const QJsonObject low = byDevices.value(QString::number(fewest)).toObject();
    const QJsonObject high = byDevices.value(QString::number(most)).toObject();
    auto ratio = [&low, &high](const QString &key) {
        const double base = low.value(key).toDouble();
        return base > 0 ? high.value(key).toDouble() / base : 0.0;
    };
    return QJsonObject{
        {u"byDevices"_s, byDevices},
        {u"fewest"_s, fewest},
        {u"most"_s, most},
        {u"ratio"_s, ratio(u"committedPerS"_s)},
        {u"ratioPerServerCpuS"_s, ratio(u"committedPerServerCpuS"_s)},
    };
}

QJsonObject OfflineScenario::runOne(const BenchOptions &options, int offlineDevices,
                                    const QString &name, QString *error)
{
    const auto seed = [offlineDevices](storage::Storage &storage, QString *why) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < offlineDevices; ++i) {
            storage::ClientRecord client;
            client.cuid = u"off%1"_s.arg(i, 5, 10, QChar(u'0'));
            client.uuid = scenario::kUser;
            client.firstSeenMs = now - 3600000;
            client.lastSeenMs = now - 60000;
            if (auto done = storage.upsertClient(client); !done) {
                *why = u"cannot register device: "_s + done.error().message;
                return false;
            }
        }
        return true;
    };
    auto server = scenario::launch(options, name, {}, seed, error);
    if (!server)
        return {};
    Fleet fleet(server->port(), server->jwtSecret(), options.ackIntervalMs);
    BenchDevice *writer = fleet.add(u"writer"_s, scenario::kUser);
    if (!fleet.connect({writer}, 1, 30000, error))
        return {};
    Publisher publisher("\"kind\":\"item\",", scenario::payload(options.payloadBytes));
    publisher.addDevice(writer, {QByteArray("public-1")});
    fleet.setAckedHook([&publisher](BenchDevice &d, int n) { publisher.onAcked(d, n); });
    publisher.startWindowed(options.offlineWindow);
    Fleet::spin(int(options.warmupS * 1000));
    const auto from = scenario::Reading::take(*server, {writer});
    Fleet::spin(int(options.durationS * 1000));
    const auto to = scenario::Reading::take(*server, {writer});
    publisher.stop();
    Fleet::waitUntil([writer] { return writer->outstanding() == 0; }, 15000);
    const QJsonObject r = scenario::rates(from, to);
    QJsonObject result{
        {u"offlineDevices"_s, offlineDevices},
        {u"committedPerS"_s, r.value(u"committedPerS"_s)},
        {u"committedPerServerCpuS"_s, r.value(u"committedPerServerCpuS"_s)},
        {u"serverCpuCores"_s, r.value(u"serverCpuCores"_s)},
        {u"window"_s, options.offlineWindow},
        {u"rejected"_s, writer->rejected()},
    };
    fleet.closeAll();
    server->stop();
    return result;
}

} // namespace seneschal::bench
