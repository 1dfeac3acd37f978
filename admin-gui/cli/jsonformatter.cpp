#include "jsonformatter.h"

#include <QJsonDocument>

namespace seneschal::admincli {

using namespace Qt::StringLiterals;
using protocol::admin::EventOp;
using protocol::admin::Topic;

JsonFormatter::JsonFormatter(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{}

void JsonFormatter::document(const QJsonObject &json)
{
    m_out << QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented));
    m_out.flush();
}

void JsonFormatter::line(const QJsonObject &json)
{
    m_out << QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)) << '\n';
    m_out.flush();
}

void JsonFormatter::rows(Command, const ResultPage &page)
{
    QJsonObject json{{u"rows"_s, page.rows}};
    if (page.paged)
        json.insert(u"next"_s, page.next);
    if (page.total)
        json.insert(u"total"_s, *page.total);
    document(json);
}

void JsonFormatter::object(const QJsonObject &row)
{
    document(row);
}

void JsonFormatter::done(const QString &)
{
    document(QJsonObject{{u"done"_s, true}});
}

void JsonFormatter::problem(const QString &code, const QString &message)
{
    const QJsonValue codeValue = code.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(code);
    // One line: valid after the JSON Lines of a watch as well.
    line(QJsonObject{{u"error"_s, QJsonObject{{u"code"_s, codeValue}, {u"message"_s, message}}}});
    m_err << "seneschal-admin: " << (code.isEmpty() ? QString() : code + u": "_s) << message
          << '\n';
    m_err.flush();
}

void JsonFormatter::notice(const QString &message)
{
    m_err << "seneschal-admin: " << message << '\n';
    m_err.flush();
}

void JsonFormatter::snapshot(Topic topic, const QJsonArray &rows)
{
    line(QJsonObject{{u"topic"_s, protocol::admin::topicName(topic)}, {u"snapshot"_s, rows}});
}

void JsonFormatter::event(Topic topic, EventOp op, const QJsonObject &row)
{
    line(QJsonObject{{u"topic"_s, protocol::admin::topicName(topic)},
                     {u"op"_s, op == EventOp::Upsert ? u"upsert"_s : u"remove"_s},
                     {u"row"_s, row}});
}

} // namespace seneschal::admincli
