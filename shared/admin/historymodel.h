#pragma once

#include "topicmodel.h"

namespace seneschal::admin {

// The history topic: the reconciliations of section 6, newest first, one
// row per conflict id; the oldest drop out past maximumRows().
class HistoryModel : public TopicModel
{
    Q_OBJECT

public:
    enum Column {
        Id,
        At,
        Oid,
        Property,
        WinnerValue,
        WinnerCuid,
        LoserValue,
        LoserCuid,
        Uploader,
        Seq,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit HistoryModel(QObject *parent = nullptr);
};

} // namespace seneschal::admin
