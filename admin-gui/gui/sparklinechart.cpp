#include "sparklinechart.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace seneschal::admingui {

namespace {

// The smallest of 1, 2, 5, 10, 20, 50, ... at or above `value`.
double niceCeiling(double value)
{
    if (value <= 1)
        return 1;
    const double power = std::pow(10.0, std::floor(std::log10(value)));
    for (const double step : {1.0, 2.0, 5.0}) {
        if (step * power >= value)
            return step * power;
    }
    return 10 * power;
}

} // namespace

SparklineChart::SparklineChart(const QString &title, QWidget *parent)
    : QWidget(parent)
    , m_title(title)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setAccessibleName(title);
}

void SparklineChart::setPoints(const QList<QPointF> &points)
{
    m_points = points;
    update();
}

void SparklineChart::setWindowMs(qint64 windowMs)
{
    m_windowMs = qMax<qint64>(1000, windowMs);
    update();
}

QSize SparklineChart::sizeHint() const
{
    return {320, fontMetrics().height() * 7};
}

QSize SparklineChart::minimumSizeHint() const
{
    return {160, fontMetrics().height() * 5};
}

QString SparklineChart::number(double value) const
{
    return QLocale().toString(value, 'f', m_decimals);
}

void SparklineChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    const QFontMetrics metrics = fontMetrics();
    const int lineHeight = metrics.height();

    const QRectF frame = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    painter.setPen(pal.color(QPalette::Mid));
    painter.setBrush(pal.color(QPalette::Base));
    painter.drawRoundedRect(frame, 4, 4);

    // The title on the left, the latest value on the right.
    const QRect header = rect().adjusted(8, 4, -8, 0);
    painter.setPen(pal.color(QPalette::Text));
    painter.drawText(QRect(header.topLeft(), QSize(header.width(), lineHeight)),
                     Qt::AlignLeft | Qt::AlignVCenter, m_title);
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    const QString latest = m_points.isEmpty() ? QStringLiteral("–") : number(m_points.last().y());
    painter.drawText(QRect(header.topLeft(), QSize(header.width(), lineHeight)),
                     Qt::AlignRight | Qt::AlignVCenter, latest);
    painter.setFont(font());

    const QRectF plot = QRectF(rect()).adjusted(8, 8 + lineHeight, -8, -6 - lineHeight);
    if (plot.height() < 4 || plot.width() < 4)
        return;

    const qint64 newest = m_points.isEmpty() ? 0 : qint64(m_points.last().x());
    const qint64 oldest = newest - m_windowMs;
    double top = 0;
    for (const QPointF &point : m_points) {
        if (point.x() >= oldest)
            top = std::max(top, point.y());
    }
    // A scale with round numbers, never flat.
    const double scale = niceCeiling(top);
    const QColor grid = pal.color(QPalette::Midlight);
    painter.setPen(QPen(grid, 1, Qt::DotLine));
    painter.drawLine(plot.topLeft(), plot.topRight());
    painter.drawLine(QPointF(plot.left(), plot.center().y()),
                     QPointF(plot.right(), plot.center().y()));
    painter.setPen(pal.color(QPalette::Mid));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());

    // The scale's top and the window's length below the plot.
    painter.setPen(pal.color(QPalette::PlaceholderText));
    const QRectF footer(plot.left(), plot.bottom() + 2, plot.width(), lineHeight);
    painter.drawText(footer, Qt::AlignLeft | Qt::AlignVCenter,
                     tr("-%n min", nullptr, int(m_windowMs / 60000)));
    painter.drawText(footer, Qt::AlignRight | Qt::AlignVCenter, tr("max %1").arg(number(scale)));

    QPainterPath line;
    bool first = true;
    QPointF lastPoint;
    for (const QPointF &point : m_points) {
        if (point.x() < oldest)
            continue;
        const double x = plot.left() + plot.width() * double(point.x() - oldest) / m_windowMs;
        const double y = plot.bottom() - plot.height() * std::clamp(point.y() / scale, 0.0, 1.0);
        if (first)
            line.moveTo(x, y);
        else
            line.lineTo(x, y);
        first = false;
        lastPoint = {x, y};
    }
    if (first)
        return;
    QColor fill = pal.color(QPalette::Highlight);
    fill.setAlphaF(0.18f);
    QPainterPath area = line;
    area.lineTo(lastPoint.x(), plot.bottom());
    area.lineTo(line.elementAt(0).x, plot.bottom());
    area.closeSubpath();
    painter.fillPath(area, fill);
    painter.setPen(QPen(pal.color(QPalette::Highlight), 1.6));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(line);
    painter.setBrush(pal.color(QPalette::Highlight));
    painter.drawEllipse(lastPoint, 2.5, 2.5);
}

} // namespace seneschal::admingui
