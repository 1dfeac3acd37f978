#include "celldelegate.h"

namespace seneschal::admingui {

CellDelegate::CellDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

void CellDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QVariant value = index.data(Qt::DisplayRole);
    option->text = m_valueRole >= 0
                       ? m_formatter.text(value, index.data(m_valueRole), index.column())
                       : m_formatter.text(value, index.column());
    // Numbers line up on the right, as in a spreadsheet.
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::Double:
        option->displayAlignment = Qt::AlignRight | Qt::AlignVCenter;
        break;
    default:
        break;
    }
}

} // namespace seneschal::admingui
