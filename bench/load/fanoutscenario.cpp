#include "fanoutscenario.h"

#include "fleet.h"
#include "latencysamples.h"
#include "publisher.h"
#include "scenariosupport.h"

namespace seneschal::bench {

using namespace Qt::StringLiterals;

QJsonObject FanoutScenario::run(const BenchOptions &options, int deviceCount, int groupSize,
                                const QString &name, QString *error)
{
    const bool groups = groupSize > 0;
    const int userCount = groups ? (deviceCount + groupSize - 1) / groupSize : 1;
    QStringList users;
    for (int u = 0; u < userCount; ++u)
        users.append(groups ? u"g%1"_s.arg(u, 4, 10, QChar(u'0')) : scenario::kUser);
    auto server = scenario::launch(options, name, users, {}, error);
    if (!server)
        return {};

    Fleet fleet(server->port(), server->jwtSecret(), options.ackIntervalMs);
    LatencySamples latency;
    for (int i = 0; i < deviceCount; ++i) {
        BenchDevice *device = fleet.add(u"d%1"_s.arg(i, 5, 10, QChar(u'0')),
                                        groups ? users[i / groupSize] : scenario::kUser);
        device->setLatencySink(&latency);
    }
    if (!fleet.connect(fleet.devices(), options.connectConcurrency, 180000, error))
        return {};

    Publisher publisher(groups ? "\"kind\":\"list\"," : "\"kind\":\"item\",",
                        scenario::payload(options.payloadBytes));
    int publisherCount = 0;
    if (groups) {
        publisherCount = std::min(userCount, options.groupPublishers);
        for (int g = 0; g < publisherCount; ++g) {
            publisher.addDevice(fleet.devices()[g * groupSize],
                                scenario::oids(u"g%1"_s.arg(g), 2 * options.window));
        }
    } else {
        publisherCount = std::min(deviceCount, options.publishers);
        const int perPublisher = std::max(2 * options.window, 1000 / publisherCount);
        for (int p = 0; p < publisherCount; ++p)
            publisher.addDevice(fleet.devices()[p], scenario::oids(u"p%1"_s.arg(p), perPublisher));
    }
    fleet.setAckedHook([&publisher](BenchDevice &d, int n) { publisher.onAcked(d, n); });
    publisher.startWindowed(options.window);
    Fleet::spin(int(options.warmupS * 1000));
    latency.clear();
    const auto from = scenario::Reading::take(*server, fleet.devices());
    Fleet::spin(int(options.durationS * 1000));
    const auto to = scenario::Reading::take(*server, fleet.devices());
    const QJsonObject latencySummary = latency.summary();
    publisher.stop();
    Fleet::waitUntil([&publisher] { return publisher.outstandingTotal() == 0; }, 15000);

    qint64 rejected = 0;
    qint64 errors = 0;
    for (const BenchDevice *device : fleet.devices()) {
        rejected += device->rejected();
        errors += device->errors();
    }
    QJsonObject result = scenario::rates(from, to);
    const int audience = groups ? groupSize : deviceCount;
    const double committed = result.value(u"committedPerS"_s).toDouble();
    result.insert(u"deliveryRatio"_s, committed > 0 ? result.value(u"deliveriesPerS"_s).toDouble() /
                                                          (committed * double(audience - 1))
                                                    : 0.0);
    result.insert(u"latencyAtMaximum"_s, latencySummary);
    result.insert(u"publishers"_s, publisherCount);
    result.insert(u"rejected"_s, rejected);
    result.insert(u"errors"_s, errors);
    result.insert(u"serverRssKiB"_s, server->rssKiB());
    fleet.closeAll();
    server->stop();
    return result;
}

} // namespace seneschal::bench
