#include "spoolscenario.h"

#include "fleet.h"
#include "publisher.h"
#include "scenariosupport.h"

namespace seneschal::bench {

using namespace Qt::StringLiterals;

QJsonObject SpoolScenario::run(const BenchOptions &options, const QString &name, QString *error)
{
    auto server = scenario::launch(options, name, {}, {}, error);
    if (!server)
        return {};
    Fleet fleet(server->port(), server->jwtSecret(), options.ackIntervalMs);
    BenchDevice *writer = fleet.add(u"writer"_s, scenario::kUser);
    BenchDevice *away = fleet.add(u"away"_s, scenario::kUser);
    // The first device logs in with its password, as a real first start does.
    away->setToken({});
    away->setPassword(scenario::kPassword);
    if (!fleet.connect({writer, away}, 2, 30000, error))
        return {};
    away->disconnectFromServer();
    if (!Fleet::waitUntil([away] { return away->isClosed(); }, 10000)) {
        *error = u"the away device did not disconnect"_s;
        return {};
    }
    const qint64 sinceBefore = away->since();

    Publisher publisher("\"kind\":\"item\",", scenario::payload(options.payloadBytes));
    publisher.addDevice(writer, scenario::oids(u"s"_s, options.spoolObjects));
    publisher.setLimit(options.spoolDispatches);
    fleet.setAckedHook([&publisher](BenchDevice &d, int n) { publisher.onAcked(d, n); });
    const auto from = scenario::Reading::take(*server, {writer});
    publisher.startWindowed(std::max(options.window, 256));
    if (!Fleet::waitUntil([writer, &options] { return writer->acked() >= options.spoolDispatches; },
                          600000, 2)) {
        *error = u"the writer's dispatches were not all acknowledged"_s;
        return {};
    }
    const auto to = scenario::Reading::take(*server, {writer});
    publisher.stop();

    away->connectTo(server->port(), sinceBefore);
    if (!Fleet::waitUntil([away] { return away->isLive() || away->isClosed(); }, 120000, 1) ||
        !away->isLive()) {
        *error = u"the away device did not get synced: "_s + away->lastError();
        return {};
    }
    QJsonObject result;
    const QJsonObject writeRates = scenario::rates(from, to);
    result.insert(u"writerCommittedPerS"_s, writeRates.value(u"committedPerS"_s));
    result.insert(u"writerServerCpuCores"_s, writeRates.value(u"serverCpuCores"_s));
    result.insert(u"helloToRehydrateEndMs"_s,
                  double(away->rehydrateEndUs() - away->helloSentUs()) / 1000.0);
    result.insert(u"helloToSyncedMs"_s, double(away->syncedUs() - away->helloSentUs()) / 1000.0);
    result.insert(u"spooled"_s, away->spooled());
    result.insert(u"spooledExpected"_s, options.spoolObjects);
    result.insert(u"spooledCorrect"_s, away->spooled() == options.spoolObjects);
    result.insert(u"rejected"_s, writer->rejected());
    fleet.closeAll();
    server->stop();
    return result;
}

} // namespace seneschal::bench
