#pragma once

#include "consoleview.h"

class QGroupBox;
class QTimer;

namespace seneschal::admin {
struct StatsSample;
}

namespace seneschal::admingui {

class DetailForm;
class SparklineChart;

// The server at a glance: its figures from the stats topic (version,
// backend, uptime, highest seq, connections), the devices online and
// behind, and charts of the last minutes of connections, dispatches/s and
// deliveries/s.
class OverviewView : public ConsoleView
{
    Q_OBJECT

public:
    explicit OverviewView(ConsoleSession *session, QWidget *parent = nullptr);

    QString title() const override;
    void refresh() override;
    void focusFilter() override {}

    DetailForm *figures() const { return m_figures; }
    SparklineChart *connectionsChart() const { return m_connections; }
    SparklineChart *dispatchesChart() const { return m_dispatches; }
    SparklineChart *deliveriesChart() const { return m_deliveries; }

    // How far back the charts reach (default ten minutes).
    void setChartWindowMs(qint64 windowMs);

    static QString uptimeText(qint64 ms);

private:
    void updateFigures();
    void updateCharts();
    void updateChartTitle();

    DetailForm *m_figures;
    QGroupBox *m_chartBox;
    qint64 m_chartWindowMs;
    SparklineChart *m_connections;
    SparklineChart *m_dispatches;
    SparklineChart *m_deliveries;
    QTimer *m_deviceCount;
    int m_online = 0;
    int m_behind = 0;
};

} // namespace seneschal::admingui
