#include "reportwriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStringList>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace seneschal::bench {

using namespace Qt::StringLiterals;

namespace {

QString num(double value, int decimals = 0)
{
    if (decimals == 0 && value >= 10000)
        return QLocale(QLocale::English).toString(qint64(value + 0.5));
    return QString::number(value, 'f', decimals);
}

QJsonObject medianOf(const QJsonObject &measurement)
{
    return measurement.value(u"median"_s).toObject();
}

// "a / b" of two figures of a summary, "-" where the run has none.
QString twoOf(const QJsonObject &summary, const QString &a, const QString &b, int decimals)
{
    if (summary.isEmpty())
        return u"-"_s;
    return num(summary.value(a).toDouble(), decimals) + u" / "_s +
           num(summary.value(b).toDouble(), decimals);
}

QString variantOf(const QJsonObject &measurement)
{
    return measurement.value(u"params"_s).toObject().value(u"variant"_s).toString();
}

int devicesOf(const QJsonObject &measurement)
{
    return measurement.value(u"params"_s).toObject().value(u"devices"_s).toInt();
}

// A measurement whose every run failed has no median: it must not show up
// as a row of zeros, let alone as an aim met.
bool measured(const QJsonObject &measurement)
{
    return measurement.contains(u"median"_s);
}

// The measured measurements of one scenario.
QList<QJsonObject> named(const QJsonObject &results, const QString &name)
{
    QList<QJsonObject> list;
    for (const QJsonValue &value : results.value(u"scenarios"_s).toArray()) {
        const QJsonObject m = value.toObject();
        if (m.value(u"name"_s).toString() == name && measured(m))
            list.append(m);
    }
    return list;
}

// The floor measured at the same devices and offered rate as a latency
// measurement (FloorScenario), or an empty object.
QJsonObject floorFor(const QJsonObject &results, const QJsonObject &latency)
{
    for (const QJsonObject &m : named(results, u"latencyFloor"_s)) {
        if (m.value(u"params"_s).toObject() == latency.value(u"params"_s).toObject())
            return medianOf(m);
    }
    return {};
}

QString paramsText(const QJsonObject &measurement)
{
    return QString::fromUtf8(
        QJsonDocument(measurement.value(u"params"_s).toObject()).toJson(QJsonDocument::Compact));
}

// Every measurement with failed runs: how many of its runs failed and why.
QStringList failures(const QJsonObject &results, int runsPerMeasurement)
{
    QStringList lines;
    for (const QJsonValue &value : results.value(u"scenarios"_s).toArray()) {
        const QJsonObject m = value.toObject();
        const QJsonArray errors = m.value(u"errors"_s).toArray();
        if (errors.isEmpty())
            continue;
        QStringList reasons;
        for (const QJsonValue &error : errors)
            reasons << error.toString();
        reasons.removeDuplicates();
        lines << u"- %1 `%2`: %3 of %4 run(s) failed%5: %6"_s.arg(
            m.value(u"name"_s).toString(), paramsText(m), QString::number(errors.size()),
            QString::number(runsPerMeasurement),
            measured(m) ? u" (the median is of the others)"_s : u", nothing measured"_s,
            reasons.join(u"; "_s));
    }
    return lines;
}

// One figure of every run of a measurement, in run order; `path` walks into
// nested objects.
QList<double> perRun(const QJsonObject &measurement, const QStringList &path)
{
    QList<double> values;
    for (const QJsonValue &run : measurement.value(u"runs"_s).toArray()) {
        QJsonValue value = run;
        for (const QString &key : path)
            value = value.toObject().value(key);
        values.append(value.toDouble());
    }
    return values;
}

// "a / b / c" of the runs' figures.
QString listed(const QList<double> &values, int decimals)
{
    QStringList parts;
    for (double value : values)
        parts << num(value, decimals);
    return parts.join(u" / "_s);
}

// (max - min) / median of the runs' figures, in percent.
double spreadPercent(QList<double> values)
{
    if (values.size() < 2)
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    const double median = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    return median > 0 ? 100.0 * (values.last() - values.first()) / median : 0;
}

// Whether the median of the pairs' ratios is within 5% (a console may not
// cost more), and how many single pairs were not; when identical runs
// (those without the console) spread over more than 10%, a 5% effect
// cannot be told from the machine's noise, and the answer says so.
QString within5(double medianRatio, const QList<double> &ratios, double noisePercent)
{
    const auto under =
        std::count_if(ratios.cbegin(), ratios.cend(), [](double ratio) { return ratio < 0.95; });
    QString text = noisePercent > 10 ? u"cannot tell (runs spread %1%)"_s.arg(num(noisePercent, 0))
                   : medianRatio >= 0.95 ? u"yes"_s
                                         : u"**no**"_s;
    if (under > 0)
        text += u", %1 of %2 pairs under 0.95"_s.arg(under).arg(ratios.size());
    return text;
}

QString verdict(bool met)
{
    return met ? u"**met**"_s : u"**not met**"_s;
}

} // namespace

QJsonValue ReportWriter::median(const QJsonArray &runs)
{
    QList<QJsonValue> values;
    for (const QJsonValue &v : runs) {
        if (!v.isUndefined() && !v.isNull())
            values.append(v);
    }
    if (values.isEmpty())
        return QJsonValue();
    if (values.first().isDouble()) {
        QList<double> numbers;
        for (const QJsonValue &v : values)
            numbers.append(v.toDouble());
        std::sort(numbers.begin(), numbers.end());
        const qsizetype n = numbers.size();
        return n % 2 ? numbers[n / 2] : (numbers[n / 2 - 1] + numbers[n / 2]) / 2;
    }
    if (values.first().isBool()) {
        return std::all_of(values.cbegin(), values.cend(),
                           [](const QJsonValue &v) { return v.toBool(); });
    }
    if (values.first().isObject()) {
        QJsonObject out;
        for (const QString &key : values.first().toObject().keys()) {
            QJsonArray member;
            for (const QJsonValue &v : values)
                member.append(v.toObject().value(key));
            out.insert(key, median(member));
        }
        return out;
    }
    return values.first();
}

QString ReportWriter::markdown(const QJsonObject &results, const QJsonObject &peer)
{
    QStringList md;
    const QJsonObject machine = results.value(u"machine"_s).toObject();
    const QString backend = results.value(u"backend"_s).toString();
    md << u"# Seneschal server benchmark, %1, %2"_s.arg(results.value(u"date"_s).toString(),
                                                        backend)
       << QString()
       << u"Machine: %1, %2 cores, %3 MiB, %4, Qt %5. Server and load generator share the "
          "machine."_s.arg(machine.value(u"cpuModel"_s).toString())
              .arg(machine.value(u"nproc"_s).toInt())
              .arg(machine.value(u"memTotalMiB"_s).toInt())
              .arg(machine.value(u"kernel"_s).toString(), machine.value(u"qt"_s).toString())
       << QString() << u"Command: `%1`"_s.arg(results.value(u"command"_s).toString()) << QString();
    const QString databaseNote =
        results.value(u"options"_s).toObject().value(u"databaseNote"_s).toString();
    if (!databaseNote.isEmpty())
        md << u"Database: %1."_s.arg(databaseNote) << QString();
    md << u"Medians over %1 run(s) per line; every run on a fresh server and database."_s.arg(
              results.value(u"options"_s).toObject().value(u"runs"_s).toInt())
       << QString();
    double loadMin = 1e9;
    double loadMax = 0;
    for (const QJsonValue &m : results.value(u"scenarios"_s).toArray()) {
        for (const QJsonValue &run : m.toObject().value(u"runs"_s).toArray()) {
            const double load = run.toObject().value(u"loadAverage1m"_s).toDouble(-1);
            if (load >= 0) {
                loadMin = std::min(loadMin, load);
                loadMax = std::max(loadMax, load);
            }
        }
    }
    if (loadMax > 0) {
        md << u"1-minute load average at the end of the runs: %1 to %2 (2 cores; server and "
              "load generator alone keep about 2 threads busy, so well above 2.5 something "
              "else was running too)."_s.arg(num(loadMin, 1), num(loadMax, 1))
           << QString();
    }

    const auto fanout = named(results, u"fanout"_s);
    if (!fanout.isEmpty()) {
        md << u"## Fan-out (publishers as fast as acks allow)"_s << QString()
           << u"| audience | devices | publishers | committed/s | deliveries/s | deliveries per "
              "server CPU-s | server CPU (cores) | bench CPU (cores) | latency p50 / p99 at "
              "maximum (ms) |"_s
           << u"|---|---:|---:|---:|---:|---:|---:|---:|---:|"_s;
        for (const QJsonObject &m : fanout) {
            const QJsonObject r = medianOf(m);
            const QJsonObject lat = r.value(u"latencyAtMaximum"_s).toObject();
            md << u"| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 | %9 |"_s.arg(
                variantOf(m) == u"public"_s
                    ? u"every device"_s
                    : u"groups of %1"_s.arg(
                          m.value(u"params"_s).toObject().value(u"groupSize"_s).toInt()),
                num(devicesOf(m)), num(r.value(u"publishers"_s).toDouble()),
                num(r.value(u"committedPerS"_s).toDouble()),
                num(r.value(u"deliveriesPerS"_s).toDouble()),
                num(r.value(u"deliveriesPerServerCpuS"_s).toDouble()),
                num(r.value(u"serverCpuCores"_s).toDouble(), 2),
                num(r.value(u"benchCpuCores"_s).toDouble(), 2),
                num(lat.value(u"p50Ms"_s).toDouble(), 1) + u" / "_s +
                    num(lat.value(u"p99Ms"_s).toDouble(), 1));
        }
        md << QString();
    }
    const auto console = named(results, u"fanoutConsole"_s);
    if (!console.isEmpty()) {
        md << u"## Fan-out with an admin console watching"_s << QString()
           << u"Each run is a pair of fan-out runs on fresh servers, without and with an admin "
              "console on /v1/admin subscribed to devices, stats, history, access and audit "
              "before the publishers start (both servers have the admin user); the order "
              "alternates from run to run. Ratio: deliveries/s with / without, per pair, the "
              "median and each pair's. Lag: from the first arrival of a seq at any device to "
              "the console's receipt of the `stats` event (or device row: cursor + lag) "
              "showing it as the server's highest seq; medians of the runs' p50 and p99, the "
              "largest of their maxima; resyncs summed over the runs. The console reads in the "
              "load "
              "generator's thread."_s
           << QString()
           << u"| audience | devices | deliveries/s without | with console | ratio (pairs) | "
              "within 5% | deliveries per server CPU-s with / without | console events/s "
              "(device rows) | console KiB/s | stats lag p50 / p99 / max ms (events) | device-row "
              "lag p50 / p99 / max ms | resyncs |"_s
           << u"|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|"_s;
        QStringList notes;
        for (const QJsonObject &m : console) {
            const QJsonObject r = medianOf(m);
            const QJsonObject c = r.value(u"console"_s).toObject();
            const QJsonObject stats = c.value(u"statsLag"_s).toObject();
            const QJsonObject rows = c.value(u"deviceRowLag"_s).toObject();
            const double ratio = r.value(u"ratio"_s).toDouble();
            const QList<double> without = perRun(m, {u"deliveriesPerSWithout"_s});
            const QList<double> with = perRun(m, {u"deliveriesPerSWith"_s});
            const double noise = spreadPercent(without);
            const QString audience =
                variantOf(m) == u"public"_s
                    ? u"every device"_s
                    : u"groups of %1"_s.arg(
                          m.value(u"params"_s).toObject().value(u"groupSize"_s).toInt());
            auto maxOf = [](const QList<double> &values) {
                return values.isEmpty() ? 0.0 : *std::max_element(values.cbegin(), values.cend());
            };
            auto sumOf = [](const QList<double> &values) {
                return std::accumulate(values.cbegin(), values.cend(), 0.0);
            };
            md << u"| %1 | %2 | %3 | %4 | %5 (%6) | %7 | %8 | %9 (%10) | %11 | %12 | %13 | %14 |"_s
                      .arg(audience, num(devicesOf(m)),
                           num(r.value(u"deliveriesPerSWithout"_s).toDouble()),
                           num(r.value(u"deliveriesPerSWith"_s).toDouble()), num(ratio, 3),
                           listed(perRun(m, {u"ratio"_s}), 3),
                           within5(ratio, perRun(m, {u"ratio"_s}), noise),
                           num(r.value(u"perServerCpuRatio"_s).toDouble(), 3),
                           num(c.value(u"allEventsPerS"_s).toDouble()))
                      .arg(num(c.value(u"deviceRowEventsPerS"_s).toDouble()),
                           num(c.value(u"kibPerS"_s).toDouble(), 1),
                           u"%1 / %2 / %3 (%4)"_s.arg(
                               num(stats.value(u"p50Ms"_s).toDouble(), 1),
                               num(stats.value(u"p99Ms"_s).toDouble(), 1),
                               num(maxOf(perRun(m, {u"console"_s, u"statsLag"_s, u"maxMs"_s})), 1),
                               num(stats.value(u"count"_s).toDouble())),
                           u"%1 / %2 / %3"_s.arg(
                               num(rows.value(u"p50Ms"_s).toDouble(), 1),
                               num(rows.value(u"p99Ms"_s).toDouble(), 1),
                               num(maxOf(perRun(m, {u"console"_s, u"deviceRowLag"_s, u"maxMs"_s})),
                                   1)),
                           num(sumOf(perRun(m, {u"console"_s, u"resyncs"_s}))));
            notes << u"- %1, %2 devices: without %3, with %4 deliveries/s; the runs without "
                     "the console spread over %5% of their median, those with it over %6%%7."_s.arg(
                         audience, num(devicesOf(m)), listed(without, 0), listed(with, 0),
                         num(noise, 1), num(spreadPercent(with), 1),
                         std::abs(1.0 - ratio) * 100 < noise
                             ? u": the console's effect (%1%) is inside that noise"_s.arg(
                                   num(std::abs(1.0 - ratio) * 100, 1))
                             : QString());
        }
        md << QString() << notes << QString();
    }
    const auto latency = named(results, u"latency"_s);
    if (!latency.isEmpty()) {
        md << u"## Latency at a fixed offered load (send to delivery at every other device)"_s
           << QString()
           << u"Delivery: send to arrival at each other device. Ack: send to the ack at the "
              "sender, i.e. the commit path without the fan-out. Generator lag: how late the "
              "load generator's own 1 ms timer fired, p99 / max; it bounds how much of a "
              "latency the generator itself may have added. Floor: bench_fanout_floor at the "
              "same devices and rate right after (no server: one process writing every frame "
              "to every connection, one write per connection per round, the other reading "
              "them), p50 / p99; no server can show less on this machine."_s
           << QString()
           << u"| devices | offered/s | committed/s | deliveries/s | p50 ms | p99 ms | p99.9 ms | "
              "max ms | ack p50 / p99 ms | generator lag p99 / max ms | floor p50 / p99 ms |"_s
           << u"|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"_s;
        for (const QJsonObject &m : latency) {
            const QJsonObject r = medianOf(m);
            const QJsonObject l = r.value(u"latency"_s).toObject();
            const QString ack =
                twoOf(r.value(u"ackLatency"_s).toObject(), u"p50Ms"_s, u"p99Ms"_s, 2);
            const QString lag =
                twoOf(r.value(u"generatorLag"_s).toObject(), u"p99Ms"_s, u"maxMs"_s, 1);
            const QString floor = twoOf(floorFor(results, m).value(u"latency"_s).toObject(),
                                        u"p50Ms"_s, u"p99Ms"_s, 2);
            md << u"| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 | %9 | %10 | %11 |"_s
                      .arg(num(devicesOf(m)), num(r.value(u"offeredPerS"_s).toDouble()),
                           num(r.value(u"committedPerS"_s).toDouble()),
                           num(r.value(u"deliveriesPerS"_s).toDouble()),
                           num(l.value(u"p50Ms"_s).toDouble(), 2),
                           num(l.value(u"p99Ms"_s).toDouble(), 2),
                           num(l.value(u"p999Ms"_s).toDouble(), 2),
                           num(l.value(u"maxMs"_s).toDouble(), 1), ack)
                      .arg(lag, floor);
        }
        md << QString();
    }
    const auto spool = named(results, u"spool"_s);
    for (const QJsonObject &m : spool) {
        const QJsonObject p = m.value(u"params"_s).toObject();
        const QJsonObject r = medianOf(m);
        md << u"## Spool"_s << QString()
           << u"A device offline while %1 dispatches hit %2 objects (writer: %3 committed/s), "
              "then back: hello to rehydrateEnd %4 ms, hello to synced **%5 ms**, %6 dispatches "
              "spooled (expected %2: %7)."_s.arg(
                  num(p.value(u"dispatches"_s).toDouble()), num(p.value(u"objects"_s).toDouble()),
                  num(r.value(u"writerCommittedPerS"_s).toDouble()),
                  num(r.value(u"helloToRehydrateEndMs"_s).toDouble(), 1),
                  num(r.value(u"helloToSyncedMs"_s).toDouble(), 1),
                  num(r.value(u"spooled"_s).toDouble()),
                  r.value(u"spooledCorrect"_s).toBool() ? u"correct"_s : u"WRONG"_s)
           << QString();
    }
    const auto upload = named(results, u"upload"_s);
    for (const QJsonObject &m : upload) {
        const QJsonObject p = m.value(u"params"_s).toObject();
        const QJsonObject r = medianOf(m);
        const QJsonObject before = r.value(u"observerLatencyBefore"_s).toObject();
        const QJsonObject during = r.value(u"observerLatencyDuring"_s).toObject();
        md << u"## Upload (rehydrate of an offline outbox)"_s << QString()
           << u"One device uploads %1 dispatches to %2 private lists: hello to rehydrateEnd "
              "**%3 ms** (%4 acks/s), hello to synced %5 ms. Meanwhile %6 other devices exchange "
              "%7 dispatches/s: their p99 %8 ms before the upload, **%9 ms** during it (p50 %10 ms)."_s
                  .arg(num(p.value(u"dispatches"_s).toDouble()),
                       num(p.value(u"objects"_s).toDouble()),
                       num(r.value(u"helloToRehydrateEndMs"_s).toDouble(), 0),
                       num(r.value(u"acksPerS"_s).toDouble()),
                       num(r.value(u"helloToSyncedMs"_s).toDouble(), 0),
                       num(r.value(u"observers"_s).toDouble()),
                       num(r.value(u"observerRate"_s).toDouble()),
                       num(before.value(u"p99Ms"_s).toDouble(), 2),
                       num(during.value(u"p99Ms"_s).toDouble(), 2))
                  .arg(num(during.value(u"p50Ms"_s).toDouble(), 2))
           << QString();
        const QJsonObject uploading = r.value(u"observerLatencyUploading"_s).toObject();
        const QJsonObject catchingUp = r.value(u"observerLatencyCatchingUp"_s).toObject();
        if (!uploading.isEmpty()) {
            md << u"By phase: while the upload is received and merged p50 %1 ms, p99 %2 ms; "
                  "while the uploader is caught up p50 %3 ms, p99 %4 ms."_s.arg(
                      num(uploading.value(u"p50Ms"_s).toDouble(), 1),
                      num(uploading.value(u"p99Ms"_s).toDouble(), 1),
                      num(catchingUp.value(u"p50Ms"_s).toDouble(), 1),
                      num(catchingUp.value(u"p99Ms"_s).toDouble(), 1))
               << QString();
        }
        const QJsonObject lag = r.value(u"generatorLag"_s).toObject();
        if (!lag.isEmpty()) {
            md << u"The load generator's own 1 ms timer fired up to %1 ms late meanwhile (p99 %2 "
                  "ms): that much of the observers' latency may be the generator's."_s.arg(
                      num(lag.value(u"maxMs"_s).toDouble(), 1),
                      num(lag.value(u"p99Ms"_s).toDouble(), 1))
               << QString();
        }
    }
    const auto memory = named(results, u"memory"_s);
    if (!memory.isEmpty()) {
        md << u"## Memory per idle device"_s << QString()
           << u"| devices | server RSS before (KiB) | after (KiB) | KiB per device |"_s
           << u"|---:|---:|---:|---:|"_s;
        for (const QJsonObject &m : memory) {
            const QJsonObject r = medianOf(m);
            md << u"| %1 | %2 | %3 | %4 |"_s.arg(num(devicesOf(m)),
                                                 num(r.value(u"rssBeforeKiB"_s).toDouble()),
                                                 num(r.value(u"rssAfterKiB"_s).toDouble()),
                                                 num(r.value(u"kibPerDevice"_s).toDouble(), 1));
        }
        md << QString();
    }
    const auto storm = named(results, u"storm"_s);
    if (!storm.isEmpty()) {
        md << u"## Reconnect storm after a restart"_s << QString()
           << u"Every device has been live once; while they are away a writer makes a few public "
              "objects; the server restarts; then all reconnect at the same moment with their "
              "token and since. Times from that moment until `synced`; the server's CPU and peak "
              "memory during the storm."_s
           << QString()
           << u"| devices | objects each | synced p50 ms | p99 ms | last ms | not synced | "
              "server CPU-s | server peak RSS (MiB) |"_s
           << u"|---:|---:|---:|---:|---:|---:|---:|---:|"_s;
        for (const QJsonObject &m : storm) {
            const QJsonObject r = medianOf(m);
            md << u"| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 |"_s.arg(
                num(devicesOf(m)), num(r.value(u"objectsToCatchUp"_s).toDouble()),
                num(r.value(u"toSyncedP50Ms"_s).toDouble()),
                num(r.value(u"toSyncedP99Ms"_s).toDouble()),
                num(r.value(u"lastSyncedMs"_s).toDouble()), num(r.value(u"notSynced"_s).toDouble()),
                num(r.value(u"serverCpuS"_s).toDouble(), 1),
                num(r.value(u"serverPeakRssKiB"_s).toDouble() / 1024.0, 1));
        }
        md << QString();
    }
    const auto offline = named(results, u"offline"_s);
    if (!offline.isEmpty()) {
        md << u"## Commit rate against registered offline devices (one public object)"_s
           << QString()
           << u"Each run measures every count back to back; the ratio is taken per run, then "
              "the median."_s
           << QString()
           << u"| offline devices | committed/s | per server CPU-s | server CPU (cores) |"_s
           << u"|---:|---:|---:|---:|"_s;
        for (const QJsonObject &m : offline) {
            const QJsonObject by = medianOf(m).value(u"byDevices"_s).toObject();
            const QJsonArray counts = m.value(u"params"_s).toObject().value(u"devices"_s).toArray();
            for (const QJsonValue &count : counts) {
                const QJsonObject r = by.value(QString::number(count.toInt())).toObject();
                md << u"| %1 | %2 | %3 | %4 |"_s.arg(
                    num(count.toInt()), num(r.value(u"committedPerS"_s).toDouble()),
                    num(r.value(u"committedPerServerCpuS"_s).toDouble()),
                    num(r.value(u"serverCpuCores"_s).toDouble(), 2));
            }
            md << QString()
               << u"Most / fewest: %1 in commits/s, %2 in commits per server CPU-second."_s.arg(
                      num(medianOf(m).value(u"ratio"_s).toDouble(), 2),
                      num(medianOf(m).value(u"ratioPerServerCpuS"_s).toDouble(), 2));
        }
        md << QString();
    }
    const auto grant = named(results, u"grant"_s);
    if (!grant.isEmpty()) {
        md << u"## Grant of a private list to a connected user"_s << QString()
           << u"The owner shares a list whose items all inherit (every 100th item with a "
              "history entry and an image) with a user whose devices are connected; each of "
              "them must receive one full copy per object."_s
           << QString()
           << u"| objects | grantee devices | share -> shared (ms) | share -> first copy (ms) | "
              "share -> last copy, slowest device (ms) | copies received / expected | server "
              "CPU (s) | server CPU (cores) |"_s
           << u"|---:|---:|---:|---:|---:|---:|---:|---:|"_s;
        for (const QJsonObject &m : grant) {
            const QJsonObject p = m.value(u"params"_s).toObject();
            const QJsonObject r = medianOf(m);
            md << u"| %1 | %2 | %3 | %4 | %5 | %6 / %7%8 | %9 | %10 |"_s
                      .arg(num(p.value(u"objects"_s).toDouble()), num(devicesOf(m)),
                           num(r.value(u"shareToSharedMs"_s).toDouble(), 1),
                           num(r.value(u"shareToFirstCopyMs"_s).toDouble(), 1),
                           num(r.value(u"shareToLastCopyMs"_s).toDouble(), 1),
                           num(r.value(u"copiesReceived"_s).toDouble()),
                           num(r.value(u"copiesExpected"_s).toDouble()),
                           r.value(u"copiesCorrect"_s).toBool() ? QString() : u" (WRONG)"_s,
                           num(r.value(u"grantServerCpuS"_s).toDouble(), 2))
                      .arg(num(r.value(u"grantServerCpuCores"_s).toDouble(), 2));
        }
        md << QString();
    }

    // The peer, side by side.
    if (!peer.isEmpty()) {
        md << u"## Beside the Socket.IO peer (%1, in-memory, no durability)"_s.arg(
                  peer.value(u"peer"_s).toString())
           << QString() << u"| measurement | devices | Seneschal | Socket.IO | Seneschal / peer |"_s
           << u"|---|---:|---:|---:|---:|"_s;
        for (const QJsonValue &value : peer.value(u"scenarios"_s).toArray()) {
            const QJsonObject pm = value.toObject();
            const QString name = pm.value(u"name"_s).toString();
            const int devices = devicesOf(pm);
            const QJsonObject pr = medianOf(pm);
            auto row = [&md, devices](const QString &what, double ours, double theirs,
                                      int decimals) {
                md << u"| %1 | %2 | %3 | %4 | %5 |"_s.arg(
                    what, num(devices), num(ours, decimals), num(theirs, decimals),
                    theirs > 0 ? num(ours / theirs, 2) : u"-"_s);
            };
            if (name == u"fanout"_s) {
                for (const QJsonObject &m : fanout) {
                    if (devicesOf(m) != devices || variantOf(m) != variantOf(pm))
                        continue;
                    const QJsonObject r = medianOf(m);
                    const QString v =
                        variantOf(pm) == u"public"_s ? u"every device"_s : u"groups"_s;
                    row(u"fan-out (%1) committed/s"_s.arg(v),
                        r.value(u"committedPerS"_s).toDouble(),
                        pr.value(u"committedPerS"_s).toDouble(), 0);
                    row(u"fan-out (%1) deliveries/s"_s.arg(v),
                        r.value(u"deliveriesPerS"_s).toDouble(),
                        pr.value(u"deliveriesPerS"_s).toDouble(), 0);
                    row(u"fan-out (%1) deliveries per server CPU-s"_s.arg(v),
                        r.value(u"deliveriesPerServerCpuS"_s).toDouble(),
                        pr.value(u"deliveriesPerServerCpuS"_s).toDouble(), 0);
                }
            } else if (name == u"latency"_s) {
                for (const QJsonObject &m : latency) {
                    if (devicesOf(m) != devices)
                        continue;
                    const QJsonObject l = medianOf(m).value(u"latency"_s).toObject();
                    const QJsonObject pl = pr.value(u"latency"_s).toObject();
                    md << u"| latency offered/s (each at half its own maximum) | %1 | %2 | %3 | %4 |"_s
                              .arg(num(devices),
                                   num(medianOf(m).value(u"offeredPerS"_s).toDouble()),
                                   num(pr.value(u"offeredPerS"_s).toDouble()),
                                   num(medianOf(m).value(u"offeredPerS"_s).toDouble() /
                                           std::max(1.0, pr.value(u"offeredPerS"_s).toDouble()),
                                       2));
                    row(u"latency p50 ms"_s, l.value(u"p50Ms"_s).toDouble(),
                        pl.value(u"p50Ms"_s).toDouble(), 2);
                    row(u"latency p99 ms"_s, l.value(u"p99Ms"_s).toDouble(),
                        pl.value(u"p99Ms"_s).toDouble(), 2);
                }
            }
        }
        md << QString();
    }

    const QStringList failed =
        failures(results, results.value(u"options"_s).toObject().value(u"runs"_s).toInt());
    if (!failed.isEmpty())
        md << u"## Failed runs"_s << QString() << failed << QString();

    // The aims of issue 6.
    const qsizetype aimsAt = md.size();
    md << u"## Aims (issue 6)"_s << QString();
    for (const QJsonValue &value : results.value(u"scenarios"_s).toArray()) {
        const QJsonObject m = value.toObject();
        if (!measured(m)) {
            md << u"- %1 `%2`: **not measured** (every run failed, see above)"_s.arg(
                m.value(u"name"_s).toString(), paramsText(m));
        }
    }
    for (const QJsonObject &m : fanout) {
        if (devicesOf(m) != 1000)
            continue;
        const QJsonObject r = medianOf(m);
        if (variantOf(m) == u"public"_s) {
            md << u"- fan-out, 1,000 devices, every device: %1 deliveries/s (aim 150,000): %2"_s
                      .arg(num(r.value(u"deliveriesPerS"_s).toDouble()),
                           verdict(r.value(u"deliveriesPerS"_s).toDouble() >= 150000));
        } else {
            md << u"- fan-out, 1,000 devices in groups: %1 committed dispatches/s (aim 20,000), "
                  "%2 deliveries/s: %3"_s.arg(
                      num(r.value(u"committedPerS"_s).toDouble()),
                      num(r.value(u"deliveriesPerS"_s).toDouble()),
                      verdict(r.value(u"committedPerS"_s).toDouble() >= 20000));
        }
    }
    for (const QJsonObject &m : latency) {
        const double p99 = medianOf(m).value(u"latency"_s).toObject().value(u"p99Ms"_s).toDouble();
        const QJsonObject floor = floorFor(results, m).value(u"latency"_s).toObject();
        const QString floorText = floor.isEmpty()
                                      ? QString()
                                      : u" (this machine's floor at that load: p99 %1 ms)"_s.arg(
                                            num(floor.value(u"p99Ms"_s).toDouble(), 2));
        md << u"- latency at half the maximum, %1 devices: p99 %2 ms (aim < 10 ms): %3%4"_s.arg(
            num(devicesOf(m)), num(p99, 2), verdict(p99 < 10), floorText);
    }
    for (const QJsonObject &m : spool) {
        const QJsonObject r = medianOf(m);
        const double ms = r.value(u"helloToSyncedMs"_s).toDouble();
        md << u"- spool of %1 objects: %2 ms to synced (aim < 1,000 ms), count %3: %4"_s.arg(
            num(m.value(u"params"_s).toObject().value(u"objects"_s).toDouble()), num(ms, 0),
            r.value(u"spooledCorrect"_s).toBool() ? u"right"_s : u"WRONG"_s,
            verdict(ms < 1000 && r.value(u"spooledCorrect"_s).toBool()));
    }
    for (const QJsonObject &m : upload) {
        const QJsonObject r = medianOf(m);
        const double ms = r.value(u"helloToRehydrateEndMs"_s).toDouble();
        const double p99 =
            r.value(u"observerLatencyDuring"_s).toObject().value(u"p99Ms"_s).toDouble();
        md << u"- upload of %1 dispatches: %2 ms (aim < 5,000 ms), others' p99 %3 ms (aim < 50 "
              "ms): %4"_s.arg(
                  num(m.value(u"params"_s).toObject().value(u"dispatches"_s).toDouble()),
                  num(ms, 0), num(p99, 1), verdict(ms < 5000 && p99 < 50));
    }
    for (const QJsonObject &m : memory) {
        const double kib = medianOf(m).value(u"kibPerDevice"_s).toDouble();
        md << u"- memory per idle device at %1 devices: %2 KiB (aim <= 20 KiB): %3"_s.arg(
            num(devicesOf(m)), num(kib, 1), verdict(kib <= 20));
    }
    for (const QJsonObject &m : storm) {
        const QJsonObject r = medianOf(m);
        const double last = r.value(u"lastSyncedMs"_s).toDouble();
        const int missing = r.value(u"notSynced"_s).toInt();
        md << u"- reconnect storm of %1 devices: the last synced after %2 ms, %3 not synced (aim "
              "at 10,000: within 10,000 ms, none refused): %4"_s.arg(
                  num(devicesOf(m)), num(last), num(missing),
                  verdict(missing == 0 && (devicesOf(m) != 10000 || last <= 10000)));
    }
    for (const QJsonObject &m : offline) {
        const QJsonObject r = medianOf(m);
        const double ratio = r.value(u"ratio"_s).toDouble();
        md << u"- commit rate with %1 offline devices is %2 x the rate with %3 (aim: within "
              "20%): %4"_s.arg(num(r.value(u"most"_s).toDouble()), num(ratio, 2),
                               num(r.value(u"fewest"_s).toDouble()),
                               verdict(std::abs(ratio - 1.0) <= 0.2));
    }
    if (md.size() == aimsAt + 2)
        md.remove(aimsAt, 2); // none of the measurements has an aim
    else
        md << QString();
    return md.join(u'\n');
}

bool ReportWriter::writeFile(const QString &path, const QByteArray &content, QString *error)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() ||
        !file.commit()) {
        *error = u"cannot write "_s + path;
        return false;
    }
    return true;
}

} // namespace seneschal::bench
