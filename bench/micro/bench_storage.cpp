// Micro-benchmark of the storage layer alone: the writes of an offline
// upload (scenario 4 of the server benchmark), made through the same Storage
// calls the sync service makes for each pass, with no sockets, sessions or
// merges around them. It tells how much of an upload's time the database
// itself needs, i.e. the floor under the server benchmark's figure.
//
// Per pass of `--batch` dispatches: loadObjects() for the oids not seen yet
// (the service's prefetch), knownDispatches() for the pass's ids, then one
// commit() of the log entries (the first pass also opens the upload). Past
// `--filter-after` dispatches the device's logged ids are read once
// (loggedIds(), as SyncService's LoggedIdFilter does) and the lookups stop;
// 0 looks up every pass, as the server did before. At uploadEnd the objects
// the upload changed are written once, in commits of `--merge-window`
// objects (the server's merge windows; 0: one commit), the last one closing
// the upload (PROTOCOL.md 9.2). With `--merge-each-pass`, each pass's commit
// writes the objects it changed instead, as the server did before uploads
// were staged. Dispatches go to the objects round robin, as the upload
// scenario writes its lists.
//
//   bench_storage [--backend sqlite|mysql] [--dispatches N] [--objects N]
//                 [--batch N] [--payload BYTES] [--reps N] [--dir DIR]
//                 [--filter-after N] [--merge-window N] [--merge-each-pass]
//                 [--host H] [--port P] [--database D] [--user U]
//                 [--password W] [--mysql-pid PID]
//
// MySQL/MariaDB: the user needs the right to drop and create `--database`
// (recreated for every repetition). `--mysql-pid` adds the database
// server's own CPU time to the report (read from /proc).

#include "engine/objectstate.h"
#include "storage/mysql/mysqldatabaseadmin.h"
#include "storage/storagefactory.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <unistd.h>
#include <unordered_map>
#include <vector>

using namespace Qt::StringLiterals;
namespace engine = seneschal::engine;
namespace storage = seneschal::storage;

namespace {

struct Options
{
    storage::DatabaseConfig database;
    QString dir; // sqlite: where the database files go (a temporary folder if empty)
    int dispatches = 100000;
    int objects = 10000;
    int batch = 400; // SyncWorker::kMaxCommandsPerSessionAlone
    int payloadBytes = 64;
    int reps = 1;
    bool mergeEachPass = false;
    int filterAfter = 1000; // SyncService::kFilterLoggedIdsAfter
    int mergeWindow = 250;  // SyncSettings::uploadMergeWindow
    qint64 mysqlPid = 0;
};

// Seconds of wall time, of this thread's CPU time, and of the database
// server's CPU time when its pid is known.
struct Clocks
{
    double wall = 0;
    double thread = 0;
    double server = 0;
};

double wallSeconds()
{
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

// utime + stime of a process, all threads; 0 when unreadable.
double processCpuSeconds(qint64 pid)
{
    if (pid <= 0)
        return 0;
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray line = stat.readAll();
    // Fields after the command name, which is in parentheses and may hold spaces.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return 0;
    return double(fields[11].toLongLong() + fields[12].toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

Clocks now(const Options &options)
{
    return {wallSeconds(), threadCpuSeconds(), processCpuSeconds(options.mysqlPid)};
}

Clocks operator-(const Clocks &a, const Clocks &b)
{
    return {a.wall - b.wall, a.thread - b.thread, a.server - b.server};
}

Clocks &operator+=(Clocks &a, const Clocks &b)
{
    a.wall += b.wall;
    a.thread += b.thread;
    a.server += b.server;
    return a;
}

struct Run
{
    Clocks prefetch;
    Clocks known;
    Clocks commit;
    Clocks total;
    int passes = 0;
    qsizetype objectRows = 0;
};

// The frame a device would have sent for dispatch `n` (kept in the log as received).
QByteArray frameFor(const QString &id, const QString &oid, qint64 ts, qint64 n,
                    const QByteArray &payload)
{
    return R"({"type":"dispatch","id":")" + id.toUtf8() + R"(","oid":")" + oid.toUtf8() +
           R"(","ts":)" + QByteArray::number(ts) + R"(,"kind":"list","props":{"sentUs":)" +
           QByteArray::number(n) + R"(,"v":")" + payload + R"("}})";
}

// What one pass of the upload asks of storage.
struct PassWrites
{
    QStringList unseen; // oids written for the first time: the prefetch
    QList<storage::DispatchRef> refs;
    storage::CommitBatch batch;
};

// One device's offline outbox: dispatches to `objects` lists round robin,
// each setting two properties, turned pass by pass into what the sync
// service would write (the merge's result, without the merge).
class UploadWorkload
{
public:
    explicit UploadWorkload(const Options &options)
        : m_mergeEachPass(options.mergeEachPass)
        , m_payload(options.payloadBytes, 'x')
        , m_payloadText(QString::fromLatin1(m_payload))
        , m_baseTs(QDateTime::currentMSecsSinceEpoch())
    {
        for (int i = 0; i < options.objects; ++i)
            m_oids.append(u"list-%1"_s.arg(i, 6, 10, QLatin1Char('0')));
    }

    // Dispatches [first, first + count).
    PassWrites pass(int first, int count)
    {
        PassWrites writes;
        QStringList changed;
        QSet<QString> changedSet;
        for (int n = first; n < first + count; ++n) {
            const QString &oid = m_oids[n % m_oids.size()];
            const QString id = m_cuid + u'.' + QString::number(n + 1);
            const qint64 ts = m_baseTs + n;
            writes.refs.append({m_cuid, id});
            writes.batch.log.append({m_cuid, id, oid, ts, ts, frameFor(id, oid, ts, n, m_payload)});
            auto [it, isNew] = m_states.try_emplace(oid);
            engine::ObjectState &state = it->second;
            if (isNew) {
                writes.unseen.append(oid);
                state.oid = oid;
                state.kind = u"list"_s;
                state.owner = u"uploader"_s;
                state.access = engine::Access::Private;
                state.created = true;
            }
            const engine::Stamp stamp{ts, m_cuid, id};
            state.props.insert(u"sentUs"_s, {QJsonValue(double(n)), stamp});
            state.props.insert(u"v"_s, {QJsonValue(m_payloadText), stamp});
            if (!changedSet.contains(oid)) {
                changedSet.insert(oid);
                changed.append(oid);
            }
        }
        if (first == 0 && !m_mergeEachPass)
            writes.batch.uploadsOpened.append({m_cuid, m_baseTs});
        if (m_mergeEachPass)
            writeObjects(changed, writes.batch);
        else
            appendNew(m_staged, m_stagedSet, changed);
        writes.batch.lastSeq = m_seq;
        return writes;
    }

    // uploadEnd: every object the upload changed, once, in windows of
    // `window` objects (all in one when 0), the last closing the upload;
    // nothing with --merge-each-pass.
    QList<PassWrites> end(int window)
    {
        QList<PassWrites> windows;
        if (m_mergeEachPass)
            return windows;
        const qsizetype step = window > 0 ? window : std::max<qsizetype>(1, m_staged.size());
        for (qsizetype from = 0; from < m_staged.size(); from += step) {
            PassWrites writes;
            writeObjects(m_staged.mid(from, step), writes.batch);
            writes.batch.lastSeq = m_seq;
            windows.append(std::move(writes));
        }
        if (windows.isEmpty())
            windows.append(PassWrites{});
        windows.last().batch.uploadsMerged.append(m_cuid);
        windows.last().batch.lastSeq = m_seq;
        return windows;
    }

    QString cuid() const { return m_cuid; }

private:
    static void appendNew(QStringList &list, QSet<QString> &set, const QStringList &more)
    {
        for (const QString &oid : more) {
            if (!set.contains(oid)) {
                set.insert(oid);
                list.append(oid);
            }
        }
    }
    // One new seq per changed object, as SyncService::commit gives them.
    void writeObjects(const QStringList &oids, storage::CommitBatch &batch)
    {
        for (const QString &oid : oids) {
            engine::ObjectState &state = m_states.find(oid)->second;
            state.seq = ++m_seq;
            batch.objects.append(state);
        }
    }

    const bool m_mergeEachPass;
    const QString m_cuid = u"uploader-phone"_s;
    const QByteArray m_payload;
    const QString m_payloadText;
    const qint64 m_baseTs;
    QStringList m_oids;
    std::unordered_map<QString, engine::ObjectState> m_states;
    QStringList m_staged; // changed and not written yet, in first-change order
    QSet<QString> m_stagedSet;
    qint64 m_seq = 0;
};

std::optional<Run> runOnce(const Options &options, storage::Storage &store, QString *error)
{
    if (auto opened = store.open(); !opened) {
        *error = opened.error().message;
        return std::nullopt;
    }
    UploadWorkload workload(options);
    // Runs one storage call, adding its time to `spent`; false when it failed.
    auto timed = [&](Clocks &spent, auto &&call) {
        const Clocks before = now(options);
        auto result = call();
        spent += now(options) - before;
        if (!result)
            *error = result.error().message;
        return result.ok();
    };

    Run run;
    const Clocks start = now(options);
    bool filtered = false; // the logged ids are in memory: no more lookups
    for (int first = 0; first < options.dispatches; first += options.batch) {
        const PassWrites writes =
            workload.pass(first, std::min(options.batch, options.dispatches - first));
        run.objectRows += writes.batch.objects.size();
        if (!writes.unseen.isEmpty() &&
            !timed(run.prefetch, [&] { return store.loadObjects(writes.unseen); }))
            return std::nullopt;
        if (!filtered && options.filterAfter > 0 && first >= options.filterAfter) {
            // A limit above the upload's size: the load always succeeds here.
            if (!timed(run.known,
                       [&] { return store.loggedIds(workload.cuid(), options.dispatches + 1); }))
                return std::nullopt;
            filtered = true;
        }
        if (!filtered && !timed(run.known, [&] { return store.knownDispatches(writes.refs); }))
            return std::nullopt;
        if (!timed(run.commit, [&] { return store.commit(writes.batch); }))
            return std::nullopt;
        ++run.passes;
    }
    for (const PassWrites &window : workload.end(options.mergeWindow)) {
        run.objectRows += window.batch.objects.size();
        if (!window.batch.isEmpty() &&
            !timed(run.commit, [&] { return store.commit(window.batch); }))
            return std::nullopt;
    }
    run.total = now(options) - start;
    store.close();
    return run;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

bool parseOptions(const QStringList &arguments, Options *options, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Commits the writes of an offline upload through the server's storage layer alone "
        "and prints the time taken, in JSON and in words."_s);
    parser.addHelpOption();
    const QCommandLineOption backend(u"backend"_s, u"sqlite or mysql."_s, u"name"_s, u"sqlite"_s);
    const QCommandLineOption dispatches(u"dispatches"_s, u"Dispatches written."_s, u"n"_s,
                                        u"100000"_s);
    const QCommandLineOption objects(u"objects"_s, u"Objects they go to, round robin."_s, u"n"_s,
                                     u"10000"_s);
    const QCommandLineOption batch(u"batch"_s, u"Dispatches per pass (one commit each)."_s, u"n"_s,
                                   u"400"_s);
    const QCommandLineOption payload(u"payload"_s, u"Bytes of payload per dispatch."_s, u"n"_s,
                                     u"64"_s);
    const QCommandLineOption reps(u"reps"_s, u"Repetitions (median reported)."_s, u"n"_s, u"1"_s);
    const QCommandLineOption mergeEachPass(
        u"merge-each-pass"_s,
        u"Write the objects each pass changed in that pass, not once at uploadEnd."_s);
    const QCommandLineOption filterAfter(
        u"filter-after"_s,
        u"Look the pass's ids up in the log until this many dispatches, then read the "
        "device's logged ids once (0: look up every pass)."_s,
        u"n"_s, u"1000"_s);
    const QCommandLineOption mergeWindow(
        u"merge-window"_s, u"Objects per commit at uploadEnd (0: all in one)."_s, u"n"_s, u"250"_s);
    const QCommandLineOption dir(u"dir"_s, u"sqlite: folder for the database file."_s, u"dir"_s);
    const QCommandLineOption host(u"host"_s, u"mysql: host."_s, u"host"_s, u"127.0.0.1"_s);
    const QCommandLineOption port(u"port"_s, u"mysql: port."_s, u"port"_s, u"13406"_s);
    const QCommandLineOption database(u"database"_s, u"mysql: database (recreated)."_s, u"name"_s,
                                      u"seneschal_bench_storage"_s);
    const QCommandLineOption user(u"user"_s, u"mysql: user."_s, u"name"_s, u"seneschal"_s);
    const QCommandLineOption password(u"password"_s, u"mysql: password."_s, u"text"_s,
                                      u"seneschal-test"_s);
    const QCommandLineOption pid(u"mysql-pid"_s, u"mysql: the server's pid, for its CPU time."_s,
                                 u"pid"_s);
    parser.addOptions({backend, dispatches, objects, batch, payload, reps, mergeEachPass,
                       filterAfter, mergeWindow, dir, host, port, database, user, password, pid});
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return false;
    }
    if (parser.isSet(u"help"_s)) {
        *error = parser.helpText();
        return false;
    }
    options->database.backend = parser.value(backend);
    options->database.host = parser.value(host);
    options->database.port = parser.value(port).toInt();
    options->database.name = parser.value(database);
    options->database.user = parser.value(user);
    options->database.password = parser.value(password);
    // As the server's sync connection runs it (server/app/server.cpp).
    options->database.backgroundCheckpoints = true;
    options->dir = parser.value(dir);
    options->dispatches = std::max(1, parser.value(dispatches).toInt());
    options->objects = std::max(1, parser.value(objects).toInt());
    options->batch = std::max(1, parser.value(batch).toInt());
    options->payloadBytes = std::max(0, parser.value(payload).toInt());
    options->reps = std::max(1, parser.value(reps).toInt());
    options->mergeEachPass = parser.isSet(mergeEachPass);
    options->filterAfter = std::max(0, parser.value(filterAfter).toInt());
    options->mergeWindow = std::max(0, parser.value(mergeWindow).toInt());
    if (options->database.backend != u"sqlite"_s && options->database.backend != u"mysql"_s) {
        *error = u"--backend must be sqlite or mysql"_s;
        return false;
    }
    if (options->database.backend == u"mysql"_s)
        options->mysqlPid = parser.value(pid).toLongLong();
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    Options options;
    QString error;
    if (!parseOptions(app.arguments(), &options, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return error.startsWith(u"Usage"_s) ? 0 : 2;
    }
    const bool mysql = options.database.backend == u"mysql"_s;
    QTemporaryDir scratch;
    const QString dir = options.dir.isEmpty() ? scratch.path() : options.dir;

    std::vector<Run> runs;
    for (int rep = 0; rep < options.reps; ++rep) {
        if (mysql) {
            // Every repetition starts on an empty database.
            if (auto created = storage::recreateMysqlDatabase(options.database); !created) {
                std::fprintf(stderr, "bench_storage: %s\n", qPrintable(created.error().message));
                return 1;
            }
        } else {
            options.database.path = QDir(dir).filePath(u"bench-storage-%1.db"_s.arg(rep));
            for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s})
                QFile::remove(options.database.path + suffix);
        }
        auto store = storage::createStorage(options.database, u"bench-storage-%1"_s.arg(rep));
        const auto run = runOnce(options, *store, &error);
        if (!run) {
            std::fprintf(stderr, "bench_storage: %s\n", qPrintable(error));
            return 1;
        }
        runs.push_back(*run);
    }

    auto medianOf = [&](auto field) {
        std::vector<double> values;
        for (const Run &run : runs)
            values.push_back(field(run));
        return median(values);
    };
    const double total = medianOf([](const Run &r) { return r.total.wall; });
    const double prefetch = medianOf([](const Run &r) { return r.prefetch.wall; });
    const double known = medianOf([](const Run &r) { return r.known.wall; });
    const double commit = medianOf([](const Run &r) { return r.commit.wall; });
    const double ownCpu = medianOf([](const Run &r) { return r.total.thread; });
    const double serverCpu = medianOf([](const Run &r) { return r.total.server; });
    const Run &first = runs.front();
    std::printf(
        "{\"benchmark\":\"storage_upload\",\"backend\":\"%s\",\"reps\":%d,"
        "\"objects_written\":\"%s\",\"dispatches\":%d,\"objects\":%d,\"batch\":%d,\"passes\":%d,"
        "\"filter_after\":%d,\"merge_window\":%d,\"object_rows\":%lld,\"wall_ms\":%.1f,\"prefetch_"
        "ms\":%.1f,\"known_ms\":%.1f,"
        "\"commit_ms\":%.1f,\"client_cpu_ms\":%.1f,\"server_cpu_ms\":%.1f,"
        "\"dispatches_per_sec\":%.0f}\n",
        qPrintable(options.database.backend), options.reps,
        options.mergeEachPass ? "each pass" : "at uploadEnd", options.dispatches, options.objects,
        options.batch, first.passes, options.filterAfter, options.mergeWindow,
        static_cast<long long>(first.objectRows), total * 1e3, prefetch * 1e3, known * 1e3,
        commit * 1e3, ownCpu * 1e3, serverCpu * 1e3, double(options.dispatches) / total);
    std::printf("\n%s: %d dispatches to %d objects in %d passes of %d (%lld object rows, written "
                "%s), median of %d:\n  %.0f ms in all (%.0f dispatches/s): prefetch %.0f ms, known "
                "ids %.0f ms (looked up %s), commit %.0f ms\n  CPU: this thread %.0f ms",
                qPrintable(options.database.backend), options.dispatches, options.objects,
                first.passes, options.batch, static_cast<long long>(first.objectRows),
                options.mergeEachPass ? "each pass" : "at uploadEnd", options.reps, total * 1e3,
                double(options.dispatches) / total, prefetch * 1e3, known * 1e3,
                qPrintable(options.filterAfter > 0
                               ? u"for the first %1, then loaded once"_s.arg(options.filterAfter)
                               : u"every pass"_s),
                commit * 1e3, ownCpu * 1e3);
    if (options.mysqlPid > 0)
        std::printf(", database server %.0f ms", serverCpu * 1e3);
    std::printf("\n");
    return 0;
}
