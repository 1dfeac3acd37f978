#include "objectsview.h"

#include "accesseditor.h"
#include "admin/pagedresultmodel.h"
#include "cellformatter.h"
#include "consolesession.h"
#include "errortext.h"
#include "objectdetail.h"
#include "tablepanel.h"
#include "tableproxy.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace seneschal::admingui {

using admin::PagedResultModel;
using namespace Qt::StringLiterals;

namespace {

enum Column { Oid, Kind, Owner, Access, Seq, Deleted, Parent };

}

ObjectsView::ObjectsView(ConsoleSession *session, QWidget *parent)
    : ConsoleView(session, parent)
    , m_prefix(new QLineEdit(this))
    , m_kind(new QLineEdit(this))
    , m_owner(new QLineEdit(this))
    , m_more(new QPushButton(tr("Load &more"), this))
    , m_status(new QLabel(this))
    , m_model(new PagedResultModel(
          {u"oid"_s, u"kind"_s, u"owner"_s, u"access"_s, u"seq"_s, u"deleted"_s, u"parent"_s},
          this))
    , m_table(new TablePanel(u"objects"_s, this))
    , m_detail(new ObjectDetail(session, this))
{
    m_prefix->setObjectName(u"oidPrefix"_s);
    m_prefix->setPlaceholderText(tr("start of the oid"));
    m_kind->setObjectName(u"kind"_s);
    m_kind->setPlaceholderText(tr("any kind"));
    m_owner->setObjectName(u"owner"_s);
    m_owner->setPlaceholderText(tr("any owner"));
    for (QLineEdit *edit : {m_prefix, m_kind, m_owner}) {
        edit->setClearButtonEnabled(true);
        connect(edit, &QLineEdit::returnPressed, this, &ObjectsView::search);
    }
    auto *searchButton = new QPushButton(tr("&Search"), this);
    connect(searchButton, &QPushButton::clicked, this, &ObjectsView::search);
    connect(m_more, &QPushButton::clicked, this, [this] { m_model->fetchMore(); });

    auto *form = new QHBoxLayout;
    auto *prefixLabel = new QLabel(tr("&Object:"), this);
    prefixLabel->setBuddy(m_prefix);
    auto *kindLabel = new QLabel(tr("&Kind:"), this);
    kindLabel->setBuddy(m_kind);
    auto *ownerLabel = new QLabel(tr("O&wner:"), this);
    ownerLabel->setBuddy(m_owner);
    form->addWidget(prefixLabel);
    form->addWidget(m_prefix, 2);
    form->addWidget(kindLabel);
    form->addWidget(m_kind, 1);
    form->addWidget(ownerLabel);
    form->addWidget(m_owner, 1);
    form->addWidget(searchButton);

    m_table->proxy()->setHeaderLabels({tr("Object"), tr("Kind"), tr("Owner"), tr("Access"),
                                       tr("Seq"), tr("Deleted"), tr("Parent")});
    CellFormatter formatter;
    for (const QString &access : {u"public"_s, u"private"_s, u"inherit"_s})
        formatter.setValueLabel(Access, access, CellFormatter::accessLabel(access));
    m_table->setFormatter(formatter);
    m_table->setModel(m_model, PagedResultModel::ValueRole, PagedResultModel::RowRole, Oid);
    m_table->view()->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setStretchLastColumn(true);
    m_table->addToolWidget(m_more);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_table, 1);
    leftLayout->addWidget(m_status);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(splitter, 1);

    auto *edit = new QAction(tr("Edit &access…"), this);
    connect(edit, &QAction::triggered, this, &ObjectsView::editAccess);
    m_table->addRowAction(edit);
    connect(m_table, &TablePanel::currentRowChanged, this, [this](const QJsonObject &row) {
        m_detail->showObject(row.value(u"oid"_s).toString());
    });
    connect(m_detail, &ObjectDetail::editAccessRequested, this, &ObjectsView::editAccess);
    connect(m_detail, &ObjectDetail::historyRequested, this, &ObjectsView::historyRequested);
    connect(m_model, &PagedResultModel::loadingChanged, this, &ObjectsView::updateStatus);
    connect(m_model, &PagedResultModel::loadingChanged, this, &ObjectsView::loadRestWhileFiltering);
    connect(m_table->filterEdit(), &QLineEdit::textChanged, this,
            &ObjectsView::loadRestWhileFiltering);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ObjectsView::updateStatus);
    connect(m_model, &PagedResultModel::pageFailed, this,
            [this](const protocol::admin::AdminError &error) {
                m_status->setText(ErrorText::error(error));
            });
    // The first search once the session is there.
    connect(session, &ConsoleSession::welcomed, this, [this] {
        if (!m_searched)
            search();
    });
    updateStatus();
}

QString ObjectsView::title() const
{
    return tr("Objects and access");
}

void ObjectsView::refresh()
{
    search();
    m_detail->reload();
}

void ObjectsView::focusFilter()
{
    m_table->focusFilter();
}

void ObjectsView::search()
{
    admin::AdminClient *client = session()->client();
    if (!client)
        return;
    m_searched = true;
    admin::ObjectsFilter filter;
    filter.prefix = m_prefix->text().trimmed();
    filter.kind = m_kind->text().trimmed();
    filter.owner = m_owner->text().trimmed();
    m_model->setPageRequest(client->objectsPages(filter));
    m_model->refresh();
}

void ObjectsView::showObject(const QString &oid)
{
    m_prefix->setText(oid);
    m_kind->clear();
    m_owner->clear();
    search();
    m_detail->showObject(oid);
}

AccessEditorDialog *ObjectsView::editAccess()
{
    if (m_detail->object().isEmpty())
        return nullptr;
    auto *dialog = new AccessEditorDialog(session(), m_detail->object(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AccessEditorDialog::applied, m_detail, &ObjectDetail::reload);
    dialog->open();
    return dialog;
}

void ObjectsView::loadRestWhileFiltering()
{
    if (!m_table->filterEdit()->text().trimmed().isEmpty() && m_model->canFetchMore() &&
        m_model->rowCount() < kFilterLoadLimit) {
        m_model->fetchMore();
    }
}

void ObjectsView::updateStatus()
{
    m_more->setEnabled(m_model->canFetchMore());
    if (m_model->isLoading()) {
        m_status->setText(tr("Searching…"));
        return;
    }
    const int rows = m_model->rowCount();
    if (m_model->atEnd())
        m_status->setText(tr("%n object(s) found.", nullptr, rows));
    else
        m_status->setText(tr("%n object(s) loaded; more on the server.", nullptr, rows));
}

} // namespace seneschal::admingui
