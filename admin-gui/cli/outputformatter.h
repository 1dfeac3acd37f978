#pragma once

#include "invocation.h"
#include "protocol/adminmessages.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <optional>

namespace seneschal::admincli {

// What a query answered: its rows (every page's with --all), where the next
// page starts (null: no more), and the queue's total.
struct ResultPage
{
    QJsonArray rows;
    QJsonValue next = QJsonValue::Null;
    std::optional<qint64> total;
    bool paged = false; // the command pages (queue, history, objects)
};

// How the answers of a command reach the operator: aligned tables for people
// (TableFormatter) or JSON for scripts (JsonFormatter). Results go to stdout,
// problems and notices to stderr.
class OutputFormatter
{
public:
    virtual ~OutputFormatter() = default;

    virtual void rows(Command command, const ResultPage &page) = 0;
    virtual void object(const QJsonObject &row) = 0;
    // An action was done; `what` says which, for people.
    virtual void done(const QString &what) = 0;
    // The command ended in a problem: the server's error code (empty when
    // there was none, e.g. no connection) and what happened.
    virtual void problem(const QString &code, const QString &message) = 0;
    // A note while a command goes on (a reconnect, a resync, more pages).
    virtual void notice(const QString &message) = 0;

    virtual void snapshot(protocol::admin::Topic topic, const QJsonArray &rows) = 0;
    virtual void event(protocol::admin::Topic topic, protocol::admin::EventOp op,
                       const QJsonObject &row) = 0;
};

} // namespace seneschal::admincli
