// seneschal-bench: drives a real seneschal-server over loopback with many
// WebSocket devices; scripts/bench builds it and runs it on each backend.

#include "benchoptions.h"
#include "consolescenario.h"
#include "fanoutscenario.h"
#include "floodscenario.h"
#include "floorscenario.h"
#include "grantscenario.h"
#include "latencyscenario.h"
#include "memoryscenario.h"
#include "offlinescenario.h"
#include "procstats.h"
#include "reportwriter.h"
#include "spoolscenario.h"
#include "stormscenario.h"
#include "uploadscenario.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTextStream>
#include <cmath>
#include <functional>

using namespace Qt::StringLiterals;
using namespace seneschal::bench;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QString brief(const QJsonObject &result)
{
    QStringList parts;
    for (const QString &key : {u"committedPerS"_s,
                               u"deliveriesPerS"_s,
                               u"deliveriesPerServerCpuS"_s,
                               u"serverCpuCores"_s,
                               u"benchCpuCores"_s,
                               u"helloToSyncedMs"_s,
                               u"spooled"_s,
                               u"helloToRehydrateEndMs"_s,
                               u"acksPerS"_s,
                               u"kibPerDevice"_s,
                               u"writerCommittedPerS"_s,
                               u"ratio"_s,
                               u"shareToSharedMs"_s,
                               u"shareToFirstCopyMs"_s,
                               u"shareToLastCopyMs"_s,
                               u"copiesReceived"_s,
                               u"grantServerCpuS"_s,
                               u"lastSyncedMs"_s,
                               u"toSyncedP99Ms"_s,
                               u"notSynced"_s,
                               u"serverCpuS"_s,
                               u"serverPeakRssKiB"_s,
                               u"deliveriesPerSWithout"_s,
                               u"deliveriesPerSWith"_s}) {
        if (result.contains(key))
            parts << key + u'=' +
                         QString::number(result.value(key).toDouble(), 'f',
                                         key == u"ratio"_s ? 3 : 1);
    }
    for (const QString &key : {u"latency"_s, u"latencyAtMaximum"_s, u"observerLatencyDuring"_s}) {
        const QJsonObject l = result.value(key).toObject();
        if (!l.isEmpty()) {
            parts << key + u" p50/p99/p999="_s +
                         QString::number(l.value(u"p50Ms"_s).toDouble(), 'f', 2) + u'/' +
                         QString::number(l.value(u"p99Ms"_s).toDouble(), 'f', 2) + u'/' +
                         QString::number(l.value(u"p999Ms"_s).toDouble(), 'f', 2) + u" ms"_s;
        }
    }
    const QJsonObject console = result.value(u"console"_s).toObject();
    if (!console.isEmpty()) {
        const QJsonObject lag = console.value(u"statsLag"_s).toObject();
        parts << u"console: stats lag p50/p99/max=%1/%2/%3 ms (%4), device rows/s=%5, "
                 "resyncs=%6"_s.arg(lag.value(u"p50Ms"_s).toDouble(), 0, 'f', 1)
                     .arg(lag.value(u"p99Ms"_s).toDouble(), 0, 'f', 1)
                     .arg(lag.value(u"maxMs"_s).toDouble(), 0, 'f', 1)
                     .arg(lag.value(u"count"_s).toInt())
                     .arg(console.value(u"deviceRowEventsPerS"_s).toDouble(), 0, 'f', 0)
                     .arg(console.value(u"resyncs"_s).toInt());
    }
    return parts.join(u' ');
}

// The fan-out shapes to measure: each variant (every device, groups) at each
// device count, with the parameters its report line shows.
struct FanoutShape
{
    int devices = 0;
    int groupSize = 0; // 0: every device
    QJsonObject params;
};

QList<FanoutShape> fanoutShapes(const BenchOptions &options)
{
    QList<FanoutShape> shapes;
    for (const int groupSize : {0, options.fanoutGroupSize}) {
        if (!options.fanoutVariants.contains(groupSize > 0 ? u"groups"_s : u"public"_s))
            continue;
        for (const int devices : std::as_const(options.fanoutDevices)) {
            if (groupSize > 0 && devices < 2 * groupSize)
                continue;
            shapes.append(
                FanoutShape{devices, groupSize,
                            QJsonObject{{u"variant"_s, groupSize > 0 ? u"groups"_s : u"public"_s},
                                        {u"devices"_s, devices},
                                        {u"groupSize"_s, groupSize > 0 ? groupSize : devices},
                                        {u"window"_s, options.window},
                                        {u"payloadBytes"_s, options.payloadBytes}}});
        }
    }
    return shapes;
}

class Runner
{
public:
    explicit Runner(const BenchOptions &options)
        : m_options(options)
    {}

    // Runs one measurement `runs` times on fresh servers and keeps every run
    // and the medians.
    QJsonObject measure(const QString &name, const QJsonObject &params,
                        const std::function<QJsonObject(const QString &, QString *)> &once)
    {
        QJsonArray runs;
        QStringList errors;
        for (int r = 0; r < m_options.runs; ++r) {
            const QString serverName = u"%1-%2"_s.arg(name).arg(++m_serial);
            out() << name << ' ' << QJsonDocument(params).toJson(QJsonDocument::Compact) << " run "
                  << (r + 1) << '/' << m_options.runs << ": " << Qt::flush;
            QString error;
            QJsonObject result = once(serverName, &error);
            if (!result.isEmpty())
                result.insert(u"loadAverage1m"_s, procstats::loadAverage());
            if (result.isEmpty()) {
                out() << "FAILED: " << error << Qt::endl;
                errors << error;
                continue;
            }
            out() << brief(result) << Qt::endl;
            runs.append(result);
        }
        QJsonObject measurement{{u"name"_s, name}, {u"params"_s, params}, {u"runs"_s, runs}};
        if (!runs.isEmpty())
            measurement.insert(u"median"_s, ReportWriter::median(runs));
        if (!errors.isEmpty())
            measurement.insert(u"errors"_s, QJsonArray::fromStringList(errors));
        m_measurements.append(measurement);
        return measurement;
    }

    QJsonArray measurements() const { return m_measurements; }
    bool anyRunFailed() const
    {
        for (const QJsonValue &m : m_measurements) {
            if (m.toObject().contains(u"errors"_s))
                return true;
        }
        return false;
    }

private:
    const BenchOptions &m_options;
    QJsonArray m_measurements;
    int m_serial = 0;
};

int reportOnly(const BenchOptions &options)
{
    QFile file(options.outJson);
    if (!file.open(QIODevice::ReadOnly)) {
        QTextStream(stderr) << "cannot read " << options.outJson << Qt::endl;
        return 1;
    }
    const QJsonObject results = QJsonDocument::fromJson(file.readAll()).object();
    QJsonObject peer;
    QFile peerFile(options.peerJson);
    if (!options.peerJson.isEmpty() && peerFile.open(QIODevice::ReadOnly))
        peer = QJsonDocument::fromJson(peerFile.readAll()).object();
    QString error;
    if (!ReportWriter::writeFile(options.outMarkdown,
                                 ReportWriter::markdown(results, peer).toUtf8(), &error)) {
        QTextStream(stderr) << error << Qt::endl;
        return 1;
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    // Qt's own event dispatcher scales to thousands of sockets; glib's does not.
    qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"seneschal-bench"_s);
    // The storage and auth libraries log their routine work; keep the output to results.
    QLoggingCategory::setFilterRules(u"seneschal.*.debug=false\nseneschal.*.info=false"_s);

    BenchOptions options;
    QString error;
    if (!BenchOptions::parse(QCoreApplication::arguments(), &options, &error)) {
        QTextStream(stderr) << error << Qt::endl;
        return 2;
    }
    if (options.reportOnly)
        return reportOnly(options);
    const qint64 files = procstats::raiseFileLimit();
    out() << "open-file limit " << files << ", backend " << options.server.backend << Qt::endl;

    Runner runner(options);
    QHash<int, double> fanoutMaximum; // committed/s of the every-device variant, by devices
    for (const QString &scenario : std::as_const(options.scenarios)) {
        if (scenario == u"fanout"_s) {
            for (const FanoutShape &shape : fanoutShapes(options)) {
                const auto m = runner.measure(
                    u"fanout"_s, shape.params, [&](const QString &name, QString *why) {
                        return FanoutScenario::run(options, shape.devices, shape.groupSize, name,
                                                   why);
                    });
                if (shape.groupSize == 0) {
                    fanoutMaximum.insert(
                        shape.devices,
                        m.value(u"median"_s).toObject().value(u"committedPerS"_s).toDouble());
                }
            }
        } else if (scenario == u"fanout-console"_s) {
            // Each run is a pair on fresh servers, without and with a
            // watching admin console, in alternating order.
            for (const FanoutShape &shape : fanoutShapes(options)) {
                int round = 0;
                runner.measure(u"fanoutConsole"_s, shape.params,
                               [&](const QString &name, QString *why) {
                                   return ConsoleScenario::run(options, shape.devices,
                                                               shape.groupSize, round++, name, why);
                               });
            }
        } else if (scenario == u"latency"_s) {
            for (const int devices : std::as_const(options.latencyDevices)) {
                double rate = options.latencyRate;
                if (rate <= 0) {
                    const double maximum = fanoutMaximum.value(devices);
                    rate = maximum > 0 ? std::round(options.latencyLoad * maximum) : 100;
                }
                const QJsonObject params{{u"devices"_s, devices},
                                         {u"offeredPerS"_s, rate},
                                         {u"payloadBytes"_s, options.payloadBytes}};
                runner.measure(u"latency"_s, params, [&](const QString &name, QString *why) {
                    return LatencyScenario::run(options, devices, rate, name, why);
                });
                if (!options.floorBinary.isEmpty()) {
                    runner.measure(u"latencyFloor"_s, params, [&](const QString &, QString *why) {
                        return FloorScenario::run(options, devices, rate, why);
                    });
                }
            }
        } else if (scenario == u"spool"_s) {
            const QJsonObject params{{u"dispatches"_s, options.spoolDispatches},
                                     {u"objects"_s, options.spoolObjects}};
            runner.measure(u"spool"_s, params, [&](const QString &name, QString *why) {
                return SpoolScenario::run(options, name, why);
            });
        } else if (scenario == u"upload"_s) {
            const QJsonObject params{{u"dispatches"_s, options.uploadDispatches},
                                     {u"objects"_s, options.uploadObjects},
                                     {u"observers"_s, options.uploadObservers}};
            runner.measure(u"upload"_s, params, [&](const QString &name, QString *why) {
                return UploadScenario::run(options, name, why);
            });
        } else if (scenario == u"memory"_s) {
            for (const int devices : std::as_const(options.memoryDevices)) {
                runner.measure(u"memory"_s, QJsonObject{{u"devices"_s, devices}},
                               [&](const QString &name, QString *why) {
                                   return MemoryScenario::run(options, devices, name, why);
                               });
            }
        } else if (scenario == u"flood"_s) {
            // Beside the latency scenario's load: latencyRate, or 2,000/s.
            const double rate = options.latencyRate > 0 ? options.latencyRate : 2000;
            for (const int devices : std::as_const(options.latencyDevices)) {
                int round = 0;
                runner.measure(
                    u"flood"_s, QJsonObject{{u"devices"_s, devices}, {u"offeredPerS"_s, rate}},
                    [&](const QString &name, QString *why) {
                        return FloodScenario::run(options, devices, rate, round++, name, why);
                    });
            }
        } else if (scenario == u"storm"_s) {
            for (const int devices : std::as_const(options.stormDevices)) {
                runner.measure(
                    u"storm"_s,
                    QJsonObject{{u"devices"_s, devices}, {u"objects"_s, options.stormObjects}},
                    [&](const QString &name, QString *why) {
                        return StormScenario::run(options, devices, name, why);
                    });
            }
        } else if (scenario == u"offline"_s) {
            QJsonArray counts;
            for (const int devices : std::as_const(options.offlineDevices))
                counts.append(devices);
            int runIndex = 0;
            runner.measure(u"offline"_s, QJsonObject{{u"devices"_s, counts}},
                           [&](const QString &name, QString *why) {
                               return OfflineScenario::run(options, options.offlineDevices,
                                                           runIndex++, name, why);
                           });
        } else if (scenario == u"grant"_s) {
            const int objects = 1 + options.grantItems + 2 * ((options.grantItems + 99) / 100);
            const QJsonObject params{{u"items"_s, options.grantItems},
                                     {u"objects"_s, objects},
                                     {u"devices"_s, options.grantDevices},
                                     {u"payloadBytes"_s, options.payloadBytes}};
            runner.measure(u"grant"_s, params, [&](const QString &name, QString *why) {
                return GrantScenario::run(options, name, why);
            });
        } else {
            QTextStream(stderr) << "unknown scenario " << scenario << Qt::endl;
            return 2;
        }
    }

    const QJsonObject results{
        {u"date"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {u"backend"_s, options.server.backend},
        {u"machine"_s, procstats::machine()},
        {u"command"_s, options.command},
        {u"options"_s, options.toJson()},
        {u"scenarios"_s, runner.measurements()},
    };
    if (!options.outJson.isEmpty() &&
        !ReportWriter::writeFile(options.outJson, QJsonDocument(results).toJson(), &error)) {
        QTextStream(stderr) << error << Qt::endl;
        return 1;
    }
    if (!options.outMarkdown.isEmpty()) {
        QJsonObject peer;
        QFile peerFile(options.peerJson);
        if (!options.peerJson.isEmpty() && peerFile.open(QIODevice::ReadOnly))
            peer = QJsonDocument::fromJson(peerFile.readAll()).object();
        if (!ReportWriter::writeFile(options.outMarkdown,
                                     ReportWriter::markdown(results, peer).toUtf8(), &error)) {
            QTextStream(stderr) << error << Qt::endl;
            return 1;
        }
    }
    out() << ReportWriter::markdown(results, {}) << Qt::endl;
    // Results are written either way; a failed run still fails the command.
    return runner.anyRunFailed() ? 3 : 0;
}
