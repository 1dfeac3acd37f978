#include "outbox.h"

#include "clientlogging.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace seneschal::client {

namespace {

QJsonObject toJson(const protocol::ClientDispatch &d)
{
    QJsonObject o{{u"id"_s, d.id}, {u"oid"_s, d.oid}, {u"ts"_s, d.ts}};
    if (d.op == engine::DispatchOp::Delete)
        o.insert(u"op"_s, u"delete"_s);
    else
        o.insert(u"props"_s, d.props);
    if (!d.kind.isEmpty())
        o.insert(u"kind"_s, d.kind);
    if (!d.parent.isEmpty())
        o.insert(u"parent"_s, d.parent);
    if (d.access)
        o.insert(u"access"_s, engine::accessName(*d.access));
    return o;
}

std::optional<protocol::ClientDispatch> fromJson(const QJsonObject &o)
{
    protocol::ClientDispatch d;
    d.id = o.value(u"id"_s).toString();
    d.oid = o.value(u"oid"_s).toString();
    d.ts = o.value(u"ts"_s).toInteger();
    if (d.id.isEmpty() || d.oid.isEmpty())
        return std::nullopt;
    d.op = o.value(u"op"_s).toString() == u"delete" ? engine::DispatchOp::Delete
                                                    : engine::DispatchOp::Put;
    d.props = o.value(u"props"_s).toObject();
    d.kind = o.value(u"kind"_s).toString();
    d.parent = o.value(u"parent"_s).toString();
    if (o.contains(u"access"_s))
        d.access = engine::accessFromName(o.value(u"access"_s).toString());
    return d;
}

} // namespace

Outbox::Outbox(const QString &path)
    : m_path(path)
{}

bool Outbox::load(QString *errorMessage)
{
    if (m_path.isEmpty())
        return true;
    QFile file(m_path);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        if (errorMessage)
            *errorMessage = file.errorString();
        return false;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (!doc.isObject()) {
        if (errorMessage)
            *errorMessage = u"%1: not an outbox file (%2)"_s.arg(m_path, error.errorString());
        return false;
    }
    const QJsonObject root = doc.object();
    m_counter = qMax<quint64>(m_counter, quint64(root.value(u"counter"_s).toInteger()));
    m_entries.clear();
    const QJsonArray dispatches = root.value(u"dispatches"_s).toArray();
    for (const QJsonValue &value : dispatches) {
        if (auto d = fromJson(value.toObject()))
            m_entries.append(*d);
        else
            qCWarning(lcClient) << "skipping an unreadable outbox entry in" << m_path;
    }
    return true;
}

QString Outbox::nextId()
{
    ++m_counter;
    const quint32 random = QRandomGenerator::global()->generate();
    // The counter is saved with the next append; the random part keeps ids
    // unique even when a crash loses it.
    return u"%1-%2"_s.arg(m_counter).arg(random, 8, 16, QLatin1Char('0'));
}

void Outbox::append(const protocol::ClientDispatch &dispatch)
{
    m_entries.append(dispatch);
    save();
}

std::optional<protocol::ClientDispatch> Outbox::take(const QString &id)
{
    const qsizetype i = indexOf(id);
    if (i < 0)
        return std::nullopt;
    protocol::ClientDispatch d = m_entries.takeAt(i);
    save();
    return d;
}

void Outbox::clear()
{
    m_entries.clear();
    save();
}

const protocol::ClientDispatch *Outbox::find(const QString &id) const
{
    const qsizetype i = indexOf(id);
    return i < 0 ? nullptr : &m_entries.at(i);
}

QStringList Outbox::ids() const
{
    QStringList list;
    list.reserve(m_entries.size());
    for (const auto &d : m_entries)
        list.append(d.id);
    return list;
}

qsizetype Outbox::indexOf(const QString &id) const
{
    // Acks arrive mostly in order, so the front is where they are found.
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).id == id)
            return i;
    }
    return -1;
}

void Outbox::save()
{
    if (m_path.isEmpty())
        return;
    QJsonArray dispatches;
    for (const auto &d : m_entries)
        dispatches.append(toJson(d));
    const QJsonObject root{{u"counter"_s, qint64(m_counter)}, {u"dispatches"_s, dispatches}};
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(root).toJson(QJsonDocument::Compact)) < 0 || !file.commit()) {
        qCWarning(lcClient) << "cannot write the outbox to" << m_path << ':' << file.errorString();
    }
}

} // namespace seneschal::client
