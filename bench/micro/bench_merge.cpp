// Micro-benchmark of the sync engine on one core: property merges per second
// into existing objects (a mixture of wins and losses), into new objects, and
// reduce() throughput. Plain std::chrono timing, the median of several
// repetitions; prints one JSON line per benchmark, then a human summary.
//
//   bench_merge [--reps N] [--objects N] [--seed N]

#include "engine/merge.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QStringList>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>
#include <random>
#include <vector>

using namespace Qt::StringLiterals;
using seneschal::engine::Dispatch;
using seneschal::engine::MergeOutcome;
using seneschal::engine::ObjectState;

namespace {

struct Options
{
    int reps = 15;
    int objects = 2000;
    int dispatchesPerObject = 10;
    quint64 seed = 20251125;
};

struct Workload
{
    QList<ObjectState> initial;  // objects of 5-20 properties
    QList<Dispatch> creations;   // the dispatches that created them
    QList<Dispatch> updates;     // later writes to them, in random order
    qsizetype creationProps = 0; // property merges in `creations`
    qsizetype updateProps = 0;   // property merges in `updates`
};

class Generator
{
public:
    explicit Generator(quint64 seed)
        : m_engine(seed)
    {}

    int between(int lowest, int highest)
    {
        return lowest + int(m_engine() % quint64(highest - lowest + 1));
    }

    QString text(int minLength, int maxLength)
    {
        static const char alphabet[] =
            "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        QString s;
        const int length = between(minLength, maxLength);
        s.reserve(length);
        for (int i = 0; i < length; ++i)
            s += QLatin1Char(alphabet[m_engine() % (sizeof(alphabet) - 1)]);
        return s;
    }

    template<typename T> void shuffle(QList<T> &items)
    {
        for (qsizetype i = items.size() - 1; i > 0; --i)
            items.swapItemsAt(i, qsizetype(m_engine() % quint64(i + 1)));
    }

private:
    std::mt19937_64 m_engine;
};

const QStringList kPropertyNames = {u"title"_s,    u"qty"_s,     u"location"_s,  u"note"_s,
                                    u"price"_s,    u"done"_s,    u"color"_s,     u"category"_s,
                                    u"unit"_s,     u"brand"_s,   u"barcode"_s,   u"position"_s,
                                    u"assignee"_s, u"due"_s,     u"priority"_s,  u"store"_s,
                                    u"aisle"_s,    u"comment"_s, u"createdBy"_s, u"image"_s};

const QStringList kCuids = {u"dev-7f3a"_s, u"dev-01bc"_s, u"dev-9e22"_s, u"dev-4d10"_s,
                            u"dev-c0de"_s, u"dev-77aa"_s, u"dev-beef"_s, u"dev-0042"_s};

Workload makeWorkload(const Options &options)
{
    Generator random(options.seed);
    Workload w;
    const qint64 base = 1764054000000; // 2025-11-25 07:00 UTC
    int idCounter = 0;
    auto stamp = [&](Dispatch &d, qint64 ts) {
        d.cuid = kCuids.at(random.between(0, int(kCuids.size()) - 1));
        d.id = u"d-"_s + QString::number(++idCounter);
        d.ts = ts;
    };
    QList<QStringList> namesOf;
    for (int o = 0; o < options.objects; ++o) {
        QStringList names = kPropertyNames;
        random.shuffle(names);
        names.resize(random.between(5, 20));
        namesOf.append(names);

        Dispatch create;
        create.oid = u"item-"_s + QString::number(o);
        create.author = u"alice"_s;
        create.kind = u"item"_s;
        stamp(create, base + random.between(0, 60 * 1000));
        for (const QString &name : std::as_const(names))
            create.props.insert(name, random.text(4, 32));
        w.creations.append(create);
        w.creationProps += create.props.size();

        ObjectState state;
        seneschal::engine::merge(state, create);
        w.initial.append(state);
    }
    // Updates arrive roughly in time order, 10 ms apart, each stamped up to two
    // minutes late (offline devices, skewed clocks): about half of the property
    // merges win and half lose.
    const int updates = options.objects * options.dispatchesPerObject;
    for (int u = 0; u < updates; ++u) {
        const int o = random.between(0, options.objects - 1);
        const QStringList &names = namesOf.at(o);
        Dispatch update;
        update.oid = u"item-"_s + QString::number(o);
        update.author = u"bob"_s;
        stamp(update, base + 60 * 1000 + qint64(u) * 10 - random.between(0, 120 * 1000));
        // Typical edits touch a few properties; uploads of a whole object all.
        const int count = random.between(0, 1) ? random.between(1, 3) : int(names.size());
        QStringList touched = names;
        random.shuffle(touched);
        for (qsizetype i = 0; i < count; ++i)
            update.props.insert(touched.at(i), random.text(4, 32));
        w.updates.append(update);
        w.updateProps += update.props.size();
    }
    return w;
}

struct Timing
{
    double cpuMedian = 0;  // seconds of this thread's CPU time
    double wallMedian = 0; // seconds of wall-clock time
    double cpuMin = 0;
};

struct Result
{
    QString name;
    Timing timing;
    qsizetype dispatches = 0;
    qsizetype propertyMerges = 0;
};

double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// Runs `prepare` (untimed) then `body` (timed) `reps` times. Both this
// thread's CPU time and wall-clock time are taken; on a shared machine the CPU
// time is the one-core figure, as it leaves out time other processes took.
Timing measure(int reps, const std::function<void()> &prepare, const std::function<void()> &body)
{
    std::vector<double> cpu;
    std::vector<double> wall;
    for (int r = 0; r < reps; ++r) {
        prepare();
        const auto start = std::chrono::steady_clock::now();
        const double cpuStart = threadCpuSeconds();
        body();
        const double cpuEnd = threadCpuSeconds();
        const auto end = std::chrono::steady_clock::now();
        cpu.push_back(cpuEnd - cpuStart);
        wall.push_back(std::chrono::duration<double>(end - start).count());
    }
    return {median(cpu), median(wall), *std::min_element(cpu.begin(), cpu.end())};
}

volatile qsizetype g_sink = 0; // keeps the optimizer from dropping the work

void printJson(const Result &r, const Options &options, const QString &extra)
{
    const Timing &t = r.timing;
    std::printf("{\"benchmark\":\"%s\",\"reps\":%d,\"dispatches\":%lld,\"property_merges\":%lld,"
                "\"cpu_median_ms\":%.3f,\"cpu_min_ms\":%.3f,\"wall_median_ms\":%.3f,"
                "\"property_merges_per_sec\":%.0f,\"dispatches_per_sec\":%.0f,"
                "\"ns_per_property_merge\":%.1f,\"wall_property_merges_per_sec\":%.0f%s}\n",
                qPrintable(r.name), options.reps, static_cast<long long>(r.dispatches),
                static_cast<long long>(r.propertyMerges), t.cpuMedian * 1e3, t.cpuMin * 1e3,
                t.wallMedian * 1e3, double(r.propertyMerges) / t.cpuMedian,
                double(r.dispatches) / t.cpuMedian, t.cpuMedian * 1e9 / double(r.propertyMerges),
                double(r.propertyMerges) / t.wallMedian, qPrintable(extra));
}

Options parseOptions(const QStringList &args)
{
    Options options;
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        const QString &key = args.at(i);
        const qint64 value = args.at(i + 1).toLongLong();
        if (key == u"--reps"_s)
            options.reps = int(qMax<qint64>(1, value));
        else if (key == u"--objects"_s)
            options.objects = int(qMax<qint64>(1, value));
        else if (key == u"--seed"_s)
            options.seed = quint64(value);
    }
    return options;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const Options options = parseOptions(app.arguments());
    const Workload w = makeWorkload(options);

    // How many of the update merges win: a sanity check of the mixture.
    qsizetype wins = 0;
    qsizetype losses = 0;
    {
        QList<ObjectState> states = w.initial;
        for (const Dispatch &d : w.updates) {
            const MergeOutcome outcome = seneschal::engine::merge(states[d.oid.mid(5).toInt()], d);
            wins += outcome.changed.size();
            losses += outcome.lost.size();
        }
    }
    const double winRatio = double(wins) / double(wins + losses);

    QList<Result> results;

    // 1. Updates into existing objects. Each repetition starts from deep copies
    //    of the initial states, made outside the timed part.
    {
        QList<ObjectState> states;
        QList<qsizetype> target; // index of each update's object
        for (const Dispatch &d : w.updates)
            target.append(d.oid.mid(5).toInt());
        const Timing timing = measure(
            options.reps,
            [&] {
                states = w.initial;
                for (ObjectState &s : states) // non-const access detaches the list
                    s.props.detach();
            },
            [&] {
                qsizetype n = 0;
                for (qsizetype i = 0; i < w.updates.size(); ++i)
                    n += seneschal::engine::merge(states[target.at(i)], w.updates.at(i))
                             .changed.size();
                g_sink = g_sink + n;
            });
        results.append({u"merge_updates"_s, timing, w.updates.size(), w.updateProps});
        printJson(results.last(), options, u",\"win_ratio\":%1"_s.arg(winRatio, 0, 'f', 3));
    }

    // 2. Creations: every property is new.
    {
        QList<ObjectState> states;
        const Timing timing = measure(
            options.reps, [&] { states = QList<ObjectState>(w.creations.size()); },
            [&] {
                qsizetype n = 0;
                for (qsizetype i = 0; i < w.creations.size(); ++i)
                    n += seneschal::engine::merge(states[i], w.creations.at(i)).changed.size();
                g_sink = g_sink + n;
            });
        results.append({u"merge_creations"_s, timing, w.creations.size(), w.creationProps});
        printJson(results.last(), options, {});
    }

    // 3. reduce(): creations and updates together, as one upload, shuffled.
    {
        QList<Dispatch> upload = w.creations + w.updates;
        Generator(options.seed + 1).shuffle(upload);
        QList<ObjectState> reduced;
        const Timing timing = measure(
            options.reps, [&] { reduced.clear(); },
            [&] {
                reduced = seneschal::engine::reduce(upload);
                g_sink = g_sink + reduced.size();
            });
        results.append({u"reduce"_s, timing, upload.size(), w.creationProps + w.updateProps});
        printJson(results.last(), options, u",\"oids\":%1"_s.arg(reduced.size()));
    }

    std::printf("\n%d objects of 5-20 properties, %lld updates (%.1f properties each, %.0f%% "
                "of property merges win), median of %d repetitions, one thread, CPU time:\n",
                options.objects, static_cast<long long>(w.updates.size()),
                double(w.updateProps) / double(w.updates.size()), winRatio * 100, options.reps);
    for (const Result &r : std::as_const(results)) {
        const Timing &t = r.timing;
        std::printf("  %-16s %6.2f M property merges/s  %6.0f k dispatches/s  %6.1f ns/property"
                    "  (wall clock: %.2f M/s)\n",
                    qPrintable(r.name), double(r.propertyMerges) / t.cpuMedian / 1e6,
                    double(r.dispatches) / t.cpuMedian / 1e3,
                    t.cpuMedian * 1e9 / double(r.propertyMerges),
                    double(r.propertyMerges) / t.wallMedian / 1e6);
    }
    return 0;
}
