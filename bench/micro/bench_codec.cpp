// Micro-benchmark of the protocol codec: parse+validate throughput of
// realistic client dispatches and encodeDispatch throughput (the broadcast
// hot path). A plain timed loop on one thread, timed by that thread's CPU
// clock; one JSON line per result. Rates are per second of CPU time.
//
// usage: bench_codec [seconds per benchmark, default 2] [only benchmarks whose
//        name contains this]

#include "protocol/codec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <random>
#include <string>
#include <variant>

using namespace seneschal;
using namespace seneschal::protocol;

namespace {

using Clock = std::chrono::steady_clock;

// CPU time of this thread: the machine running the benchmark may be shared,
// and the figure wanted is what one core does.
double threadCpuSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

// Deterministic input: the same messages on every run.
constexpr unsigned kSeed = 20251125;
constexpr int kMessages = 2000;

const char *const kWords[] = {"milk",   "bread", "aisle",   "food", "court", "store", "eggs",
                              "apples", "olive", "coffee",  "rice", "list",  "today", "later",
                              "urgent", "check", "Ünïcode", "café", "größe", "naïve"};

QString words(std::mt19937 &random, int count)
{
    QString text;
    for (int i = 0; i < count; ++i) {
        if (i)
            text += u' ';
        text += QString::fromUtf8(kWords[random() % std::size(kWords)]);
    }
    return text;
}

// A dispatch like the app sends: 3-10 properties of mixed types.
ClientDispatch makeDispatch(std::mt19937 &random, int n)
{
    ClientDispatch dispatch;
    dispatch.id = QStringLiteral("d-%1-%2").arg(random() % 100000).arg(n);
    dispatch.oid = QStringLiteral("item-%1").arg(random(), 8, 16, QLatin1Char('0'));
    dispatch.ts = 1764054000000 + n * 1000 + static_cast<qint64>(random() % 1000);
    if (n % 10 == 0) {
        dispatch.kind = QStringLiteral("item");
        dispatch.parent = QStringLiteral("list-%1").arg(random() % 50);
        dispatch.access = engine::Access::Inherit;
    }
    const int count = 3 + static_cast<int>(random() % 8);
    for (int p = 0; p < count; ++p) {
        const QString name = QStringLiteral("p%1_%2").arg(p).arg(
            QString::fromUtf8(kWords[random() % std::size(kWords)]));
        switch (random() % 6) {
        case 0:
            dispatch.props.insert(name, QString::number(random() % 20));
            break;
        case 1:
        case 2:
            dispatch.props.insert(name, words(random, 2 + static_cast<int>(random() % 5)));
            break;
        case 3:
            dispatch.props.insert(name, static_cast<qint64>(random() % 100000));
            break;
        case 4:
            dispatch.props.insert(name, (random() % 2) == 0);
            break;
        default:
            dispatch.props.insert(name, QJsonArray{words(random, 1), words(random, 1),
                                                   static_cast<double>(random() % 1000) / 8});
            break;
        }
    }
    return dispatch;
}

engine::ObjectState stateOf(const ClientDispatch &dispatch, qint64 seq)
{
    engine::ObjectState state;
    state.oid = dispatch.oid;
    state.kind = dispatch.kind;
    state.parent = dispatch.parent;
    state.seq = seq;
    state.created = true;
    for (auto it = dispatch.props.constBegin(); it != dispatch.props.constEnd(); ++it)
        state.props.insert(
            it.key(),
            engine::Property{it.value(),
                             engine::Stamp{dispatch.ts, QStringLiteral("dev-7f3a"), dispatch.id}});
    return state;
}

struct Measurement
{
    qint64 messages = 0;
    qint64 bytes = 0;
    double seconds = 0; // CPU time of this thread
    double wallSeconds = 0;
};

// Runs `round` (one pass over all inputs, returning the bytes it handled)
// until `seconds` have passed.
template<typename Round> Measurement measure(double seconds, Round round)
{
    round(); // warm caches and allocator
    Measurement m;
    const auto start = Clock::now();
    const double cpuStart = threadCpuSeconds();
    do {
        m.bytes += round();
        m.messages += kMessages;
        m.seconds = threadCpuSeconds() - cpuStart;
    } while (m.seconds < seconds);
    m.wallSeconds = std::chrono::duration<double>(Clock::now() - start).count();
    return m;
}

const char *g_filter = "";

bool selected(const char *name)
{
    return std::strstr(name, g_filter) != nullptr;
}

void report(const char *name, const Measurement &m, const char *bytesAre)
{
    std::printf("{\"benchmark\":\"%s\",\"messages\":%lld,\"bytes\":%lld,\"cpu_seconds\":%.3f,"
                "\"wall_seconds\":%.3f,\"avg_bytes\":%.1f,\"mb_per_s\":%.1f,\"msgs_per_s\":%.0f,"
                "\"bytes_are\":\"%s\"}\n",
                name, static_cast<long long>(m.messages), static_cast<long long>(m.bytes),
                m.seconds, m.wallSeconds,
                static_cast<double>(m.bytes) / static_cast<double>(m.messages),
                static_cast<double>(m.bytes) / m.seconds / 1e6,
                static_cast<double>(m.messages) / m.seconds, bytesAre);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    const double seconds = argc > 1 ? std::atof(argv[1]) : 2.0;
    if (argc > 2)
        g_filter = argv[2];

    std::mt19937 random(kSeed);
    QList<QByteArray> frames;
    QList<engine::ObjectState> states;
    for (int n = 0; n < kMessages; ++n) {
        const ClientDispatch dispatch = makeDispatch(random, n);
        frames.append(encodeClientDispatch(dispatch));
        states.append(stateOf(dispatch, 4700 + n));
    }

    // Every generated dispatch must parse, or the figures would measure errors.
    const Limits limits;
    for (const QByteArray &frame : frames) {
        if (!std::holds_alternative<ClientMessage>(parseClientMessage(frame, limits))) {
            std::fprintf(stderr, "bench_codec: a generated dispatch did not parse: %s\n",
                         frame.constData());
            return 1;
        }
    }

    // Results feed this sum so that no loop can be optimised away.
    qint64 sink = 0;

    if (selected("parse_dispatch")) {
        report("parse_dispatch",
               measure(seconds,
                       [&] {
                           qint64 bytes = 0;
                           for (const QByteArray &frame : frames) {
                               sink +=
                                   static_cast<qint64>(parseClientMessage(frame, limits).index());
                               bytes += frame.size();
                           }
                           return bytes;
                       }),
               "input");
    }

    // What parsing costs without validation: QJsonDocument alone.
    if (selected("qjsondocument_fromjson_only")) {
        report("qjsondocument_fromjson_only",
               measure(seconds,
                       [&] {
                           qint64 bytes = 0;
                           for (const QByteArray &frame : frames) {
                               sink += QJsonDocument::fromJson(frame).isObject() ? 1 : 0;
                               bytes += frame.size();
                           }
                           return bytes;
                       }),
               "input");
    }

    if (selected("encode_dispatch")) {
        report("encode_dispatch",
               measure(seconds,
                       [&] {
                           qint64 bytes = 0;
                           for (const engine::ObjectState &state : states)
                               bytes += encodeDispatch(state).size();
                           return bytes;
                       }),
               "output");
    }

    // The same message built as a QJsonObject and written by QJsonDocument,
    // for comparison with the direct writer.
    if (selected("qjsondocument_encode_for_comparison")) {
        report(
            "qjsondocument_encode_for_comparison",
            measure(seconds,
                    [&] {
                        qint64 bytes = 0;
                        for (const engine::ObjectState &state : states) {
                            QJsonObject props;
                            QJsonObject stamps;
                            for (auto it = state.props.cbegin(); it != state.props.cend(); ++it) {
                                props.insert(it.key(), it->value);
                                stamps.insert(it.key(), QJsonArray{it->stamp.ts, it->stamp.cuid});
                            }
                            const QJsonObject message{
                                {QStringLiteral("type"), QStringLiteral("dispatch")},
                                {QStringLiteral("seq"), state.seq},
                                {QStringLiteral("oid"), state.oid},
                                {QStringLiteral("kind"), state.kind},
                                {QStringLiteral("parent"), QJsonValue()},
                                {QStringLiteral("deleted"), false},
                                {QStringLiteral("props"), props},
                                {QStringLiteral("stamps"), stamps}};
                            bytes += QJsonDocument(message).toJson(QJsonDocument::Compact).size();
                        }
                        return bytes;
                    }),
            "output");
    }
    return sink >= 0 ? 0 : 1;
}
