#pragma once

#include "cellformatter.h"

#include <QStyledItemDelegate>

namespace seneschal::admingui {

// Draws cells with the text CellFormatter gives them.
class CellDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit CellDelegate(QObject *parent = nullptr);

    void setFormatter(const CellFormatter &formatter) { m_formatter = formatter; }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    CellFormatter m_formatter;
};

} // namespace seneschal::admingui
