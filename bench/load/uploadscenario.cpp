#include "uploadscenario.h"

#include "benchclock.h"
#include "fleet.h"
#include "latencysamples.h"
#include "looplagprobe.h"
#include "publisher.h"
#include "scenariosupport.h"

namespace seneschal::bench {

using namespace Qt::StringLiterals;

QJsonObject UploadScenario::run(const BenchOptions &options, const QString &name, QString *error)
{
    const QString uploaderUser = u"uploader"_s;
    auto server = scenario::launch(options, name, {uploaderUser}, {}, error);
    if (!server)
        return {};
    Fleet fleet(server->port(), server->jwtSecret(), options.ackIntervalMs);
    LatencySamples latency;
    QList<BenchDevice *> observers;
    for (int i = 0; i < options.uploadObservers; ++i) {
        BenchDevice *device = fleet.add(u"o%1"_s.arg(i, 4, 10, QChar(u'0')), scenario::kUser);
        device->setLatencySink(&latency);
        observers.append(device);
    }
    if (!fleet.connect(observers, options.connectConcurrency, 120000, error))
        return {};
    Publisher publisher("\"kind\":\"item\",", scenario::payload(options.payloadBytes));
    for (int p = 0; p < std::min<int>(2, int(observers.size())); ++p)
        publisher.addDevice(observers[p], scenario::oids(u"live%1"_s.arg(p), 100));
    fleet.setAckedHook([&publisher](BenchDevice &d, int n) { publisher.onAcked(d, n); });
    publisher.startRate(options.uploadObserverRate, 100000);
    Fleet::spin(1000);
    const QJsonObject quietLatency = latency.summary();
    latency.clear();

    BenchDevice *uploader = fleet.add(u"uploader-phone"_s, uploaderUser);
    const QList<QByteArray> lists = scenario::oids(u"list"_s, options.uploadObjects);
    const QByteArray payload = scenario::payload(options.payloadBytes);
    uploader->setOutbox(options.uploadDispatches, [uploader, &lists, &payload](qsizetype i) {
        return uploader->makeDispatch(lists[i % lists.size()], "\"kind\":\"list\",", payload);
    });
    LoopLagProbe generatorLag;
    generatorLag.start();
    const qint64 startUs = nowUs();
    uploader->connectTo(server->port(), 0);
    // The observers' latency while the upload is received and merged (hello
    // to rehydrateEnd), then while the uploader is caught up (to synced).
    const bool uploaded = Fleet::waitUntil(
        [uploader] { return uploader->rehydrateEndUs() > 0 || uploader->isClosed(); }, 600000, 1);
    LatencySamples whileUploading = latency;
    latency.clear();
    const bool done =
        uploaded &&
        Fleet::waitUntil([uploader] { return uploader->isLive() || uploader->isClosed(); }, 600000,
                         1);
    Fleet::spin(200); // deliveries delayed by the catch-up arrive after synced
    LatencySamples whileCatchingUp = latency;
    LatencySamples during = whileUploading;
    during.append(whileCatchingUp);
    const QJsonObject uploadLatency = during.summary();
    generatorLag.stop();
    publisher.stop();
    if (!done || !uploader->isLive()) {
        *error = u"the uploader did not finish: "_s + uploader->lastError();
        return {};
    }
    QJsonObject result;
    const double toRehydrateEndS =
        double(uploader->rehydrateEndUs() - uploader->helloSentUs()) / 1e6;
    result.insert(u"helloToRehydrateEndMs"_s, toRehydrateEndS * 1000.0);
    result.insert(u"helloToSyncedMs"_s,
                  double(uploader->syncedUs() - uploader->helloSentUs()) / 1000.0);
    result.insert(u"connectToSyncedMs"_s, double(uploader->syncedUs() - startUs) / 1000.0);
    result.insert(u"acked"_s, uploader->acked());
    result.insert(u"acksPerS"_s, double(uploader->acked()) / toRehydrateEndS);
    result.insert(u"rejected"_s, uploader->rejected());
    result.insert(u"observerLatencyBefore"_s, quietLatency);
    result.insert(u"observerLatencyDuring"_s, uploadLatency);
    result.insert(u"observerLatencyUploading"_s, whileUploading.summary());
    result.insert(u"observerLatencyCatchingUp"_s, whileCatchingUp.summary());
    result.insert(u"generatorLag"_s, generatorLag.summary());
    result.insert(u"observerRate"_s, options.uploadObserverRate);
    result.insert(u"observers"_s, options.uploadObservers);
    fleet.closeAll();
    server->stop();
    return result;
}

} // namespace seneschal::bench
