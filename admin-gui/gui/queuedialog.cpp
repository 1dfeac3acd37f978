#include "queuedialog.h"

#include "admin/pagedresultmodel.h"
#include "buttontext.h"
#include "consolesession.h"
#include "errortext.h"
#include "tablepanel.h"
#include "tableproxy.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace seneschal::admingui {

using admin::PagedResultModel;
using namespace Qt::StringLiterals;

QueueDialog::QueueDialog(ConsoleSession *session, const QString &cuid, QWidget *parent)
    : QDialog(parent)
    , m_cuid(cuid)
    , m_model(new PagedResultModel({u"seq"_s, u"oid"_s, u"kind"_s, u"op"_s, u"deleted"_s}, this))
    , m_table(new TablePanel(u"queue"_s, this))
    , m_status(new QLabel(this))
    , m_more(new QPushButton(tr("Load &more"), this))
{
    setWindowTitle(tr("Queue of %1").arg(cuid));
    resize(720, 480);
    m_status->setObjectName(u"queueTotal"_s);
    m_table->proxy()->setHeaderLabels(
        {tr("Seq"), tr("Object"), tr("Kind"), tr("Operation"), tr("Deleted")});
    m_table->setModel(m_model, PagedResultModel::ValueRole, PagedResultModel::RowRole, 0);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_more, QDialogButtonBox::ActionRole);
    auto *refreshButton = buttons->addButton(tr("&Refresh"), QDialogButtonBox::ActionRole);
    ButtonText::apply(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(refreshButton, &QPushButton::clicked, this, &QueueDialog::refresh);
    connect(m_more, &QPushButton::clicked, this, [this] { m_model->fetchMore(); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);

    connect(m_model, &PagedResultModel::loadingChanged, this, &QueueDialog::updateStatus);
    connect(m_model, &PagedResultModel::totalChanged, this, &QueueDialog::updateStatus);
    connect(m_model, &PagedResultModel::pageFailed, this,
            [this](const protocol::admin::AdminError &error) {
                m_status->setText(ErrorText::error(error));
            });
    if (admin::AdminClient *client = session->client())
        m_model->setPageRequest(client->queuePages(cuid));
    refresh();
}

void QueueDialog::refresh()
{
    m_model->refresh();
}

QString QueueDialog::totalText() const
{
    return m_status->text();
}

void QueueDialog::updateStatus()
{
    m_more->setEnabled(m_model->canFetchMore());
    if (m_model->isLoading() && m_model->rowCount() == 0) {
        m_status->setText(tr("Loading…"));
        return;
    }
    const qint64 total = m_model->total().value_or(m_model->rowCount());
    if (total == 0) {
        m_status->setText(tr("Nothing queued: the device is up to date."));
        return;
    }
    m_status->setText(tr("%n message(s) queued for %1; %2 shown.", nullptr, int(total))
                          .arg(m_cuid)
                          .arg(m_model->rowCount()));
}

} // namespace seneschal::admingui
