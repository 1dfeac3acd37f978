#include "devicesmodel.h"

namespace seneschal::admin {

using namespace Qt::StringLiterals;
DevicesModel::DevicesModel(QObject *parent)
    : TopicModel(protocol::admin::Topic::Devices, u"cuid"_s, Order::Arrival,
                 {
                     {u"cuid"_s, tr("Device"), ColumnSpec::Kind::Value},
                     {u"uuid"_s, tr("User"), ColumnSpec::Kind::Value},
                     {u"online"_s, tr("Online"), ColumnSpec::Kind::Value},
                     {u"address"_s, tr("Address"), ColumnSpec::Kind::Value},
                     {u"phase"_s, tr("Phase"), ColumnSpec::Kind::Value},
                     {u"connectedAt"_s, tr("Connected"), ColumnSpec::Kind::Time},
                     {u"lastSeen"_s, tr("Last seen"), ColumnSpec::Kind::Time},
                     {u"cursor"_s, tr("Cursor"), ColumnSpec::Kind::Value},
                     {u"lag"_s, tr("Lag"), ColumnSpec::Kind::Value},
                 },
                 0, parent)
{
    Q_ASSERT(columnCount() == ColumnCount);
}

} // namespace seneschal::admin
