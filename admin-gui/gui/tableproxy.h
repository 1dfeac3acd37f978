#pragma once

#include "cellformatter.h"

#include <QJsonObject>
#include <QSortFilterProxyModel>
#include <QStringList>
#include <functional>

namespace seneschal::admingui {

// The sorting and filtering between a live table and its view. Sorts on the
// models' unformatted value role (numbers as numbers, times as milliseconds:
// much cheaper than comparing the formatted text), and keeps the rows whose
// cells contain every word of the text filter, as CellFormatter shows them,
// and that a view's own row predicate (online only, behind only, ...) accepts.
class TableProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    using RowPredicate = std::function<bool(const QJsonObject &row)>;

    explicit TableProxy(QObject *parent = nullptr);

    // The source model's roles for the unformatted value and the whole row.
    void setRoles(int valueRole, int rowRole);
    void setFormatter(const CellFormatter &formatter);
    const CellFormatter &formatter() const { return m_formatter; }

    QString filterText() const { return m_terms.join(u' '); }
    void setFilterText(const QString &text);
    // Null: every row. Call refilter() when what it looks at changes.
    void setRowPredicate(RowPredicate predicate);
    void refilter();

    // Column titles in place of the source model's (PagedResultModel names
    // its columns by the members of the rows).
    void setHeaderLabels(const QStringList &labels) { m_headers = labels; }
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Orders two unformatted values: nothing first, then booleans, numbers,
    // text (case-insensitive), anything else by its text.
    static int compareValues(const QVariant &left, const QVariant &right);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    CellFormatter m_formatter;
    QStringList m_terms;
    RowPredicate m_predicate;
    QStringList m_headers;
    int m_rowRole = Qt::UserRole + 1;
};

} // namespace seneschal::admingui
