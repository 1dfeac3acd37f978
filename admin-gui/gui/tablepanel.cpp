#include "tablepanel.h"

#include "celldelegate.h"
#include "tableproxy.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace seneschal::admingui {

using namespace Qt::StringLiterals;

namespace {

// Typing is not slowed by re-filtering a large table after every key.
constexpr int kFilterDelayMs = 120;
// A burst of events updates the row count once.
constexpr int kCountDelayMs = 100;

} // namespace

TablePanel::TablePanel(const QString &layoutKey, QWidget *parent)
    : QWidget(parent)
    , m_layoutKey(layoutKey)
    , m_filter(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_tools(new QWidget(this))
    , m_view(new QTableView(this))
    , m_proxy(new TableProxy(this))
    , m_delegate(new CellDelegate(this))
    , m_filterDelay(new QTimer(this))
    , m_countDelay(new QTimer(this))
    , m_copy(new QAction(tr("Copy &rows"), this))
{
    m_filter->setPlaceholderText(tr("Filter (Ctrl+F): words found in any column"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName(u"filter"_s);
    m_count->setObjectName(u"rowCount"_s);
    m_count->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *tools = new QHBoxLayout(m_tools);
    tools->setContentsMargins(0, 0, 0, 0);

    m_view->setObjectName(u"table"_s);
    m_view->setModel(m_proxy);
    m_view->setItemDelegate(m_delegate);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setSectionsMovable(true);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view->horizontalHeader(), &QWidget::customContextMenuRequested, this,
            &TablePanel::showHeaderMenu);

    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_tools);
    top->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);

    m_filterDelay->setSingleShot(true);
    m_filterDelay->setInterval(kFilterDelayMs);
    connect(m_filter, &QLineEdit::textChanged, m_filterDelay, qOverload<>(&QTimer::start));
    connect(m_filterDelay, &QTimer::timeout, this,
            [this] { m_proxy->setFilterText(m_filter->text()); });
    m_countDelay->setSingleShot(true);
    m_countDelay->setInterval(kCountDelayMs);
    connect(m_countDelay, &QTimer::timeout, this, &TablePanel::updateCount);
    for (const auto signal :
         {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_proxy, signal, m_countDelay, qOverload<>(&QTimer::start));
    }
    connect(m_proxy, &QAbstractItemModel::modelReset, m_countDelay, qOverload<>(&QTimer::start));
    connect(m_proxy, &QAbstractItemModel::layoutChanged, m_countDelay, qOverload<>(&QTimer::start));

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { Q_EMIT currentRowChanged(rowAt(current)); });
    // A live row that changes while it is current shows its new state.
    connect(m_proxy, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                const QModelIndex current = m_view->selectionModel()->currentIndex();
                if (current.isValid() && current.row() >= topLeft.row() &&
                    current.row() <= bottomRight.row())
                    Q_EMIT currentRowChanged(rowAt(current));
            });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TablePanel::selectionChanged);
    connect(m_view, &QAbstractItemView::activated, this,
            [this](const QModelIndex &index) { Q_EMIT rowActivated(rowAt(index)); });
    // Every table can give its rows to a mail or a ticket.
    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setShortcutContext(Qt::WidgetShortcut);
    connect(m_copy, &QAction::triggered, this,
            [this] { QGuiApplication::clipboard()->setText(selectedText()); });
    m_view->addAction(m_copy);
    auto *separator = new QAction(this);
    separator->setSeparator(true);
    m_view->addAction(separator);
    updateCount();
}

TablePanel::~TablePanel()
{
    saveLayout();
}

void TablePanel::setModel(QAbstractItemModel *model, int valueRole, int rowRole, int sortColumn,
                          Qt::SortOrder order)
{
    if (m_model)
        disconnect(m_model, nullptr, m_countDelay, nullptr);
    const bool first = !m_model;
    m_model = model;
    m_rowRole = rowRole;
    m_proxy->setRoles(valueRole, rowRole);
    m_delegate->setValueRole(valueRole);
    m_proxy->setSourceModel(model);
    if (first) {
        // The indicator first: enabling sorting sorts by it.
        m_view->horizontalHeader()->setSortIndicator(sortColumn, order);
        m_view->setSortingEnabled(true);
        restoreLayout();
    }
    connect(model, &QAbstractItemModel::rowsInserted, m_countDelay, qOverload<>(&QTimer::start));
    connect(model, &QAbstractItemModel::rowsRemoved, m_countDelay, qOverload<>(&QTimer::start));
    connect(model, &QAbstractItemModel::modelReset, m_countDelay, qOverload<>(&QTimer::start));
    updateCount();
}

void TablePanel::setFormatter(const CellFormatter &formatter)
{
    m_delegate->setFormatter(formatter);
    m_proxy->setFormatter(formatter);
    m_view->viewport()->update();
}

void TablePanel::setStretchLastColumn(bool stretch)
{
    m_view->horizontalHeader()->setStretchLastSection(stretch);
}

void TablePanel::addRowAction(QAction *action)
{
    if (!action) {
        auto *separator = new QAction(this);
        separator->setSeparator(true);
        m_view->addAction(separator);
        return;
    }
    m_view->addAction(action);
}

void TablePanel::addToolWidget(QWidget *widget)
{
    m_tools->layout()->addWidget(widget);
}

int TablePanel::visibleRows() const
{
    return m_proxy->rowCount();
}

int TablePanel::totalRows() const
{
    return m_model ? m_model->rowCount() : 0;
}

QJsonObject TablePanel::rowAt(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid())
        return {};
    return proxyIndex.siblingAtColumn(0).data(m_rowRole).toJsonObject();
}

QList<QJsonObject> TablePanel::selectedRows() const
{
    QModelIndexList indexes = m_view->selectionModel()->selectedRows();
    std::sort(indexes.begin(), indexes.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<QJsonObject> rows;
    rows.reserve(indexes.size());
    for (const QModelIndex &index : std::as_const(indexes))
        rows.append(rowAt(index));
    return rows;
}

QJsonObject TablePanel::currentRow() const
{
    return rowAt(m_view->selectionModel()->currentIndex());
}

bool TablePanel::selectRow(const QString &member, const QJsonValue &value)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (rowAt(index).value(member) == value) {
            m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                                 QItemSelectionModel::Rows);
            m_view->scrollTo(index);
            return true;
        }
    }
    return false;
}

QString TablePanel::selectedText() const
{
    QHeaderView *header = m_view->horizontalHeader();
    QList<int> columns;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical))
            columns.append(logical);
    }
    QStringList lines;
    QStringList titles;
    for (const int column : std::as_const(columns))
        titles.append(m_proxy->headerData(column, Qt::Horizontal).toString());
    lines.append(titles.join(u'\t'));
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    const int valueRole = m_proxy->sortRole();
    for (const QModelIndex &row : std::as_const(rows)) {
        QStringList cells;
        for (const int column : std::as_const(columns)) {
            const QModelIndex cell = row.siblingAtColumn(column);
            cells.append(m_proxy->formatter().text(cell.data(Qt::DisplayRole), cell.data(valueRole),
                                                   column));
        }
        lines.append(cells.join(u'\t'));
    }
    return lines.join(u'\n');
}

void TablePanel::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void TablePanel::updateCount()
{
    if (m_fitColumns && m_proxy->rowCount() > 0) {
        m_fitColumns = false;
        m_view->resizeColumnsToContents();
    }
    const int shown = visibleRows();
    const int total = totalRows();
    if (shown == total)
        m_count->setText(tr("%n row(s)", nullptr, total));
    else
        m_count->setText(tr("%1 of %n row(s)", nullptr, total).arg(shown));
}

void TablePanel::showHeaderMenu(const QPoint &position)
{
    QHeaderView *header = m_view->horizontalHeader();
    QMenu menu(this);
    const int columns = header->count();
    for (int logical = 0; logical < columns; ++logical) {
        QAction *toggle = menu.addAction(
            m_proxy->headerData(logical, Qt::Horizontal, Qt::DisplayRole).toString());
        toggle->setCheckable(true);
        toggle->setChecked(!header->isSectionHidden(logical));
        connect(toggle, &QAction::toggled, header,
                [header, logical](bool shown) { header->setSectionHidden(logical, !shown); });
    }
    menu.addSeparator();
    menu.addAction(tr("Fit columns to contents"), m_view,
                   [this] { m_view->resizeColumnsToContents(); });
    menu.exec(header->mapToGlobal(position));
}

void TablePanel::saveLayout() const
{
    if (!m_layoutRestored || m_layoutKey.isEmpty())
        return;
    QSettings settings;
    settings.setValue(u"layout/%1/header"_s.arg(m_layoutKey),
                      m_view->horizontalHeader()->saveState());
}

void TablePanel::restoreLayout()
{
    if (m_layoutKey.isEmpty())
        return;
    m_layoutRestored = true;
    QSettings settings;
    const QByteArray state = settings.value(u"layout/%1/header"_s.arg(m_layoutKey)).toByteArray();
    if (state.isEmpty() || !m_view->horizontalHeader()->restoreState(state)) {
        // No layout yet: widths from what the first rows hold, when they come.
        m_fitColumns = true;
        m_view->resizeColumnsToContents();
    }
}

} // namespace seneschal::admingui
