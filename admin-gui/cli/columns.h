#pragma once

#include "protocol/adminmessages.h"

#include <QList>
#include <QString>

namespace seneschal::admincli {

// How a cell shows its value: a time as UTC ISO 8601, the rest by its JSON
// type (numbers right-aligned). `Rest` gathers every member of the row that
// no other column shows, as key=value.
enum class CellKind { Auto, Time, Rest };

struct Column
{
    QString header;
    QString key; // a member of the row, "a.b" for a member of a member
    CellKind kind = CellKind::Auto;
};

// Which members a human table shows, per command and per live topic. The
// rows may carry more (--json has them all).
namespace columns {

QList<Column> devices();
QList<Column> queue();
QList<Column> history();
QList<Column> objects();
QList<Column> users();
QList<Column> groups();
QList<Column> stats();
QList<Column> access();
QList<Column> audit();
QList<Column> ofTopic(protocol::admin::Topic topic);

} // namespace columns

} // namespace seneschal::admincli
