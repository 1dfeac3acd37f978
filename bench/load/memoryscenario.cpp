#include "memoryscenario.h"

#include "fleet.h"
#include "procstats.h"
#include "scenariosupport.h"

namespace seneschal::bench {

using namespace Qt::StringLiterals;

QJsonObject MemoryScenario::run(const BenchOptions &options, int deviceCount, const QString &name,
                                QString *error)
{
    auto server = scenario::launch(options, name, {}, {}, error);
    if (!server)
        return {};
    Fleet fleet(server->port(), server->jwtSecret(), options.ackIntervalMs);
    BenchDevice *first = fleet.add(u"first"_s, scenario::kUser);
    if (!fleet.connect({first}, 1, 30000, error))
        return {};
    Fleet::spin(500);
    const qint64 before = server->rssKiB();
    QList<BenchDevice *> idle;
    for (int i = 0; i < deviceCount; ++i)
        idle.append(fleet.add(u"m%1"_s.arg(i, 5, 10, QChar(u'0')), scenario::kUser));
    if (!fleet.connect(idle, options.connectConcurrency, 300000, error))
        return {};
    Fleet::spin(2000);
    const qint64 after = server->rssKiB();
    QJsonObject result{
        {u"rssBeforeKiB"_s, before},
        {u"rssAfterKiB"_s, after},
        {u"kibPerDevice"_s, double(after - before) / double(deviceCount)},
        {u"benchRssKiB"_s, procstats::rssKiB(0)},
    };
    fleet.closeAll();
    server->stop();
    return result;
}

} // namespace seneschal::bench
