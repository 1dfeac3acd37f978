#include "tableformatter.h"

#include "celltext.h"
#include "texttable.h"

#include <QDateTime>
#include <QStringList>

namespace seneschal::admincli {

using namespace Qt::StringLiterals;
using protocol::admin::EventOp;
using protocol::admin::Topic;

namespace {

QList<Column> columnsOf(Command command)
{
    switch (command) {
    case Command::Devices:
        return columns::devices();
    case Command::Queue:
        return columns::queue();
    case Command::History:
        return columns::history();
    case Command::Objects:
        return columns::objects();
    case Command::Users:
        return columns::users();
    case Command::Groups:
        return columns::groups();
    default:
        return {};
    }
}

// A value in a key=value line: quoted when it has blanks.
QString wordOf(const QString &text)
{
    if (text.contains(u' ') || text.isEmpty())
        return u'"' + text + u'"';
    return text;
}

// The members of the object's row shown before its properties, in this
// order; others the server adds come after them.
const QStringList &objectHeadKeys()
{
    static const QStringList keys{
        u"oid"_s,           u"kind"_s,    u"parent"_s, u"owner"_s,    u"access"_s,
        u"grants"_s,        u"deleted"_s, u"seq"_s,    u"audience"_s, u"audienceEveryone"_s,
        u"audienceGroups"_s};
    return keys;
}

} // namespace

TableFormatter::TableFormatter(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{}

void TableFormatter::table(const QList<Column> &columns, const QJsonArray &rows)
{
    QStringList headers;
    for (const Column &column : columns)
        headers.append(column.header);
    TextTable table(headers);
    for (const QJsonValue &value : rows) {
        const QJsonObject row = value.toObject();
        QStringList cells;
        QList<bool> right;
        for (const Column &column : columns) {
            cells.append(CellText::cell(row, column, columns));
            right.append(CellText::isNumeric(row, column));
        }
        table.addRow(cells, right);
    }
    table.write(m_out);
}

void TableFormatter::rows(Command command, const ResultPage &page)
{
    if (page.rows.isEmpty())
        m_out << "(no rows)\n";
    else
        table(columnsOf(command), page.rows);
    if (page.total)
        m_out << "total " << *page.total << '\n';
    m_out.flush();
    if (page.paged && !page.next.isNull()) {
        const QString after =
            page.next.isDouble() ? QString::number(page.next.toInteger()) : page.next.toString();
        m_err << "more rows: --after " << after << " for the next page, --all for every page\n";
        m_err.flush();
    }
}

void TableFormatter::object(const QJsonObject &row)
{
    QStringList keys = objectHeadKeys();
    QStringList extra;
    for (auto it = row.constBegin(); it != row.constEnd(); ++it) {
        if (!keys.contains(it.key()) && it.key() != u"props" && it.key() != u"stamps")
            extra.append(it.key());
    }
    keys += extra; // QJsonObject keeps its keys sorted

    TextTable head({u"member"_s, u"value"_s});
    for (const QString &key : std::as_const(keys)) {
        if (row.contains(key))
            head.addRow({key, CellText::of(row.value(key))});
    }
    head.write(m_out);
    m_out << '\n';

    // Every stamped property, `_deleted` included; the value beside its stamp.
    const QJsonObject props = row.value(u"props"_s).toObject();
    const QJsonObject stamps = row.value(u"stamps"_s).toObject();
    QStringList names = stamps.keys();
    for (const QString &name : props.keys()) {
        if (!names.contains(name))
            names.append(name);
    }
    TextTable properties({u"prop"_s, u"value"_s, u"ts"_s, u"cuid"_s, u"id"_s});
    for (const QString &name : std::as_const(names)) {
        const QJsonArray stamp = stamps.value(name).toArray();
        const QJsonValue value = props.value(name);
        properties.addRow({name, CellText::propertyValue(value),
                           stamp.isEmpty() ? u"-"_s : CellText::time(stamp.at(0).toInteger()),
                           CellText::of(stamp.at(1)), CellText::of(stamp.at(2))});
    }
    if (names.isEmpty())
        m_out << "(no properties)\n";
    else
        properties.write(m_out);
    m_out.flush();
}

void TableFormatter::done(const QString &what)
{
    m_out << "done: " << what << '\n';
    m_out.flush();
}

void TableFormatter::problem(const QString &code, const QString &message)
{
    if (code.isEmpty())
        m_err << "seneschal-admin: " << message << '\n';
    else
        m_err << "seneschal-admin: " << code << ": " << message << '\n';
    m_err.flush();
}

void TableFormatter::notice(const QString &message)
{
    m_err << "seneschal-admin: " << message << '\n';
    m_err.flush();
}

void TableFormatter::snapshot(Topic topic, const QJsonArray &rows)
{
    m_out << CellText::time(QDateTime::currentMSecsSinceEpoch()) << ' '
          << protocol::admin::topicName(topic) << " snapshot, " << rows.size() << " rows\n";
    if (!rows.isEmpty())
        table(columns::ofTopic(topic), rows);
    m_out.flush();
}

void TableFormatter::event(Topic topic, EventOp op, const QJsonObject &row)
{
    QString line = CellText::time(QDateTime::currentMSecsSinceEpoch()) + u' ' +
                   protocol::admin::topicName(topic) + u' ' +
                   (op == EventOp::Upsert ? u"upsert"_s : u"remove"_s);
    const QList<Column> columns = columns::ofTopic(topic);
    for (const Column &column : columns) {
        if (column.kind == CellKind::Rest) {
            const QString rest = CellText::cell(row, column, columns);
            if (rest != u"-")
                line += u' ' + rest;
            continue;
        }
        const QJsonValue value = CellText::member(row, column.key);
        if (value.isUndefined())
            continue; // a remove carries the key only
        line += u' ' + column.header + u'=' + wordOf(CellText::of(value, column.kind));
    }
    m_out << line << '\n';
    m_out.flush();
}

} // namespace seneschal::admincli
