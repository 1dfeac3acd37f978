#include "latencyscenario.h"

#include "fleet.h"
#include "latencysamples.h"
#include "looplagprobe.h"
#include "publisher.h"
#include "scenariosupport.h"

namespace seneschal::bench {

using namespace Qt::StringLiterals;

QJsonObject LatencyScenario::run(const BenchOptions &options, int deviceCount, double rate,
                                 const QString &name, QString *error)
{
    auto server = scenario::launch(options, name, {}, {}, error);
    if (!server)
        return {};
    Fleet fleet(server->port(), server->jwtSecret(), options.ackIntervalMs);
    LatencySamples latency;
    LatencySamples ackLatency; // send to ack at the publisher: the commit path alone
    for (int i = 0; i < deviceCount; ++i)
        fleet.add(u"d%1"_s.arg(i, 5, 10, QChar(u'0')), scenario::kUser)->setLatencySink(&latency);
    if (!fleet.connect(fleet.devices(), options.connectConcurrency, 180000, error))
        return {};
    Publisher publisher("\"kind\":\"item\",", scenario::payload(options.payloadBytes));
    const int publisherCount = std::min(deviceCount, options.publishers);
    for (int p = 0; p < publisherCount; ++p) {
        fleet.devices()[p]->setAckLatencySink(&ackLatency);
        publisher.addDevice(fleet.devices()[p], scenario::oids(u"p%1"_s.arg(p), 1000));
    }
    fleet.setAckedHook([&publisher](BenchDevice &d, int n) { publisher.onAcked(d, n); });
    publisher.startRate(rate, 100000);
    Fleet::spin(int(options.warmupS * 1000));
    latency.clear();
    ackLatency.clear();
    LoopLagProbe generatorLag;
    generatorLag.start();
    const auto from = scenario::Reading::take(*server, fleet.devices());
    Fleet::spin(int(options.durationS * 1000));
    const auto to = scenario::Reading::take(*server, fleet.devices());
    generatorLag.stop();
    QJsonObject result = scenario::rates(from, to);
    result.insert(u"offeredPerS"_s, rate);
    result.insert(u"latency"_s, latency.summary());
    result.insert(u"ackLatency"_s, ackLatency.summary());
    result.insert(u"generatorLag"_s, generatorLag.summary());
    publisher.stop();
    Fleet::waitUntil([&publisher] { return publisher.outstandingTotal() == 0; }, 15000);
    fleet.closeAll();
    server->stop();
    return result;
}

} // namespace seneschal::bench
