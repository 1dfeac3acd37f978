#include "propertycodec.h"

#include "protocol/jsonwriter.h"

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
    // Written directly rather than through QJsonObject: this runs for every
    // changed object of every commit (bench/RESULTS.md, profile 3).
    protocol::JsonWriter out(64 + 96 * props.size());
    out.raw("{");
    bool first = true;
    for (auto it = props.cbegin(); it != props.cend(); ++it) {
        if (!first)
            out.raw(",");
        first = false;
        out.string(it.key());
        out.raw(":{\"v\":");
        // Undefined cannot be written; it means "no value", as null does.
        if (it->value.isUndefined())
            out.null();
        else
            out.value(it->value);
        out.raw(",\"t\":");
        out.integer(it->stamp.ts);
        out.raw(",\"c\":");
        out.string(it->stamp.cuid);
        out.raw(",\"i\":");
        out.string(it->stamp.id);
        out.raw("}");
    }
    out.raw("}");
    return QString::fromUtf8(out.take());
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
