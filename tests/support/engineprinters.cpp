#include "engineprinters.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>
#include <QTest>
#include <algorithm>

namespace seneschal::test {

namespace {
QString jsonText(const QJsonValue &value)
{
    // QJsonDocument cannot hold a bare scalar: wrap it and strip the brackets.
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

// Non-ASCII characters as \uXXXX, so bytewise edge cases stay visible in logs.
QString escaped(const QString &text)
{
    QString out;
    for (const QChar c : text) {
        if (c.unicode() >= 0x20 && c.unicode() < 0x7F)
            out += c;
        else
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
    }
    return out;
}
} // namespace

QString describe(const engine::Stamp &stamp)
{
    return QStringLiteral("(%1, \"%2\", \"%3\")")
        .arg(stamp.ts)
        .arg(escaped(stamp.cuid), escaped(stamp.id));
}

QString describe(const engine::Property &property)
{
    return escaped(jsonText(property.value)) + QStringLiteral(" @") + describe(property.stamp);
}

QString describe(const QHash<QString, engine::Property> &props)
{
    QStringList names = props.keys();
    std::sort(names.begin(), names.end());
    QStringList parts;
    for (const QString &name : std::as_const(names))
        parts.append(escaped(name) + QStringLiteral(": ") + describe(props.value(name)));
    return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
}

QString describe(const engine::ObjectState &state)
{
    return QStringLiteral("%1%2 kind=%3 owner=%4 %5")
        .arg(escaped(state.oid), state.created ? QString() : QStringLiteral(" (not created)"),
             state.kind, state.owner, describe(state.props));
}

QString describe(const engine::Dispatch &dispatch)
{
    const QString what = dispatch.op == engine::DispatchOp::Delete
                             ? QStringLiteral("delete")
                             : escaped(QString::fromUtf8(
                                   QJsonDocument(dispatch.props).toJson(QJsonDocument::Compact)));
    return QStringLiteral("%1 %2 %3")
        .arg(escaped(dispatch.oid),
             describe(engine::Stamp{dispatch.ts, dispatch.cuid, dispatch.id}), what);
}

QString describe(const QList<engine::Dispatch> &dispatches)
{
    QString out;
    for (qsizetype i = 0; i < dispatches.size(); ++i)
        out += QStringLiteral("  [%1] %2\n").arg(i).arg(describe(dispatches.at(i)));
    return out;
}

} // namespace seneschal::test

namespace seneschal::engine {

char *toString(const Stamp &stamp)
{
    return QTest::toString(test::describe(stamp));
}

char *toString(const Property &property)
{
    return QTest::toString(test::describe(property));
}

char *toString(const ObjectState &state)
{
    return QTest::toString(test::describe(state));
}

char *toString(const PropertyConflict &conflict)
{
    return QTest::toString(QStringLiteral("%1: winner %2, loser %3")
                               .arg(conflict.property, test::describe(conflict.winner),
                                    test::describe(conflict.loser)));
}

} // namespace seneschal::engine
