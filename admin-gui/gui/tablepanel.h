#pragma once

#include "cellformatter.h"

#include <QJsonObject>
#include <QList>
#include <QWidget>

class QAbstractItemModel;
class QAction;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace seneschal::admingui {

class CellDelegate;
class TableProxy;

// A table of one view with what every table of the console has: a text
// filter that matches every column (Ctrl+F focuses it), sorting on every
// column, a count of the rows shown, a context menu of the view's actions, a
// header menu to show and hide columns, and the column layout (order,
// widths, hidden columns, sort) remembered in QSettings under `layoutKey`.
class TablePanel : public QWidget
{
    Q_OBJECT

public:
    explicit TablePanel(const QString &layoutKey, QWidget *parent = nullptr);
    ~TablePanel() override;

    // `valueRole` and `rowRole` are the model's roles for the unformatted
    // cell value (sorting) and the whole row as a QJsonObject. Sorts by
    // `sortColumn` until the operator chooses otherwise. Called again, it
    // shows another model of the same columns in the same layout.
    void setModel(QAbstractItemModel *model, int valueRole, int rowRole, int sortColumn = 0,
                  Qt::SortOrder order = Qt::AscendingOrder);
    void setFormatter(const CellFormatter &formatter);
    // The last column takes the width left (for a column of free text).
    void setStretchLastColumn(bool stretch);

    QTableView *view() const { return m_view; }
    TableProxy *proxy() const { return m_proxy; }
    QLineEdit *filterEdit() const { return m_filter; }

    // The context menu of the rows; a null action adds a separator.
    void addRowAction(QAction *action);
    // A widget shown at the right of the filter line (view-specific filters).
    void addToolWidget(QWidget *widget);

    // Rows shown, and rows in the model.
    int visibleRows() const;
    int totalRows() const;
    // Whole rows (QJsonObject) of the selection, in the view's order.
    QList<QJsonObject> selectedRows() const;
    QJsonObject currentRow() const;
    // Selects the row that has `member` == `value` (the first such); false
    // when none is shown.
    bool selectRow(const QString &member, const QJsonValue &value);

    void focusFilter();
    // The selected rows as the view shows them, tab-separated, with the titles.
    QString selectedText() const;
    void saveLayout() const;
    void restoreLayout();

Q_SIGNALS:
    // Empty when nothing is current.
    void currentRowChanged(const QJsonObject &row);
    void selectionChanged();
    void rowActivated(const QJsonObject &row);

private:
    void updateCount();
    void showHeaderMenu(const QPoint &position);
    QJsonObject rowAt(const QModelIndex &proxyIndex) const;

    QString m_layoutKey;
    QLineEdit *m_filter;
    QLabel *m_count;
    QWidget *m_tools;
    QTableView *m_view;
    TableProxy *m_proxy;
    CellDelegate *m_delegate;
    QTimer *m_filterDelay;
    QTimer *m_countDelay;
    QAction *m_copy;
    QAbstractItemModel *m_model = nullptr;
    int m_rowRole = Qt::UserRole + 1;
    bool m_layoutRestored = false;
    bool m_fitColumns = false; // once the first rows are there
};

} // namespace seneschal::admingui
