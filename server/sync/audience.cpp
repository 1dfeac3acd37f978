#include "audience.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace seneschal::sync {

using namespace Qt::StringLiterals;

namespace {
QJsonArray sorted(const QSet<QString> &set)
{
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return QJsonArray::fromStringList(list);
}
QSet<QString> setOf(const QJsonValue &value)
{
    QSet<QString> set;
    for (const QJsonValue &item : value.toArray())
        set.insert(item.toString());
    return set;
}
} // namespace

void Audience::grant(const QStringList &principals)
{
    for (const QString &principal : principals) {
        if (principal.startsWith(u"user:"))
            users.insert(principal.mid(5));
        else if (principal.startsWith(u"group:"))
            groups.insert(principal.mid(6));
    }
}

QByteArray Audience::toJson() const
{
    return QJsonDocument(QJsonObject{{u"everyone"_s, everyone},
                                     {u"users"_s, sorted(users)},
                                     {u"groups"_s, sorted(groups)}})
        .toJson(QJsonDocument::Compact);
}

Audience Audience::fromJson(const QByteArray &json)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    return Audience{o.value(u"everyone"_s).toBool(), setOf(o.value(u"users"_s)),
                    setOf(o.value(u"groups"_s))};
}

} // namespace seneschal::sync
