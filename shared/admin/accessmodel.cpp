#include "accessmodel.h"

namespace seneschal::admin {

using namespace Qt::StringLiterals;
AccessModel::AccessModel(QObject *parent)
    : TopicModel(protocol::admin::Topic::Access, u"seq"_s, Order::NewestFirst,
                 {
                     {u"seq"_s, tr("Seq"), ColumnSpec::Kind::Value},
                     {u"at"_s, tr("At"), ColumnSpec::Kind::Time},
                     {u"oid"_s, tr("Object"), ColumnSpec::Kind::Value},
                     {u"by"_s, tr("By"), ColumnSpec::Kind::Value},
                     {u"access"_s, tr("Access"), ColumnSpec::Kind::Value},
                     {u"grant"_s, tr("Granted"), ColumnSpec::Kind::Value},
                     {u"revoke"_s, tr("Revoked"), ColumnSpec::Kind::Value},
                 },
                 kDefaultMaximumRows, parent)
{
    Q_ASSERT(columnCount() == ColumnCount);
}

} // namespace seneschal::admin
