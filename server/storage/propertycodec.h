#pragma once

#include "engine/objectstate.h"

#include <QByteArray>
#include <QHash>
#include <QJsonValue>
#include <QString>
#include <optional>

namespace seneschal::storage {

// How an object's properties and single JSON values are kept in one text
// column. Props are compact JSON {"name":{"v":value,"t":ts,"c":cuid,"i":id}}
// so a row can be read and repaired by hand.
QString encodeProps(const QHash<QString, engine::Property> &props);
// nullopt when the text is not a props object (a damaged row).
std::optional<QHash<QString, engine::Property>> decodeProps(const QByteArray &json);

// One value as JSON text; QJsonDocument only writes objects and arrays, so
// scalars travel inside a one-element array.
QString encodeValue(const QJsonValue &value);
QJsonValue decodeValue(const QString &json);

} // namespace seneschal::storage
