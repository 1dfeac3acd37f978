#include "adminconsole.h"

#include "benchclock.h"
#include "deliveryclock.h"
#include "protocol/admincodec.h"
#include "protocol/codec.h"

#include <QJsonArray>
#include <algorithm>

namespace seneschal::bench {

using namespace Qt::StringLiterals;
namespace wire = protocol::admin;

namespace {

QString topicName(int topic)
{
    return wire::topicName(static_cast<wire::Topic>(topic));
}

// Percentiles of signed lags in milliseconds: a console may see a seq a
// moment before the first device does (both leave the server in the same
// turn), so negative values are kept as they are.
QJsonObject lagSummary(std::vector<qint64> lagsUs, qint64 unresolved)
{
    QJsonObject summary{{u"count"_s, qint64(lagsUs.size())}, {u"unresolved"_s, unresolved}};
    if (lagsUs.empty())
        return summary;
    std::sort(lagsUs.begin(), lagsUs.end());
    const auto n = qsizetype(lagsUs.size());
    auto at = [&](double q) {
        return double(lagsUs[size_t(std::min(n - 1, qsizetype(q * double(n))))]) / 1000.0;
    };
    double sum = 0;
    for (qint64 us : lagsUs)
        sum += double(us);
    summary.insert(u"negative"_s, qint64(std::count_if(lagsUs.cbegin(), lagsUs.cend(),
                                                       [](qint64 us) { return us < 0; })));
    summary.insert(u"minMs"_s, double(lagsUs.front()) / 1000.0);
    summary.insert(u"p50Ms"_s, at(0.50));
    summary.insert(u"p90Ms"_s, at(0.90));
    summary.insert(u"p99Ms"_s, at(0.99));
    summary.insert(u"maxMs"_s, double(lagsUs.back()) / 1000.0);
    summary.insert(u"meanMs"_s, sum / double(n) / 1000.0);
    return summary;
}

} // namespace

AdminConsole::AdminConsole(QString cuid, QString user, QString password, QObject *parent)
    : QObject(parent)
    , m_cuid(std::move(cuid))
    , m_user(std::move(user))
    , m_password(std::move(password))
{}

AdminConsole::~AdminConsole()
{
    if (m_connection)
        m_connection->abort();
}

void AdminConsole::connectTo(quint16 port)
{
    m_closed = false;
    m_connection = new WsConnection(*this, this);
    m_connection->open(port, QByteArrayLiteral("/v1/admin"));
}

void AdminConsole::disconnectFromServer()
{
    if (m_connection)
        m_connection->close(1000);
}

void AdminConsole::onOpened()
{
    protocol::Hello hello;
    hello.cuid = m_cuid;
    hello.method = protocol::AuthMethod::Password;
    hello.username = m_user;
    hello.password = m_password;
    m_connection->sendText(protocol::encodeHello(hello));
}

void AdminConsole::subscribe(const QList<wire::Topic> &topics)
{
    wire::Subscribe body{topics};
    m_connection->sendText(
        wire::encodeRequest(wire::Request{QString::number(++m_nextReq), std::move(body)}));
}

void AdminConsole::resetCounters()
{
    m_windowOpen = true;
    m_recording = true;
    m_events.fill(0);
    m_resyncs.fill(0);
    m_snapshots = m_frames = m_bytes = m_errors = m_unreadable = m_parseUs = 0;
    m_stats.clear();
    m_rates.clear();
    m_deviceRows.clear();
}

void AdminConsole::onText(QByteArrayView frame)
{
    const qint64 arrivedUs = nowUs();
    if (m_windowOpen) {
        ++m_frames;
        m_bytes += frame.size();
    }
    auto parsed = wire::parseAdminServerMessage(frame);
    if (auto *why = std::get_if<QString>(&parsed)) {
        ++m_unreadable;
        m_lastError = *why;
        return;
    }
    auto &message = std::get<wire::AdminServerMessage>(parsed);
    if (auto *event = std::get_if<wire::Event>(&message)) {
        noteEvent(*event, arrivedUs);
    } else if (auto *snapshot = std::get_if<wire::Snapshot>(&message)) {
        ++m_snapshots;
        if (m_snapshotsPending > 0)
            m_snapshotBytes += frame.size(); // the first subscribe's
        m_snapshotRows[size_t(snapshot->topic)] = snapshot->rows.size();
        if (m_snapshotsPending > 0 && --m_snapshotsPending == 0)
            m_snapshotsDoneUs = arrivedUs;
    } else if (auto *resync = std::get_if<wire::Resync>(&message)) {
        // Its pending events of those topics were dropped: read them again.
        for (wire::Topic topic : std::as_const(resync->topics))
            m_resyncs[size_t(topic)] += m_recording ? 1 : 0;
        if (!resync->topics.isEmpty())
            subscribe(resync->topics);
    } else if (std::holds_alternative<protocol::Welcome>(message)) {
        m_subscribedUs = nowUs();
        m_snapshotsPending = kTopics;
        subscribe(QList<wire::Topic>(std::begin(wire::kAllTopics), std::end(wire::kAllTopics)));
    } else if (auto *error = std::get_if<wire::AdminError>(&message)) {
        ++m_errors;
        m_lastError = error->message;
    }
    if (m_windowOpen)
        m_parseUs += nowUs() - arrivedUs;
}

void AdminConsole::noteEvent(const protocol::admin::Event &event, qint64 arrivedUs)
{
    if (event.topic == wire::Topic::Stats)
        m_highestShown = std::max(m_highestShown, event.row.value(u"highestSeq"_s).toInteger());
    if (m_windowOpen)
        ++m_events[size_t(event.topic)];
    if (!m_recording)
        return;
    if (event.topic == wire::Topic::Stats) {
        m_stats.push_back(Seen{event.row.value(u"highestSeq"_s).toInteger(), arrivedUs});
        if (m_windowOpen) {
            m_rates.push_back(Rates{event.row.value(u"dispatchesPerSec"_s).toDouble(),
                                    event.row.value(u"deliveriesPerSec"_s).toDouble()});
        }
    } else if (event.topic == wire::Topic::Devices && event.op == wire::EventOp::Upsert) {
        // The row's lag is the server's highest seq minus the cursor, both
        // as the row was built.
        const qint64 highest =
            event.row.value(u"cursor"_s).toInteger() + event.row.value(u"lag"_s).toInteger();
        m_deviceRows.push_back(Seen{highest, arrivedUs});
    }
}

void AdminConsole::onClosed(int closeCode)
{
    m_closed = true;
    m_closeCode = closeCode;
}

QJsonObject AdminConsole::summary(const DeliveryClock &clock, qint64 fromUs, qint64 toUs) const
{
    const double seconds = double(toUs - fromUs) / 1e6;
    // `stats` repeats a seq while nothing new is committed; a repeat is not
    // a later view of it, so only its first arrival counts there.
    auto lags = [&](const std::vector<Seen> &seen, bool firstOfEachSeq) {
        std::vector<qint64> lagsUs;
        lagsUs.reserve(seen.size());
        qint64 unresolved = 0;
        qint64 previous = 0;
        for (const Seen &s : seen) {
            if (s.highestSeq <= 0 || (firstOfEachSeq && s.highestSeq == previous))
                continue; // nothing committed yet, or nothing new
            previous = s.highestSeq;
            const auto first = clock.firstAtOrAfter(s.highestSeq);
            if (!first)
                ++unresolved;
            else if (*first >= fromUs && *first < toUs)
                lagsUs.push_back(s.us - *first);
        }
        return lagSummary(std::move(lagsUs), unresolved);
    };
    QJsonObject events;
    QJsonObject eventsPerS;
    QJsonObject resyncs;
    QJsonObject snapshotRows;
    qint64 eventsTotal = 0;
    qint64 resyncsTotal = 0;
    for (int topic = 0; topic < kTopics; ++topic) {
        events.insert(topicName(topic), m_events[size_t(topic)]);
        eventsPerS.insert(topicName(topic), double(m_events[size_t(topic)]) / seconds);
        resyncs.insert(topicName(topic), m_resyncs[size_t(topic)]);
        snapshotRows.insert(topicName(topic), m_snapshotRows[size_t(topic)]);
        eventsTotal += m_events[size_t(topic)];
        resyncsTotal += m_resyncs[size_t(topic)];
    }
    // The mean of the server's per-second rates over the window, to set
    // beside what the devices counted.
    double dispatches = 0;
    double deliveries = 0;
    for (const Rates &r : m_rates) {
        dispatches += r.dispatchesPerSec;
        deliveries += r.deliveriesPerSec;
    }
    const double shown = std::max<double>(1, double(m_rates.size()));
    return QJsonObject{
        {u"watching"_s, isWatching() && !m_closed},
        {u"serverDispatchesPerSec"_s, dispatches / shown},
        {u"serverDeliveriesPerSec"_s, deliveries / shown},
        {u"closeCode"_s, m_closeCode},
        {u"subscribeToSnapshotsMs"_s, double(m_snapshotsDoneUs - m_subscribedUs) / 1000.0},
        {u"snapshotRows"_s, snapshotRows},
        {u"snapshotKiB"_s, double(m_snapshotBytes) / 1024.0},
        {u"events"_s, events},
        {u"eventsPerS"_s, eventsPerS},
        {u"allEventsPerS"_s, double(eventsTotal) / seconds},
        {u"deviceRowEventsPerS"_s, double(m_events[size_t(wire::Topic::Devices)]) / seconds},
        {u"kibPerS"_s, double(m_bytes) / 1024.0 / seconds},
        {u"frames"_s, m_frames},
        {u"resyncs"_s, resyncsTotal},
        {u"resyncsByTopic"_s, resyncs},
        {u"snapshotsAgain"_s, m_snapshots},
        {u"errors"_s, m_errors + m_unreadable},
        {u"readCpuShare"_s, double(m_parseUs) / 1e6 / seconds},
        {u"statsLag"_s, lags(m_stats, true)},
        {u"deviceRowLag"_s, lags(m_deviceRows, false)},
    };
}

} // namespace seneschal::bench
