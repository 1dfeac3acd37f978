#include "floodscenario.h"

#include "auth/tokenissuer.h"
#include "fleet.h"
#include "latencysamples.h"
#include "publisher.h"
#include "scenariosupport.h"

#include <QThread>
#include <QTimer>
#include <atomic>

namespace seneschal::bench {

using namespace Qt::StringLiterals;

namespace {

// Dispatches written per timer tick while the flooder is connected, and the
// wait before it comes back after being closed.
constexpr int kFloodBurst = 200;
constexpr int kReconnectMs = 100;
constexpr int kBudgetPerSecond = 5000;
const QString kFlooder = QStringLiteral("flooder");

} // namespace

QJsonObject FloodScenario::run(const BenchOptions &options, int devices, double rate, int round,
                               const QString &name, QString *error)
{
    QJsonObject quiet;
    QJsonObject flooded;
    const bool floodFirst = round % 2 == 1;
    for (const bool flood : {floodFirst, !floodFirst}) {
        QJsonObject result = runOne(options, devices, rate, flood,
                                    name + (flood ? u"-flood"_s : u"-quiet"_s), error);
        if (result.isEmpty())
            return {};
        (flood ? flooded : quiet) = result;
    }
    const QJsonObject q = quiet.value(u"latency"_s).toObject();
    const QJsonObject f = flooded.value(u"latency"_s).toObject();
    auto ratio = [&](const QString &key) {
        const double base = q.value(key).toDouble();
        return base > 0 ? f.value(key).toDouble() / base : 0.0;
    };
    return QJsonObject{
        {u"floodFirst"_s, floodFirst},
        {u"p50Ratio"_s, ratio(u"p50Ms"_s)},
        {u"p99Ratio"_s, ratio(u"p99Ms"_s)},
        {u"quiet"_s, quiet},
        {u"flooded"_s, flooded},
    };
}

QJsonObject FloodScenario::runOne(const BenchOptions &options, int deviceCount, double rate,
                                  bool flood, const QString &name, QString *error)
{
    // The per-user message budget on (every bench device is the user
    // `bench`, whose paced load stays under it); the flooder is a user of
    // its own.
    BenchOptions withBudget = options;
    withBudget.server.extra.insert(u"limits/messagesPerSecond"_s,
                                   QString::number(kBudgetPerSecond));
    auto server = scenario::launch(withBudget, name, {kFlooder}, {}, error);
    if (!server)
        return {};
    Fleet fleet(server->port(), server->jwtSecret(), options.ackIntervalMs);
    LatencySamples latency;
    for (int i = 0; i < deviceCount; ++i)
        fleet.add(u"d%1"_s.arg(i, 5, 10, QChar(u'0')), scenario::kUser)->setLatencySink(&latency);
    if (!fleet.connect(fleet.devices(), options.connectConcurrency, 180000, error))
        return {};
    const QList<BenchDevice *> fleetDevices = fleet.devices();
    Publisher publisher("\"kind\":\"item\",", scenario::payload(options.payloadBytes));
    const int publisherCount = std::min(deviceCount, options.publishers);
    for (int p = 0; p < publisherCount; ++p)
        publisher.addDevice(fleetDevices[p], scenario::oids(u"p%1"_s.arg(p), 1000));
    fleet.setAckedHook([&publisher](BenchDevice &d, int n) { publisher.onAcked(d, n); });

    // The flooder, in a thread of its own so that its writing does not
    // delay the load generator's reading (which would be measured as the
    // others' latency): its own private list, so that what it writes reaches
    // no one else and only its claim on the server is measured.
    std::atomic<int> closes{0};
    std::atomic<qint64> floodSent{0};
    std::atomic<int> lastCloseCode{0};
    QThread floodThread;
    BenchDevice *flooder = nullptr;
    if (flood) {
        const auth::TokenIssuer issuer(server->jwtSecret(), u"seneschal"_s, 3600);
        flooder = new BenchDevice(u"flooder"_s, kFlooder);
        if (const auto token = issuer.issue(kFlooder, u"flooder"_s, 0, {}))
            flooder->setToken(token->token);
        flooder->moveToThread(&floodThread);
        QObject::connect(&floodThread, &QThread::finished, flooder, &QObject::deleteLater);
        floodThread.start();
        const quint16 port = server->port();
        const QByteArray payload = scenario::payload(options.payloadBytes);
        QMetaObject::invokeMethod(flooder, [&, flooder, port, payload] {
            auto *tick = new QTimer(flooder);
            auto *again = new QTimer(flooder);
            again->setSingleShot(true);
            again->setInterval(kReconnectMs);
            QObject::connect(again, &QTimer::timeout, flooder,
                             [flooder, port] { flooder->connectTo(port, flooder->since()); });
            tick->setInterval(1);
            QObject::connect(tick, &QTimer::timeout, flooder, [&, flooder, again, payload] {
                if (flooder->isLive()) {
                    for (int i = 0; i < kFloodBurst; ++i)
                        flooder->sendDispatch("flood-list", "\"kind\":\"list\",", payload);
                    floodSent += kFloodBurst;
                } else if (flooder->isClosed() && !again->isActive()) {
                    ++closes;
                    lastCloseCode = flooder->closeCode();
                    again->start();
                }
            });
            flooder->connectTo(port, 0);
            tick->start();
        });
    }

    publisher.startRate(rate, 100000);
    Fleet::spin(int(options.warmupS * 1000));
    latency.clear();
    const int closesBefore = closes;
    const qint64 floodBefore = floodSent;
    const auto from = scenario::Reading::take(*server, fleetDevices);
    Fleet::spin(int(options.durationS * 1000));
    const auto to = scenario::Reading::take(*server, fleetDevices);
    if (flood) {
        floodThread.quit();
        floodThread.wait();
    }
    QJsonObject result = scenario::rates(from, to);
    result.insert(u"offeredPerS"_s, rate);
    result.insert(u"latency"_s, latency.summary());
    if (flooder) {
        result.insert(u"flooderClosed"_s, closes - closesBefore);
        result.insert(u"flooderSentPerS"_s, double(floodSent - floodBefore) / options.durationS);
        result.insert(u"flooderLastCloseCode"_s, lastCloseCode.load());
    }
    publisher.stop();
    Fleet::waitUntil([&publisher] { return publisher.outstandingTotal() == 0; }, 15000);
    fleet.closeAll();
    server->stop();
    return result;
}

} // namespace seneschal::bench
