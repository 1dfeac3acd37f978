#include "reconciliationview.h"

#include "admin/historymodel.h"
#include "cellformatter.h"
#include "consolesession.h"
#include "detailform.h"
#include "errortext.h"
#include "objecthistory.h"
#include "tablepanel.h"
#include "tableproxy.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace seneschal::admingui {

using admin::HistoryModel;
using namespace Qt::StringLiterals;

namespace {

constexpr int kSearchPage = 500;

QString valueText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isObject() || value.isArray()) {
        return QString::fromUtf8(
            value.isObject() ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)
                             : QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    }
    return value.toVariant().toString();
}

} // namespace

ReconciliationView::ReconciliationView(ConsoleSession *session, QWidget *parent)
    : ConsoleView(session, parent)
    , m_oid(new QLineEdit(this))
    , m_device(new QLineEdit(this))
    , m_useFrom(new QCheckBox(tr("&From:"), this))
    , m_from(new QDateTimeEdit(this))
    , m_useTo(new QCheckBox(tr("&To:"), this))
    , m_to(new QDateTimeEdit(this))
    , m_live(new QPushButton(tr("Show &live"), this))
    , m_more(new QPushButton(tr("Load &more"), this))
    , m_source(new QLabel(this))
    , m_table(new TablePanel(u"history"_s, this))
    , m_detail(new DetailForm(this))
    , m_objectHistory(new ObjectHistory(session, this))
    , m_search(new HistoryModel(this))
{
    m_search->setMaximumRows(0);
    m_oid->setObjectName(u"historyOid"_s);
    m_oid->setPlaceholderText(tr("any object"));
    m_device->setObjectName(u"historyDevice"_s);
    m_device->setPlaceholderText(tr("any device"));
    m_device->setToolTip(tr("The winner's, the loser's or the uploader's device"));
    const QDateTime now = QDateTime::currentDateTime();
    m_from->setDateTime(now.addDays(-1));
    m_to->setDateTime(now);
    for (QDateTimeEdit *edit : {m_from, m_to}) {
        edit->setDisplayFormat(u"yyyy-MM-dd HH:mm"_s);
        edit->setCalendarPopup(true);
        edit->setEnabled(false);
        edit->setMinimumWidth(edit->fontMetrics().horizontalAdvance(u"0000-00-00 00:00"_s) +
                              edit->fontMetrics().height() * 3);
    }
    connect(m_useFrom, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_useTo, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    for (QLineEdit *edit : {m_oid, m_device}) {
        edit->setClearButtonEnabled(true);
        connect(edit, &QLineEdit::textChanged, m_table->proxy(), &TableProxy::refilter);
        connect(edit, &QLineEdit::returnPressed, this, &ReconciliationView::searchServer);
    }
    for (QCheckBox *box : {m_useFrom, m_useTo})
        connect(box, &QCheckBox::toggled, m_table->proxy(), &TableProxy::refilter);
    for (QDateTimeEdit *edit : {m_from, m_to})
        connect(edit, &QDateTimeEdit::dateTimeChanged, m_table->proxy(), &TableProxy::refilter);

    auto *searchButton = new QPushButton(tr("Search &server"), this);
    searchButton->setToolTip(tr("Ask the server for every reconciliation that matches, also "
                                "those older than the live list holds"));
    connect(searchButton, &QPushButton::clicked, this, &ReconciliationView::searchServer);
    connect(m_live, &QPushButton::clicked, this, &ReconciliationView::showLive);
    connect(m_more, &QPushButton::clicked, this, [this] { loadPage(m_next); });

    auto *filters = new QHBoxLayout;
    auto *oidLabel = new QLabel(tr("&Object:"), this);
    oidLabel->setBuddy(m_oid);
    auto *deviceLabel = new QLabel(tr("&Device:"), this);
    deviceLabel->setBuddy(m_device);
    filters->addWidget(oidLabel);
    filters->addWidget(m_oid, 1);
    filters->addWidget(deviceLabel);
    filters->addWidget(m_device, 1);
    filters->addWidget(m_useFrom);
    filters->addWidget(m_from);
    filters->addWidget(m_useTo);
    filters->addWidget(m_to);
    filters->addWidget(searchButton);
    filters->addWidget(m_live);
    auto *sourceLine = new QHBoxLayout;
    sourceLine->addWidget(m_source, 1);
    sourceLine->addWidget(m_more);
    m_source->setObjectName(u"historySource"_s);

    m_table->setModel(session->history(), HistoryModel::ValueRole, HistoryModel::RowRole,
                      HistoryModel::Id, Qt::DescendingOrder);
    m_table->view()->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->proxy()->setRowPredicate([this](const QJsonObject &row) { return accepts(row); });

    m_detail->setPlaceholder(tr("Select a reconciliation to see it here."));
    auto *right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_detail);
    right->addWidget(m_objectHistory);
    right->setStretchFactor(1, 1);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_table);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addLayout(sourceLine);
    layout->addWidget(splitter, 1);

    auto *byObject = new QAction(tr("Filter by this &object"), this);
    connect(byObject, &QAction::triggered, this,
            [this] { m_oid->setText(m_table->currentRow().value(u"oid"_s).toString()); });
    auto *byDevice = new QAction(tr("Filter by the &uploader"), this);
    connect(byDevice, &QAction::triggered, this,
            [this] { m_device->setText(m_table->currentRow().value(u"uploader"_s).toString()); });
    m_table->addRowAction(byObject);
    m_table->addRowAction(byDevice);

    connect(m_table, &TablePanel::currentRowChanged, this, [this](const QJsonObject &row) {
        if (row.isEmpty()) {
            m_detail->clear();
            return;
        }
        const QJsonObject winner = row.value(u"winner"_s).toObject();
        const QJsonObject loser = row.value(u"loser"_s).toObject();
        m_detail->setTitle(
            tr("%1 · %2").arg(row.value(u"oid"_s).toString(), row.value(u"prop"_s).toString()));
        m_detail->setFields({
            {tr("Reconciled at"), CellFormatter::timeText(row.value(u"at"_s).toInteger())},
            {tr("Winner"), tr("%1, written %2 by %3")
                               .arg(valueText(winner.value(u"value"_s)),
                                    CellFormatter::timeText(winner.value(u"ts"_s).toInteger()),
                                    winner.value(u"cuid"_s).toString())},
            {tr("Loser"), tr("%1, written %2 by %3")
                              .arg(valueText(loser.value(u"value"_s)),
                                   CellFormatter::timeText(loser.value(u"ts"_s).toInteger()),
                                   loser.value(u"cuid"_s).toString())},
            {tr("Uploaded by"), row.value(u"uploader"_s).toString()},
            {tr("Seq"), QString::number(row.value(u"seq"_s).toInteger())},
        });
        const QString oid = row.value(u"oid"_s).toString();
        if (oid != m_objectHistory->oid())
            m_objectHistory->showObject(oid);
    });
    connect(session->history(), &QAbstractItemModel::modelReset, this,
            &ReconciliationView::updateSource);
    connect(session->history(), &QAbstractItemModel::rowsInserted, this,
            &ReconciliationView::updateSource);
    updateSource();
}

QString ReconciliationView::title() const
{
    return tr("Reconciliation");
}

void ReconciliationView::refresh()
{
    if (m_showsSearch)
        searchServer();
    else
        session()->resubscribe(protocol::admin::Topic::History);
    m_objectHistory->showObject(m_objectHistory->oid());
}

void ReconciliationView::focusFilter()
{
    m_table->focusFilter();
}

bool ReconciliationView::accepts(const QJsonObject &row) const
{
    const QString oid = m_oid->text().trimmed();
    if (!oid.isEmpty() && !row.value(u"oid"_s).toString().startsWith(oid))
        return false;
    const QString device = m_device->text().trimmed();
    if (!device.isEmpty() &&
        row.value(u"winner"_s).toObject().value(u"cuid"_s).toString() != device &&
        row.value(u"loser"_s).toObject().value(u"cuid"_s).toString() != device &&
        row.value(u"uploader"_s).toString() != device) {
        return false;
    }
    const qint64 at = row.value(u"at"_s).toInteger();
    if (m_useFrom->isChecked() && at < m_from->dateTime().toMSecsSinceEpoch())
        return false;
    if (m_useTo->isChecked() && at > m_to->dateTime().toMSecsSinceEpoch())
        return false;
    return true;
}

void ReconciliationView::searchServer()
{
    ++m_generation;
    m_next.clear();
    m_search->applySnapshot({});
    if (!m_showsSearch) {
        m_showsSearch = true;
        m_table->setModel(m_search, HistoryModel::ValueRole, HistoryModel::RowRole);
    }
    loadPage({});
}

void ReconciliationView::loadPage(const QString &after)
{
    admin::AdminClient *client = session()->client();
    if (!client)
        return;
    admin::HistoryFilter filter;
    filter.oid = m_oid->text().trimmed();
    filter.cuid = m_device->text().trimmed();
    if (m_useFrom->isChecked())
        filter.fromMs = m_from->dateTime().toMSecsSinceEpoch();
    if (m_useTo->isChecked())
        filter.toMs = m_to->dateTime().toMSecsSinceEpoch();
    m_source->setText(tr("Asking the server…"));
    m_more->setEnabled(false);
    QPointer<ReconciliationView> self(this);
    const quint64 generation = m_generation;
    client->history(
        filter, protocol::admin::Page{kSearchPage, after},
        [self, generation, after](const admin::Reply &reply) {
            if (!self || generation != self->m_generation)
                return;
            if (const auto *error = std::get_if<protocol::admin::AdminError>(&reply)) {
                self->m_source->setText(ErrorText::error(*error));
                return;
            }
            const auto *result = std::get_if<protocol::admin::Result>(&reply);
            if (!result)
                return;
            if (after.isEmpty()) {
                self->m_search->applySnapshot(result->rows);
            } else {
                for (const QJsonValue &row : result->rows)
                    self->m_search->applyEvent(protocol::admin::EventOp::Upsert, row.toObject());
            }
            self->m_next = result->next.isDouble() ? QString::number(result->next.toInteger())
                                                   : result->next.toString();
            self->updateSource();
        });
}

void ReconciliationView::showLive()
{
    ++m_generation;
    m_next.clear();
    if (m_showsSearch) {
        m_showsSearch = false;
        m_table->setModel(session()->history(), HistoryModel::ValueRole, HistoryModel::RowRole);
        m_search->applySnapshot({});
    }
    updateSource();
}

void ReconciliationView::showObject(const QString &oid)
{
    m_oid->setText(oid);
    m_objectHistory->showObject(oid);
    searchServer();
}

void ReconciliationView::updateSource()
{
    m_live->setEnabled(m_showsSearch);
    m_more->setEnabled(m_showsSearch && !m_next.isEmpty());
    m_more->setVisible(m_showsSearch);
    if (m_showsSearch) {
        const int rows = m_search->rowCount();
        m_source->setText(m_next.isEmpty()
                              ? tr("Server search: %n reconciliation(s).", nullptr, rows)
                              : tr("Server search: the newest %n reconciliation(s); more on "
                                   "the server.",
                                   nullptr, rows));
        return;
    }
    m_source->setText(tr("Live: the latest %n reconciliation(s) and every new one. Search the "
                         "server for older ones.",
                         nullptr, session()->history()->rowCount()));
}

} // namespace seneschal::admingui
