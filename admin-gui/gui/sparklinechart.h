#pragma once

#include <QList>
#include <QPointF>
#include <QString>
#include <QWidget>

namespace seneschal::admingui {

// A small line chart of one figure over the last minutes, drawn with
// QPainter in the colours of the palette (light or dark): the line in the
// highlight colour, the frame and the scale in the mid tones, the title and
// the latest value in the text colour.
class SparklineChart : public QWidget
{
    Q_OBJECT

public:
    explicit SparklineChart(const QString &title, QWidget *parent = nullptr);

    // x: milliseconds since the epoch, y: the figure; oldest first.
    void setPoints(const QList<QPointF> &points);
    // How far back the chart reaches from the newest point.
    void setWindowMs(qint64 windowMs);
    // Decimals of the numbers written on the chart.
    void setDecimals(int decimals) { m_decimals = decimals; }

    QList<QPointF> points() const { return m_points; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString number(double value) const;

    QString m_title;
    QList<QPointF> m_points;
    qint64 m_windowMs = 10 * 60 * 1000;
    int m_decimals = 0;
};

} // namespace seneschal::admingui
