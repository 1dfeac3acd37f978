#pragma once

#include "topicmodel.h"

namespace seneschal::admin {

// The audit topic: each admin request that changed something, newest first,
// one row per id, its arguments in one column; the oldest drop out past
// maximumRows().
class AuditModel : public TopicModel
{
    Q_OBJECT

public:
    enum Column { Id, At, By, Type, Arguments, ColumnCount };
    Q_ENUM(Column)

    explicit AuditModel(QObject *parent = nullptr);
};

} // namespace seneschal::admin
