#pragma once

#include "outputformatter.h"

#include <QTextStream>

namespace seneschal::admincli {

// Output for scripts: one JSON document per command on stdout, the rows as
// the server sent them ({"rows":[...],"next":...,"total":...}, the object's
// row itself, {"done":true}, {"error":{"code","message"}}); for `watch` one
// line per snapshot and event (JSON Lines). Problems go to stderr as well,
// for the person who runs the script.
class JsonFormatter : public OutputFormatter
{
public:
    JsonFormatter(QTextStream &out, QTextStream &err);

    void rows(Command command, const ResultPage &page) override;
    void object(const QJsonObject &row) override;
    void done(const QString &what) override;
    void problem(const QString &code, const QString &message) override;
    void notice(const QString &message) override;
    void snapshot(protocol::admin::Topic topic, const QJsonArray &rows) override;
    void event(protocol::admin::Topic topic, protocol::admin::EventOp op,
               const QJsonObject &row) override;

private:
    void document(const QJsonObject &json);
    void line(const QJsonObject &json);

    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace seneschal::admincli
