#include "consolescenario.h"

#include "fanoutscenario.h"
#include "procstats.h"

namespace seneschal::bench {

using namespace Qt::StringLiterals;

QJsonObject ConsoleScenario::run(const BenchOptions &options, int devices, int groupSize, int round,
                                 const QString &name, QString *error)
{
    using Console = FanoutScenario::Console;
    const bool consoleFirst = round % 2 == 1;
    QJsonObject without;
    QJsonObject with;
    for (const bool watching : {consoleFirst, !consoleFirst}) {
        QString why;
        QJsonObject result = FanoutScenario::run(
            options, devices, groupSize, name + (watching ? u"-console"_s : u"-plain"_s), &why,
            watching ? Console::Watching : Console::AdminUserOnly);
        if (result.isEmpty()) {
            *error = (watching ? u"with console: "_s : u"without console: "_s) + why;
            return {};
        }
        // The machine is shared: how busy it was at the end of each half.
        result.insert(u"loadAverage1m"_s, procstats::loadAverage());
        (watching ? with : without) = result;
    }
    const QJsonObject console = with.value(u"console"_s).toObject();
    if (!console.value(u"watching"_s).toBool()) {
        *error = u"the console stopped watching during the run (close code %1)"_s.arg(
            console.value(u"closeCode"_s).toInt());
        return {};
    }
    auto ratio = [&](const QString &key) {
        const double base = without.value(key).toDouble();
        return base > 0 ? with.value(key).toDouble() / base : 0.0;
    };
    return QJsonObject{
        {u"consoleFirst"_s, consoleFirst},
        {u"deliveriesPerSWithout"_s, without.value(u"deliveriesPerS"_s)},
        {u"deliveriesPerSWith"_s, with.value(u"deliveriesPerS"_s)},
        {u"ratio"_s, ratio(u"deliveriesPerS"_s)},
        {u"committedRatio"_s, ratio(u"committedPerS"_s)},
        {u"perServerCpuRatio"_s, ratio(u"deliveriesPerServerCpuS"_s)},
        {u"without"_s, without},
        {u"with"_s, with},
        {u"console"_s, console},
    };
}

} // namespace seneschal::bench
