#pragma once

#include "serverprocess.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace seneschal::bench {

// Everything the command line decides: which server, which scenarios, their
// sizes, and where the results go. `quick` shrinks every size for a smoke run.
struct BenchOptions
{
    ServerSettings server;
    // fanout, latency, spool, upload, memory, offline, grant, storm; fanout-console
    // (not in "all": fan-out without and with a watching admin console)
    QStringList scenarios;
    int runs = 3;
    bool quick = false;
    int ackIntervalMs = 1000; // how often a device acknowledges what it received
    int payloadBytes = 64;    // size of the `v` property of each dispatch
    int connectConcurrency = 200;

    // fanout (and the fan-out part of the peer comparison)
    QList<int> fanoutDevices{100, 1000, 5000};
    QStringList fanoutVariants{QStringLiteral("public"), QStringLiteral("groups")};
    int fanoutGroupSize = 10; // devices per user in the "groups" variant
    int publishers = 4;
    int groupPublishers = 50;
    int window = 16;
    double warmupS = 2;
    double durationS = 8;

    // latency
    QList<int> latencyDevices{100, 1000};
    double latencyLoad = 0.5; // of the fan-out maximum measured in this run
    int latencyRate = 0;      // dispatches/s; 0: latencyLoad x the fan-out maximum
    // bench_fanout_floor; when set, each latency measurement is followed by
    // the floor at the same devices and rate (FloorScenario)
    QString floorBinary;

    // spool and upload
    int spoolDispatches = 100000;
    int spoolObjects = 10000;
    int uploadDispatches = 100000;
    int uploadObjects = 10000;
    int uploadObservers = 100;
    int uploadObserverRate = 200;

    // memory and offline devices
    QList<int> memoryDevices{1000, 10000};
    QList<int> offlineDevices{10, 10000};
    int offlineWindow = 8;

    // storm: devices reconnecting at once after a restart, each with
    // stormObjects objects to catch up
    QList<int> stormDevices{1000, 5000, 10000};
    int stormObjects = 3;
    bool stormTls = true; // wss:// as devices connect; --storm-plaintext: ws://

    // grant: a private list with grantItems items (every 100th with a
    // history entry and an image) granted to a user with grantDevices
    // connected devices
    int grantItems = 1000;
    int grantDevices = 2;

    QString outJson;
    QString outMarkdown;
    QString peerJson; // results of the Socket.IO peer, for the side-by-side table
    bool reportOnly = false;
    QString command; // as invoked, for the report
    // How the database server was set up (version, settings that matter),
    // written by scripts/bench; recorded in the report as given.
    QString databaseNote;

    static bool parse(const QStringList &arguments, BenchOptions *options, QString *error);
    QJsonObject toJson() const;
};

} // namespace seneschal::bench
