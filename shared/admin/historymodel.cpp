#include "historymodel.h"

namespace seneschal::admin {

using namespace Qt::StringLiterals;
HistoryModel::HistoryModel(QObject *parent)
    : TopicModel(protocol::admin::Topic::History, u"id"_s, Order::NewestFirst,
                 {
                     {u"id"_s, tr("Id"), ColumnSpec::Kind::Value},
                     {u"at"_s, tr("At"), ColumnSpec::Kind::Time},
                     {u"oid"_s, tr("Object"), ColumnSpec::Kind::Value},
                     {u"prop"_s, tr("Property"), ColumnSpec::Kind::Value},
                     {u"winner"_s, tr("Winner"), ColumnSpec::Kind::Value, u"value"_s},
                     {u"winner"_s, tr("Winner device"), ColumnSpec::Kind::Value, u"cuid"_s},
                     {u"loser"_s, tr("Loser"), ColumnSpec::Kind::Value, u"value"_s},
                     {u"loser"_s, tr("Loser device"), ColumnSpec::Kind::Value, u"cuid"_s},
                     {u"uploader"_s, tr("Uploader"), ColumnSpec::Kind::Value},
                     {u"seq"_s, tr("Seq"), ColumnSpec::Kind::Value},
                 },
                 kDefaultMaximumRows, parent)
{
    Q_ASSERT(columnCount() == ColumnCount);
}

} // namespace seneschal::admin
