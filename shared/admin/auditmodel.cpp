#include "auditmodel.h"

namespace seneschal::admin {

using namespace Qt::StringLiterals;
AuditModel::AuditModel(QObject *parent)
    : TopicModel(protocol::admin::Topic::Audit, u"id"_s, Order::NewestFirst,
                 {
                     {u"id"_s, tr("Id"), ColumnSpec::Kind::Value},
                     {u"at"_s, tr("At"), ColumnSpec::Kind::Time},
                     {u"by"_s, tr("By"), ColumnSpec::Kind::Value},
                     {u"type"_s, tr("Request"), ColumnSpec::Kind::Value},
                     {u""_s, tr("Arguments"), ColumnSpec::Kind::Rest},
                 },
                 kDefaultMaximumRows, parent)
{
    Q_ASSERT(columnCount() == ColumnCount);
}

} // namespace seneschal::admin
