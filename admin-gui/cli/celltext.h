#pragma once

#include "columns.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace seneschal::admincli {

// A JSON value as a human reads it in a table cell: strings as they are,
// null and absent as "-", booleans as yes/no, lists comma-separated, times
// as UTC ISO 8601 (which --from and --to read back).
class CellText
{
public:
    static QString of(const QJsonValue &value, CellKind kind = CellKind::Auto);
    static QString time(qint64 msSinceEpoch);
    // An object's property as its JSON (a string as it is).
    static QString propertyValue(const QJsonValue &value);
    // The member at `key` ("a.b" reaches into a member).
    static QJsonValue member(const QJsonObject &row, const QString &key);
    // A column's cell of `row`.
    static QString cell(const QJsonObject &row, const Column &column,
                        const QList<Column> &allColumns);
    // Right-aligned: a number.
    static bool isNumeric(const QJsonObject &row, const Column &column);
};

} // namespace seneschal::admincli
