#pragma once

#include "topicmodel.h"

namespace seneschal::admin {

// The devices topic: every known device, online or not, in the order the
// server listed them (new devices at the bottom), one row per cuid.
class DevicesModel : public TopicModel
{
    Q_OBJECT

public:
    enum Column {
        Cuid,
        Uuid,
        Online,
        Address,
        Phase,
        ConnectedAt,
        LastSeen,
        Cursor,
        Lag,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit DevicesModel(QObject *parent = nullptr);
};

} // namespace seneschal::admin
