#include "cellformatter.h"

#include <QDateTime>
#include <QLocale>

namespace seneschal::admingui {

using namespace Qt::StringLiterals;

namespace {

const QString kTimeFormat = u"yyyy-MM-dd HH:mm:ss"_s;

} // namespace

QString CellFormatter::text(const QVariant &value, int column) const
{
    switch (value.typeId()) {
    case QMetaType::UnknownType:
    case QMetaType::Nullptr:
        return {};
    case QMetaType::Bool:
        return value.toBool() ? tr("yes") : tr("no");
    case QMetaType::Int:
    case QMetaType::LongLong:
        if (m_timeColumns.contains(column))
            return timeText(value.toLongLong());
        return value.toString();
    case QMetaType::QDateTime:
        return value.toDateTime().toLocalTime().toString(kTimeFormat);
    case QMetaType::Double:
    case QMetaType::Float: {
        const double number = value.toDouble();
        if (number == double(qint64(number)))
            return QString::number(qint64(number));
        return QLocale().toString(number, 'f', 1);
    }
    case QMetaType::QString: {
        const QString string = value.toString();
        if (column >= 0) {
            const auto labels = m_labels.constFind(column);
            if (labels != m_labels.cend())
                return labels->value(string, string);
        }
        return string;
    }
    default:
        return value.toString();
    }
}

QString CellFormatter::text(const QVariant &display, const QVariant &value, int column) const
{
    switch (value.typeId()) {
    case QMetaType::QVariantList: {
        QStringList parts;
        for (const QVariant &element : value.toList())
            parts.append(text(element, element, -1));
        return parts.join(u", "_s);
    }
    case QMetaType::QVariantMap: {
        const QVariantMap map = value.toMap();
        QStringList parts;
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            parts.append(it.key() + u": "_s + text(*it, *it, -1));
        return parts.join(u", "_s);
    }
    default:
        return text(display, column);
    }
}

void CellFormatter::setValueLabel(int column, const QString &value, const QString &label)
{
    m_labels[column].insert(value, label);
}

QString CellFormatter::phaseLabel(const QString &phase)
{
    if (phase == u"offline")
        return tr("offline");
    if (phase == u"upload")
        return tr("uploading");
    if (phase == u"catchup")
        return tr("catching up");
    if (phase == u"live")
        return tr("live");
    return phase;
}

QString CellFormatter::accessLabel(const QString &access)
{
    if (access == u"public")
        return tr("public");
    if (access == u"private")
        return tr("private");
    if (access == u"inherit")
        return tr("inherited");
    return access;
}

QString CellFormatter::timeText(qint64 ms)
{
    if (ms <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(ms).toString(kTimeFormat);
}

} // namespace seneschal::admingui
