#include "benchoptions.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonArray>

namespace seneschal::bench {

using namespace Qt::StringLiterals;

namespace {

QList<int> intList(const QString &text, bool *ok)
{
    QList<int> values;
    *ok = true;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        bool partOk = false;
        values.append(part.trimmed().toInt(&partOk));
        *ok = *ok && partOk;
    }
    return values;
}

QJsonArray jsonInts(const QList<int> &values)
{
    QJsonArray array;
    for (int v : values)
        array.append(v);
    return array;
}

} // namespace

bool BenchOptions::parse(const QStringList &arguments, BenchOptions *o, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Drives a real seneschal-server over loopback with many WebSocket devices and "
        "writes JSON and Markdown results. Scenarios: fanout, latency, spool, upload, memory, "
        "offline, grant, storm (all of them: all); fanout-console (fan-out without and with an "
        "admin "
        "console watching every topic, interleaved); flood (latency quiet and beside a flooding "
        "device, interleaved)."_s);
    parser.addHelpOption();
    const QCommandLineOption server(u"server"_s, u"The seneschal-server binary."_s, u"path"_s);
    const QCommandLineOption backend(u"backend"_s, u"sqlite or mysql."_s, u"name"_s, u"sqlite"_s);
    const QCommandLineOption work(u"work-dir"_s, u"Scratch folder for the servers."_s, u"dir"_s);
    const QCommandLineOption port(u"port"_s, u"Server port (loopback)."_s, u"port"_s, u"17443"_s);
    const QCommandLineOption mysqlPort(u"mysql-port"_s, u"MariaDB port."_s, u"port"_s, u"13406"_s);
    const QCommandLineOption scenarios(u"scenarios"_s, u"Comma-separated, or all."_s, u"list"_s,
                                       u"all"_s);
    const QCommandLineOption runs(u"runs"_s, u"Runs per measurement (median)."_s, u"n"_s, u"3"_s);
    const QCommandLineOption quick(u"quick"_s, u"Small sizes, one run: a smoke test."_s);
    const QCommandLineOption ack(u"ack-interval-ms"_s, u"Device ack coalescing."_s, u"ms"_s,
                                 u"1000"_s);
    const QCommandLineOption payload(u"payload"_s, u"Bytes of payload per dispatch."_s, u"n"_s,
                                     u"64"_s);
    const QCommandLineOption fanout(u"fanout-devices"_s, u"Device counts for fanout."_s, u"list"_s,
                                    u"100,1000,5000"_s);
    const QCommandLineOption variants(u"fanout-variants"_s,
                                      u"public (every device sees every dispatch), groups."_s,
                                      u"list"_s, u"public,groups"_s);
    const QCommandLineOption publishers(u"publishers"_s, u"Publishers in fanout."_s, u"n"_s,
                                        u"4"_s);
    const QCommandLineOption window(u"window"_s, u"Unacknowledged dispatches per publisher."_s,
                                    u"n"_s, u"16"_s);
    const QCommandLineOption duration(u"duration"_s, u"Seconds measured per run."_s, u"s"_s,
                                      u"8"_s);
    const QCommandLineOption latencyRate(
        u"latency-rate"_s, u"Offered dispatches/s (default: half the maximum)."_s, u"n"_s, u"0"_s);
    const QCommandLineOption floor(
        u"floor"_s,
        u"bench_fanout_floor: measure the transport floor after each latency measurement."_s,
        u"path"_s);
    const QCommandLineOption latencyDevices(u"latency-devices"_s, u"Device counts for latency."_s,
                                            u"list"_s, u"100,1000"_s);
    const QCommandLineOption memory(u"memory-devices"_s, u"Device counts for memory."_s, u"list"_s,
                                    u"1000,10000"_s);
    const QCommandLineOption offline(u"offline-devices"_s, u"Offline device counts."_s, u"list"_s,
                                     u"10,10000"_s);
    const QCommandLineOption storm(u"storm-devices"_s,
                                   u"Device counts reconnecting at once in storm."_s, u"list"_s,
                                   u"1000,5000,10000"_s);
    const QCommandLineOption stormObjects(
        u"storm-objects"_s, u"Objects each device of storm has to catch up."_s, u"n"_s, u"3"_s);
    const QCommandLineOption stormPlaintext(
        u"storm-plaintext"_s, u"storm over ws:// instead of wss:// (no TLS handshakes)."_s);
    const QCommandLineOption spool(u"spool-dispatches"_s, u"Dispatches missed by the device."_s,
                                   u"n"_s, u"100000"_s);
    const QCommandLineOption upload(u"upload-dispatches"_s, u"Dispatches uploaded."_s, u"n"_s,
                                    u"100000"_s);
    const QCommandLineOption grantItems(u"grant-items"_s,
                                        u"Items of the list granted in grant (plus its history "
                                        "and images: one each per 100 items)."_s,
                                        u"n"_s, u"1000"_s);
    const QCommandLineOption grantDevices(
        u"grant-devices"_s, u"Connected devices of the grantee in grant."_s, u"n"_s, u"2"_s);
    const QCommandLineOption json(u"json"_s, u"Write results here."_s, u"file"_s);
    const QCommandLineOption markdown(u"markdown"_s, u"Write the summary here."_s, u"file"_s);
    const QCommandLineOption peer(u"peer-json"_s, u"Socket.IO peer results to compare with."_s,
                                  u"file"_s);
    const QCommandLineOption databaseNote(
        u"database-note"_s, u"How the database server was set up, for the report."_s, u"text"_s);
    const QCommandLineOption reportOnly(
        u"report-only"_s, u"Only rewrite --markdown from --json (and --peer-json)."_s);
    parser.addOptions({server,       backend,        work,         port,    mysqlPort,
                       scenarios,    runs,           quick,        ack,     payload,
                       fanout,       variants,       publishers,   window,  duration,
                       latencyRate,  latencyDevices, memory,       offline, spool,
                       upload,       grantItems,     grantDevices, json,    markdown,
                       peer,         databaseNote,   reportOnly,   floor,   storm,
                       stormObjects, stormPlaintext});
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return false;
    }
    if (parser.isSet(u"help"_s)) {
        *error = parser.helpText();
        return false;
    }
    o->command = arguments.join(u' ');
    o->reportOnly = parser.isSet(reportOnly);
    o->outJson = parser.value(json);
    o->outMarkdown = parser.value(markdown);
    o->peerJson = parser.value(peer);
    o->databaseNote = parser.value(databaseNote);
    o->quick = parser.isSet(quick);
    o->server.binary = parser.value(server);
    o->server.backend = parser.value(backend);
    o->server.workDir =
        parser.isSet(work) ? parser.value(work) : QDir::temp().filePath(u"seneschal-bench"_s);
    o->server.port = quint16(parser.value(port).toUInt());
    o->server.mysqlPort = quint16(parser.value(mysqlPort).toUInt());
    const QString list = parser.value(scenarios);
    o->scenarios = list == u"all"_s
                       ? QStringList{u"fanout"_s, u"latency"_s, u"spool"_s, u"upload"_s,
                                     u"memory"_s, u"offline"_s, u"grant"_s, u"storm"_s}
                       : list.split(u',', Qt::SkipEmptyParts);
    o->runs = std::max(1, parser.value(runs).toInt());
    o->ackIntervalMs = parser.value(ack).toInt();
    o->payloadBytes = parser.value(payload).toInt();
    o->fanoutVariants = parser.value(variants).split(u',', Qt::SkipEmptyParts);
    o->publishers = std::max(1, parser.value(publishers).toInt());
    o->window = std::max(1, parser.value(window).toInt());
    o->durationS = parser.value(duration).toDouble();
    o->latencyRate = parser.value(latencyRate).toInt();
    o->floorBinary = parser.value(floor);
    o->spoolDispatches = parser.value(spool).toInt();
    o->uploadDispatches = parser.value(upload).toInt();
    o->grantItems = std::max(0, parser.value(grantItems).toInt());
    o->grantDevices = std::max(1, parser.value(grantDevices).toInt());
    bool ok = true;
    bool all = true;
    o->fanoutDevices = intList(parser.value(fanout), &ok);
    all = all && ok;
    o->latencyDevices = intList(parser.value(latencyDevices), &ok);
    all = all && ok;
    o->memoryDevices = intList(parser.value(memory), &ok);
    all = all && ok;
    o->offlineDevices = intList(parser.value(offline), &ok);
    all = all && ok;
    o->stormDevices = intList(parser.value(storm), &ok);
    all = all && ok;
    o->stormObjects = std::max(1, parser.value(stormObjects).toInt());
    o->stormTls = !parser.isSet(stormPlaintext);
    if (!all) {
        *error = u"device lists are comma-separated integers"_s;
        return false;
    }
    if (o->quick) {
        if (!parser.isSet(runs))
            o->runs = 1;
        if (!parser.isSet(fanout))
            o->fanoutDevices = {100, 500};
        if (!parser.isSet(memory))
            o->memoryDevices = {500};
        if (!parser.isSet(offline))
            o->offlineDevices = {10, 2000};
        if (!parser.isSet(storm))
            o->stormDevices = {500};
        if (!parser.isSet(spool))
            o->spoolDispatches = 20000;
        o->spoolObjects = std::min(o->spoolObjects, o->spoolDispatches / 10);
        if (!parser.isSet(upload))
            o->uploadDispatches = 20000;
        o->uploadObjects = std::min(o->uploadObjects, o->uploadDispatches / 10);
        if (!parser.isSet(latencyDevices))
            o->latencyDevices = {100, 500};
        o->uploadObservers = 50;
        if (!parser.isSet(duration))
            o->durationS = 3;
        o->warmupS = 1;
    }
    if (!o->reportOnly && o->server.binary.isEmpty()) {
        *error = u"--server is required"_s;
        return false;
    }
    if (o->server.backend != u"sqlite"_s && o->server.backend != u"mysql"_s) {
        *error = u"--backend must be sqlite or mysql"_s;
        return false;
    }
    return true;
}

QJsonObject BenchOptions::toJson() const
{
    return QJsonObject{
        {u"backend"_s, server.backend},
        {u"runs"_s, runs},
        {u"quick"_s, quick},
        {u"ackIntervalMs"_s, ackIntervalMs},
        {u"payloadBytes"_s, payloadBytes},
        {u"fanoutDevices"_s, jsonInts(fanoutDevices)},
        {u"publishers"_s, publishers},
        {u"window"_s, window},
        {u"warmupS"_s, warmupS},
        {u"durationS"_s, durationS},
        {u"latencyDevices"_s, jsonInts(latencyDevices)},
        {u"memoryDevices"_s, jsonInts(memoryDevices)},
        {u"offlineDevices"_s, jsonInts(offlineDevices)},
        {u"stormDevices"_s, jsonInts(stormDevices)},
        {u"stormObjects"_s, stormObjects},
        {u"stormTls"_s, stormTls},
        {u"grantItems"_s, grantItems},
        {u"grantDevices"_s, grantDevices},
        {u"databaseNote"_s, databaseNote},
    };
}

} // namespace seneschal::bench
