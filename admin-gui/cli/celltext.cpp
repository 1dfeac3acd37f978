#include "celltext.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QStringList>
#include <cmath>

namespace seneschal::admincli {

using namespace Qt::StringLiterals;

QString CellText::time(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString CellText::propertyValue(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isUndefined())
        return u"-"_s;
    // Compact JSON of any value, through an array holding it.
    const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

QString CellText::of(const QJsonValue &value, CellKind kind)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return u"-"_s;
    case QJsonValue::Bool:
        return value.toBool() ? u"yes"_s : u"no"_s;
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (kind == CellKind::Time && number > 0)
            return time(qint64(number));
        if (std::trunc(number) == number && std::abs(number) < 9.1e18)
            return QString::number(qint64(number));
        return QString::number(number, 'g', 6);
    }
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array: {
        QStringList parts;
        for (const QJsonValue &element : value.toArray())
            parts.append(element.isString() ? element.toString() : of(element));
        return parts.isEmpty() ? u"-"_s : parts.join(u", "_s);
    }
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

QJsonValue CellText::member(const QJsonObject &row, const QString &key)
{
    const qsizetype dot = key.indexOf(u'.');
    if (dot < 0)
        return row.value(key);
    return row.value(key.left(dot)).toObject().value(key.mid(dot + 1));
}

QString CellText::cell(const QJsonObject &row, const Column &column,
                       const QList<Column> &allColumns)
{
    if (column.kind != CellKind::Rest)
        return of(member(row, column.key), column.kind);
    QSet<QString> shown;
    for (const Column &other : allColumns)
        shown.insert(other.key.section(u'.', 0, 0));
    QStringList rest;
    for (auto it = row.constBegin(); it != row.constEnd(); ++it) {
        if (!shown.contains(it.key()))
            rest.append(it.key() + u'=' + of(it.value()));
    }
    return rest.isEmpty() ? u"-"_s : rest.join(u' ');
}

bool CellText::isNumeric(const QJsonObject &row, const Column &column)
{
    return column.kind == CellKind::Auto && member(row, column.key).isDouble();
}

} // namespace seneschal::admincli
