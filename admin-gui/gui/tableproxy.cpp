#include "tableproxy.h"

namespace seneschal::admingui {

namespace {

enum Rank { Nothing, Boolean, Number, Text, Other };

Rank rankOf(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::UnknownType:
    case QMetaType::Nullptr:
        return Nothing;
    case QMetaType::Bool:
        return Boolean;
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Double:
    case QMetaType::Float:
        return Number;
    case QMetaType::QString:
        return Text;
    default:
        return Other;
    }
}

QString otherText(const QVariant &value)
{
    if (value.typeId() == QMetaType::QVariantList)
        return value.toStringList().join(u',');
    return value.toString();
}

template<typename T> int threeWay(const T &a, const T &b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

} // namespace

TableProxy::TableProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    setSortRole(Qt::UserRole + 3);
}

void TableProxy::setRoles(int valueRole, int rowRole)
{
    setSortRole(valueRole);
    m_rowRole = rowRole;
}

void TableProxy::setFormatter(const CellFormatter &formatter)
{
    m_formatter = formatter;
    invalidateRowsFilter();
}

void TableProxy::setFilterText(const QString &text)
{
    const QStringList terms = text.simplified().split(u' ', Qt::SkipEmptyParts);
    if (terms == m_terms)
        return;
    m_terms = terms;
    invalidateRowsFilter();
}

void TableProxy::setRowPredicate(RowPredicate predicate)
{
    m_predicate = std::move(predicate);
    invalidateRowsFilter();
}

void TableProxy::refilter()
{
    invalidateRowsFilter();
}

bool TableProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *model = sourceModel();
    if (!model)
        return false;
    if (m_predicate) {
        const QJsonObject row =
            model->index(sourceRow, 0, sourceParent).data(m_rowRole).toJsonObject();
        if (!m_predicate(row))
            return false;
    }
    if (m_terms.isEmpty())
        return true;
    const int columns = model->columnCount(sourceParent);
    QStringList cells;
    cells.reserve(columns);
    for (int column = 0; column < columns; ++column) {
        const QModelIndex cell = model->index(sourceRow, column, sourceParent);
        cells.append(m_formatter.text(cell.data(Qt::DisplayRole), cell.data(sortRole()), column));
    }
    for (const QString &term : m_terms) {
        bool found = false;
        for (const QString &cell : std::as_const(cells)) {
            if (cell.contains(term, Qt::CaseInsensitive)) {
                found = true;
                break;
            }
        }
        if (!found)
            return false;
    }
    return true;
}

QVariant TableProxy::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 &&
        section < m_headers.size()) {
        return m_headers.at(section);
    }
    return QSortFilterProxyModel::headerData(section, orientation, role);
}

int TableProxy::compareValues(const QVariant &left, const QVariant &right)
{
    const Rank a = rankOf(left);
    const Rank b = rankOf(right);
    if (a != b)
        return threeWay(int(a), int(b));
    switch (a) {
    case Nothing:
        return 0;
    case Boolean:
        return threeWay(left.toBool(), right.toBool());
    case Number:
        return threeWay(left.toDouble(), right.toDouble());
    case Text:
        return QString::compare(left.toString(), right.toString(), Qt::CaseInsensitive);
    case Other:
        return QString::compare(otherText(left), otherText(right), Qt::CaseInsensitive);
    }
    return 0;
}

bool TableProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const int order = compareValues(left.data(sortRole()), right.data(sortRole()));
    if (order != 0)
        return order < 0;
    // Equal values keep a stable, meaningful order: by the first column.
    if (left.column() != 0) {
        return compareValues(left.siblingAtColumn(0).data(sortRole()),
                             right.siblingAtColumn(0).data(sortRole())) < 0;
    }
    return false;
}

} // namespace seneschal::admingui
