#pragma once

#include "columns.h"
#include "outputformatter.h"

#include <QTextStream>

namespace seneschal::admincli {

// Output for people: a table per query, the object as a list of members and
// a table of its properties, one line per live event.
class TableFormatter : public OutputFormatter
{
public:
    TableFormatter(QTextStream &out, QTextStream &err);

    void rows(Command command, const ResultPage &page) override;
    void object(const QJsonObject &row) override;
    void done(const QString &what) override;
    void problem(const QString &code, const QString &message) override;
    void notice(const QString &message) override;
    void snapshot(protocol::admin::Topic topic, const QJsonArray &rows) override;
    void event(protocol::admin::Topic topic, protocol::admin::EventOp op,
               const QJsonObject &row) override;

private:
    void table(const QList<Column> &columns, const QJsonArray &rows);

    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace seneschal::admincli
