#pragma once

#include "topicmodel.h"

namespace seneschal::admin {

// The access topic: every change of an object's access, newest first, one
// row per seq; the oldest drop out past maximumRows().
class AccessModel : public TopicModel
{
    Q_OBJECT

public:
    enum Column { Seq, At, Oid, By, Access, Grant, Revoke, ColumnCount };
    Q_ENUM(Column)

    explicit AccessModel(QObject *parent = nullptr);
};

} // namespace seneschal::admin
