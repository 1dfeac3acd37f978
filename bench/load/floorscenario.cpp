#include "floorscenario.h"

#include <QJsonDocument>
#include <QProcess>

namespace seneschal::bench {

using namespace Qt::StringLiterals;

namespace {

// A dispatch frame as the devices receive it, less the payload: the devices
// of the latency scenario read about 268 bytes per delivery with a 64-byte
// payload (the load generator's rchar over deliveries).
constexpr int kFrameOverheadBytes = 200;

} // namespace

QJsonObject FloorScenario::run(const BenchOptions &options, int devices, double rate,
                               QString *error)
{
    const int frameBytes = options.payloadBytes + kFrameOverheadBytes;
    QProcess floor;
    floor.start(options.floorBinary,
                {u"--devices"_s, QString::number(devices), u"--rate"_s, QString::number(rate),
                 u"--seconds"_s, QString::number(options.durationS), u"--warmup"_s,
                 QString::number(options.warmupS), u"--frame-bytes"_s,
                 QString::number(frameBytes)});
    const int timeoutMs = int((options.warmupS + options.durationS) * 1000) + 120000;
    if (!floor.waitForFinished(timeoutMs) || floor.exitStatus() != QProcess::NormalExit ||
        floor.exitCode() != 0) {
        floor.kill();
        *error = u"%1 failed: %2 %3"_s.arg(options.floorBinary, floor.errorString(),
                                           QString::fromLocal8Bit(floor.readAllStandardError()));
        return {};
    }
    QJsonParseError parseError;
    const QJsonObject line =
        QJsonDocument::fromJson(floor.readAllStandardOutput().trimmed(), &parseError).object();
    if (parseError.error != QJsonParseError::NoError || !line.contains(u"p99Ms"_s)) {
        *error = u"%1 printed no result"_s.arg(options.floorBinary);
        return {};
    }
    QJsonObject latency;
    for (const QString &key : {u"p50Ms"_s, u"p99Ms"_s, u"p999Ms"_s, u"maxMs"_s})
        latency.insert(key, line.value(key));
    return QJsonObject{{u"offeredPerS"_s, rate},
                       {u"frameBytes"_s, frameBytes},
                       {u"latency"_s, latency},
                       {u"deliveries"_s, line.value(u"deliveries"_s)},
                       {u"roundsPerS"_s, line.value(u"roundsPerS"_s)},
                       {u"senderCpuCores"_s, line.value(u"senderCpuCores"_s)},
                       {u"receiverCpuCores"_s, line.value(u"receiverCpuCores"_s)}};
}

} // namespace seneschal::bench
