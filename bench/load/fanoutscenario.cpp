#include "fanoutscenario.h"

#include "adminconsole.h"
#include "deliveryclock.h"
#include "fleet.h"
#include "latencysamples.h"
#include "publisher.h"
#include "scenariosupport.h"

namespace seneschal::bench {

using namespace Qt::StringLiterals;

QJsonObject FanoutScenario::run(const BenchOptions &options, int deviceCount, int groupSize,
                                const QString &name, QString *error, Console console)
{
    const bool groups = groupSize > 0;
    const int userCount = groups ? (deviceCount + groupSize - 1) / groupSize : 1;
    QStringList users;
    for (int u = 0; u < userCount; ++u)
        users.append(groups ? u"g%1"_s.arg(u, 4, 10, QChar(u'0')) : scenario::kUser);
    auto server = scenario::launch(options, name, users, {}, error, console != Console::None);
    if (!server)
        return {};

    Fleet fleet(server->port(), server->jwtSecret(), options.ackIntervalMs);
    LatencySamples latency;
    DeliveryClock deliveries;
    for (int i = 0; i < deviceCount; ++i) {
        BenchDevice *device = fleet.add(u"d%1"_s.arg(i, 5, 10, QChar(u'0')),
                                        groups ? users[i / groupSize] : scenario::kUser);
        device->setLatencySink(&latency);
        if (console != Console::None)
            device->setDeliveryClock(&deliveries);
    }
    if (!fleet.connect(fleet.devices(), options.connectConcurrency, 180000, error))
        return {};
    // The console watches before the publishers start, with every device in
    // its snapshot, as an operator's would.
    AdminConsole admin(u"bench-console"_s, scenario::kAdmin, scenario::kAdminPassword);
    if (console == Console::Watching) {
        admin.connectTo(server->port());
        if (!Fleet::waitUntil([&admin] { return admin.isWatching() || admin.isClosed(); }, 60000) ||
            !admin.isWatching()) {
            *error = u"admin console not watching: "_s + admin.lastError();
            return {};
        }
    }

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
    admin.resetCounters();
    const auto from = scenario::Reading::take(*server, fleet.devices());
    Fleet::spin(int(options.durationS * 1000));
    const auto to = scenario::Reading::take(*server, fleet.devices());
    admin.endWindow();
    const qint64 lastDelivered = deliveries.highest();
    const QJsonObject latencySummary = latency.summary();
    publisher.stop();
    Fleet::waitUntil([&publisher] { return publisher.outstandingTotal() == 0; }, 15000);
    // A console behind the devices is shown the window's last seqs later:
    // its lag counts whenever it is.
    const bool consoleCaughtUp =
        console != Console::Watching ||
        Fleet::waitUntil([&] { return admin.highestShown() >= lastDelivered; }, 30000);

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
    if (console == Console::Watching) {
        // After the drain: every seq the console was shown has reached the devices.
        QJsonObject summary = admin.summary(deliveries, from.us, to.us);
        summary.insert(u"caughtUp"_s, consoleCaughtUp);
        result.insert(u"console"_s, summary);
        admin.disconnectFromServer();
    }
    fleet.closeAll();
    server->stop();
    return result;
}

} // namespace seneschal::bench
