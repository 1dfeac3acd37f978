#include "propertycodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace seneschal::storage {

namespace {
const QString kValue = u"v"_s;
const QString kTs = u"t"_s;
const QString kCuid = u"c"_s;
const QString kId = u"i"_s;
} // namespace

QString encodeProps(const QHash<QString, engine::Property> &props)
{
    QJsonObject object;
    for (auto it = props.cbegin(); it != props.cend(); ++it) {
        QJsonObject entry;
        // Undefined cannot be written; it means "no value", as null does.
        entry.insert(kValue, it->value.isUndefined() ? QJsonValue() : it->value);
        entry.insert(kTs, it->stamp.ts);
        entry.insert(kCuid, it->stamp.cuid);
        entry.insert(kId, it->stamp.id);
        object.insert(it.key(), entry);
    }
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

std::optional<QHash<QString, engine::Property>> decodeProps(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject object = doc.object();
    QHash<QString, engine::Property> props;
    props.reserve(object.size());
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!it->isObject())
            return std::nullopt;
        const QJsonObject entry = it->toObject();
        engine::Property property;
        property.value = entry.value(kValue);
        property.stamp.ts = entry.value(kTs).toInteger();
        property.stamp.cuid = entry.value(kCuid).toString();
        property.stamp.id = entry.value(kId).toString();
        props.insert(it.key(), std::move(property));
    }
    return props;
}

QString encodeValue(const QJsonValue &value)
{
    const QJsonArray wrapper{value.isUndefined() ? QJsonValue() : value};
    const QByteArray json = QJsonDocument(wrapper).toJson(QJsonDocument::Compact);
    // Strip the '[' and ']' of the wrapper.
    return QString::fromUtf8(json.constData() + 1, json.size() - 2);
}

QJsonValue decodeValue(const QString &json)
{
    QByteArray wrapped;
    wrapped.reserve(json.size() + 2);
    wrapped.append('[').append(json.toUtf8()).append(']');
    const QJsonDocument doc = QJsonDocument::fromJson(wrapped);
    return doc.isArray() && !doc.array().isEmpty() ? doc.array().first() : QJsonValue();
}

} // namespace seneschal::storage
