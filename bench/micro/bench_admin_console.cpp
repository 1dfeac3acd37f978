// The admin console's window under a busy server: the real MainWindow on its
// Devices view with --rows devices, then --rate device events per second for
// --seconds, as the admin stream would bring them (every 10 ms what is due,
// in the event loop). A probe timer asks to run every --probe-ms; how late it
// runs is the event-loop lag the operator feels (a frozen window is a late
// probe). Also timed: the snapshot that fills the view. One JSON line to
// stdout and to --out, then a human summary.
//
//   bench_admin_console [--rows N] [--rate N] [--seconds N] [--probe-ms N]
//                       [--sort COLUMN] [--filter TEXT] [--out FILE]
//
// Runs offscreen unless a platform is given (QT_QPA_PLATFORM or -platform
// xcb under xvfb-run); the window is shown and painted either way.

#include "admin/devicesmodel.h"
#include "gui/consolesession.h"
#include "gui/devicesview.h"
#include "gui/mainwindow.h"
#include "gui/tablepanel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QSettings>
#include <QTableView>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <random>

using namespace Qt::StringLiterals;
using seneschal::admin::DevicesModel;
using seneschal::protocol::admin::EventOp;

namespace {

struct Options
{
    int rows = 10000;
    int rate = 1000;
    int seconds = 10;
    int probeMs = 10;
    int sortColumn = DevicesModel::LastSeen;
    QString filter;
    QString out = u"bench_admin_console.json"_s;
};

Options parse(const QStringList &arguments)
{
    Options options;
    for (qsizetype i = 1; i + 1 < arguments.size(); i += 2) {
        const QString &name = arguments[i];
        const QString &value = arguments[i + 1];
        if (name == u"--rows")
            options.rows = value.toInt();
        else if (name == u"--rate")
            options.rate = value.toInt();
        else if (name == u"--seconds")
            options.seconds = value.toInt();
        else if (name == u"--probe-ms")
            options.probeMs = value.toInt();
        else if (name == u"--sort")
            options.sortColumn = value.toInt();
        else if (name == u"--filter")
            options.filter = value;
        else if (name == u"--out")
            options.out = value;
    }
    return options;
}

double cpuMs()
{
    timespec spec{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec);
    return double(spec.tv_sec) * 1000.0 + double(spec.tv_nsec) / 1e6;
}

QJsonObject device(int index, std::mt19937_64 &random, qint64 nowMs)
{
    const bool online = random() % 3 != 0;
    static const char16_t *phases[] = {u"upload", u"catchup", u"live"};
    return QJsonObject{
        {u"cuid"_s, u"device-%1"_s.arg(index, 5, 10, QChar(u'0'))},
        {u"uuid"_s, u"user-%1"_s.arg(index % 500)},
        {u"online"_s, online},
        {u"address"_s,
         online ? QJsonValue(u"10.0.%1.%2"_s.arg(index / 250).arg(index % 250)) : QJsonValue()},
        {u"phase"_s, online ? QString::fromUtf16(phases[random() % 3]) : u"offline"_s},
        {u"connectedAt"_s, online ? QJsonValue(nowMs - qint64(random() % 3600000)) : QJsonValue()},
        {u"lastSeen"_s, nowMs - qint64(random() % 86400000)},
        {u"cursor"_s, qint64(random() % 100000)},
        {u"lag"_s, qint64(random() % 50)},
        {u"groups"_s, QJsonArray{u"staff"_s}},
    };
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t at = std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5));
    return values[at];
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication application(argc, argv);
    QApplication::setOrganizationName(u"SeneschalBench"_s);
    QSettings().clear(); // the default column layout
    const Options options = parse(QApplication::arguments());
    std::mt19937_64 random(20251206);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();

    seneschal::admingui::ConsoleSession session;
    seneschal::admingui::MainWindow window(&session);
    window.resize(1280, 800);
    window.showView(window.devices());
    window.show();
    seneschal::admingui::TablePanel *table = window.devices()->table();
    table->view()->sortByColumn(options.sortColumn, Qt::DescendingOrder);
    if (!options.filter.isEmpty())
        table->filterEdit()->setText(options.filter);
    QApplication::processEvents();

    QJsonArray rows;
    for (int i = 0; i < options.rows; ++i)
        rows.append(device(i, random, now));
    QElapsedTimer snapshot;
    snapshot.start();
    session.devices()->applySnapshot(rows);
    QApplication::processEvents(); // sorted and painted
    const double snapshotMs = double(snapshot.nsecsElapsed()) / 1e6;

    // The feed: every 10 ms what is due at --rate since the start, as a
    // socket delivers it (a busy loop gets larger batches, not fewer events).
    constexpr int kFeedMs = 10;
    qint64 events = 0;
    std::vector<double> feedMs;
    QElapsedTimer clock;
    QTimer feed;
    feed.setTimerType(Qt::PreciseTimer);
    QObject::connect(&feed, &QTimer::timeout, &feed, [&] {
        QElapsedTimer took;
        took.start();
        const qint64 at = QDateTime::currentMSecsSinceEpoch();
        const qint64 due = qint64(options.rate) * clock.elapsed() / 1000;
        while (events < due) {
            const int index = int(random() % quint64(options.rows));
            QJsonObject row = device(index, random, at);
            row.insert(u"lastSeen"_s, at);
            session.devices()->applyEvent(EventOp::Upsert, row);
            ++events;
        }
        feedMs.push_back(double(took.nsecsElapsed()) / 1e6);
    });

    // The probe: how late it runs is the lag.
    std::vector<double> lateMs;
    qint64 due = 0;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, &probe, [&] {
        const qint64 nowNs = clock.nsecsElapsed();
        lateMs.push_back(std::max(0.0, double(nowNs - due) / 1e6));
        due = nowNs + qint64(options.probeMs) * 1000000;
    });

    const double cpuStart = cpuMs();
    clock.start();
    due = qint64(options.probeMs) * 1000000;
    feed.start(kFeedMs);
    probe.start(options.probeMs);
    QTimer::singleShot(options.seconds * 1000, &application, &QApplication::quit);
    application.exec();
    const double wallMs = double(clock.nsecsElapsed()) / 1e6;
    const double cpu = cpuMs() - cpuStart;

    const QJsonObject result{
        {u"benchmark"_s, u"admin_console_devices_view"_s},
        {u"platform"_s, QApplication::platformName()},
        {u"rows"_s, options.rows},
        {u"rowsShown"_s, table->visibleRows()},
        {u"sortColumn"_s, options.sortColumn},
        {u"filter"_s, options.filter},
        {u"eventsPerSec"_s, double(events) * 1000.0 / wallMs},
        {u"events"_s, events},
        {u"seconds"_s, wallMs / 1000.0},
        {u"snapshotMs"_s, snapshotMs},
        {u"probeMs"_s, options.probeMs},
        {u"probes"_s, qint64(lateMs.size())},
        {u"lagP50Ms"_s, percentile(lateMs, 0.5)},
        {u"lagP99Ms"_s, percentile(lateMs, 0.99)},
        {u"lagMaxMs"_s, lateMs.empty() ? 0.0 : *std::max_element(lateMs.begin(), lateMs.end())},
        {u"feedBatchP50Ms"_s, percentile(feedMs, 0.5)},
        {u"feedBatchMaxMs"_s,
         feedMs.empty() ? 0.0 : *std::max_element(feedMs.begin(), feedMs.end())},
        {u"cpuShare"_s, cpu / wallMs},
    };
    const QByteArray line = QJsonDocument(result).toJson(QJsonDocument::Compact);
    std::printf("%s\n", line.constData());
    QFile out(options.out);
    if (out.open(QIODevice::WriteOnly | QIODevice::Append))
        out.write(line + '\n');
    std::printf("%d devices, %.0f events/s for %.1f s (%s): event-loop lag p50 %.1f ms, p99 %.1f "
                "ms, max %.1f ms; snapshot %.0f ms; CPU %.0f%%\n",
                options.rows, result.value(u"eventsPerSec"_s).toDouble(), wallMs / 1000.0,
                qPrintable(QApplication::platformName()), result.value(u"lagP50Ms"_s).toDouble(),
                result.value(u"lagP99Ms"_s).toDouble(), result.value(u"lagMaxMs"_s).toDouble(),
                snapshotMs, cpu * 100.0 / wallMs);
    return 0;
}
