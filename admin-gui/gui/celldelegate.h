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
    // The model's role of the unformatted value (lists and objects).
    void setValueRole(int role) { m_valueRole = role; }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    CellFormatter m_formatter;
    int m_valueRole = -1;
};

} // namespace seneschal::admingui
