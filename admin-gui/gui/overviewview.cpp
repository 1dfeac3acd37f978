#include "overviewview.h"

#include "admin/devicesmodel.h"
#include "admin/statsmodel.h"
#include "consolesession.h"
#include "detailform.h"
#include "sparklinechart.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QJsonObject>
#include <QLocale>
#include <QTimer>
#include <QVBoxLayout>

namespace seneschal::admingui {

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kChartWindowMs = 10 * 60 * 1000;

QString integer(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return QStringLiteral("–");
    return QString::number(value.toInteger());
}

} // namespace

OverviewView::OverviewView(ConsoleSession *session, QWidget *parent)
    : ConsoleView(session, parent)
    , m_figures(new DetailForm(this))
    , m_chartBox(new QGroupBox(this))
    , m_chartWindowMs(kChartWindowMs)
    , m_connections(new SparklineChart(tr("Connections"), this))
    , m_dispatches(new SparklineChart(tr("Dispatches/s"), this))
    , m_deliveries(new SparklineChart(tr("Deliveries/s"), this))
    , m_deviceCount(new QTimer(this))
{
    m_figures->setObjectName(u"figures"_s);
    m_figures->setPlaceholder(tr("No figures yet: they come with the server's first stats."));
    m_dispatches->setDecimals(1);
    m_deliveries->setDecimals(1);
    for (SparklineChart *chart : {m_connections, m_dispatches, m_deliveries})
        chart->setWindowMs(kChartWindowMs);

    auto *server = new QGroupBox(tr("Server"), this);
    auto *serverLayout = new QVBoxLayout(server);
    serverLayout->addWidget(m_figures);
    auto *chartLayout = new QVBoxLayout(m_chartBox);
    for (SparklineChart *chart : {m_connections, m_dispatches, m_deliveries}) {
        chart->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
        chartLayout->addWidget(chart, 1);
    }
    updateChartTitle();

    auto *layout = new QGridLayout(this);
    layout->addWidget(server, 0, 0);
    layout->addWidget(m_chartBox, 0, 1);
    layout->setColumnStretch(0, 1);
    layout->setColumnStretch(1, 3);

    admin::StatsModel *stats = session->stats();
    connect(stats, &QAbstractItemModel::modelReset, this, &OverviewView::updateFigures);
    connect(stats, &QAbstractItemModel::dataChanged, this, &OverviewView::updateFigures);
    connect(stats, &QAbstractItemModel::modelReset, this, &OverviewView::updateCharts);
    connect(stats, &admin::StatsModel::sampleAdded, this, &OverviewView::updateCharts);

    // Counting the devices online and behind walks every row: at most once a
    // second, however many events arrive.
    m_deviceCount->setSingleShot(true);
    m_deviceCount->setInterval(1000);
    connect(m_deviceCount, &QTimer::timeout, this, [this] {
        const admin::DevicesModel *devices = this->session()->devices();
        int online = 0;
        int behind = 0;
        for (int row = 0; row < devices->rowCount(); ++row) {
            const QJsonObject device = devices->rowObject(row);
            online += device.value(u"online"_s).toBool() ? 1 : 0;
            behind += device.value(u"lag"_s).toInteger() > 0 ? 1 : 0;
        }
        m_online = online;
        m_behind = behind;
        updateFigures();
    });
    admin::DevicesModel *devices = session->devices();
    auto count = [this] {
        if (!m_deviceCount->isActive())
            m_deviceCount->start();
    };
    connect(devices, &QAbstractItemModel::modelReset, this, count);
    connect(devices, &QAbstractItemModel::rowsInserted, this, count);
    connect(devices, &QAbstractItemModel::rowsRemoved, this, count);
    connect(devices, &QAbstractItemModel::dataChanged, this, count);
    updateFigures();
}

QString OverviewView::title() const
{
    return tr("Overview");
}

void OverviewView::refresh()
{
    session()->resubscribe(protocol::admin::Topic::Stats);
    session()->resubscribe(protocol::admin::Topic::Devices);
}

void OverviewView::setChartWindowMs(qint64 windowMs)
{
    m_chartWindowMs = windowMs;
    for (SparklineChart *chart : {m_connections, m_dispatches, m_deliveries})
        chart->setWindowMs(windowMs);
    updateChartTitle();
}

void OverviewView::updateChartTitle()
{
    m_chartBox->setTitle(tr("The last %n minute(s)", nullptr, int(m_chartWindowMs / 60000)));
}

QString OverviewView::uptimeText(qint64 ms)
{
    const qint64 seconds = ms / 1000;
    const qint64 days = seconds / 86400;
    const QString clock = u"%1:%2:%3"_s.arg((seconds / 3600) % 24, 2, 10, QChar(u'0'))
                              .arg((seconds / 60) % 60, 2, 10, QChar(u'0'))
                              .arg(seconds % 60, 2, 10, QChar(u'0'));
    if (days == 0)
        return clock;
    return tr("%n day(s), %1", nullptr, int(days)).arg(clock);
}

void OverviewView::updateFigures()
{
    const QJsonObject row = session()->stats()->current();
    if (row.isEmpty()) {
        m_figures->setFields({});
        return;
    }
    const QString version = row.value(u"version"_s).toString();
    const QString backend = row.value(u"backend"_s).toString();
    QString backendText = backend;
    if (backend == u"sqlite")
        backendText = tr("SQLite");
    else if (backend == u"mysql")
        backendText = tr("MariaDB/MySQL");
    m_figures->setTitle(session()->serverName());
    m_figures->setFields({
        {tr("Server version"), version.isEmpty() ? tr("not reported by the server") : version},
        {tr("Connected as"), session()->userName()},
        {tr("Database"), backendText},
        {tr("Uptime"), uptimeText(row.value(u"uptimeMs"_s).toInteger())},
        {tr("Highest seq"), integer(row.value(u"highestSeq"_s))},
        {tr("Connections"), integer(row.value(u"connections"_s))},
        {tr("Devices known"), integer(row.value(u"devices"_s))},
        {tr("Devices attached"), integer(row.value(u"attached"_s))},
        {tr("Devices online"), QString::number(m_online)},
        {tr("Devices behind"), QString::number(m_behind)},
        {tr("Dispatches/s"),
         QLocale().toString(row.value(u"dispatchesPerSec"_s).toDouble(), 'f', 1)},
        {tr("Deliveries/s"),
         QLocale().toString(row.value(u"deliveriesPerSec"_s).toDouble(), 'f', 1)},
    });
}

void OverviewView::updateCharts()
{
    QList<QPointF> connections;
    QList<QPointF> dispatches;
    QList<QPointF> deliveries;
    const QList<admin::StatsSample> samples = session()->stats()->samples();
    for (const admin::StatsSample &sample : samples) {
        const double at = double(sample.atMs);
        connections.append({at, double(sample.connections)});
        dispatches.append({at, sample.dispatchesPerSec});
        deliveries.append({at, sample.deliveriesPerSec});
    }
    m_connections->setPoints(connections);
    m_dispatches->setPoints(dispatches);
    m_deliveries->setPoints(deliveries);
}

} // namespace seneschal::admingui
