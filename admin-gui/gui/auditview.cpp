#include "auditview.h"

#include "admin/auditmodel.h"
#include "cellformatter.h"
#include "consolesession.h"
#include "detailform.h"
#include "tablepanel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSplitter>
#include <QVBoxLayout>

namespace seneschal::admingui {

using admin::AuditModel;
using namespace Qt::StringLiterals;

AuditView::AuditView(ConsoleSession *session, QWidget *parent)
    : ConsoleView(session, parent)
    , m_table(new TablePanel(u"audit"_s, this))
    , m_detail(new DetailForm(this))
{
    CellFormatter formatter;
    for (const QString &type : {u"disconnect"_s, u"expire"_s, u"share"_s, u"user"_s, u"group"_s}) {
        formatter.setValueLabel(AuditModel::Type, type, typeLabel(type));
    }
    m_table->setFormatter(formatter);
    m_table->setModel(session->audit(), AuditModel::ValueRole, AuditModel::RowRole, AuditModel::Id,
                      Qt::DescendingOrder);
    m_table->setStretchLastColumn(true);
    m_detail->setPlaceholder(tr("Select an entry to see it here."));

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_table, &TablePanel::currentRowChanged, this, [this](const QJsonObject &row) {
        if (row.isEmpty()) {
            m_detail->clear();
            return;
        }
        m_detail->setTitle(typeLabel(row.value(u"type"_s).toString()));
        QList<DetailForm::Field> fields = {
            {tr("When"), CellFormatter::timeText(row.value(u"at"_s).toInteger())},
            {tr("By"), row.value(u"by"_s).toString()},
        };
        for (auto it = row.constBegin(); it != row.constEnd(); ++it) {
            if (it.key() == u"id" || it.key() == u"at" || it.key() == u"by" || it.key() == u"type")
                continue;
            QString text;
            if (it->isArray()) {
                QStringList parts;
                for (const QJsonValue &part : it->toArray())
                    parts.append(part.isString() ? part.toString() : part.toVariant().toString());
                text = parts.join(u", ");
            } else if (it->isObject()) {
                text = QString::fromUtf8(QJsonDocument(it->toObject()).toJson());
            } else {
                text = it->toVariant().toString();
            }
            fields.append({it.key(), text});
        }
        m_detail->setFields(fields);
    });
}

QString AuditView::title() const
{
    return tr("Audit");
}

void AuditView::refresh()
{
    session()->resubscribe(protocol::admin::Topic::Audit);
}

void AuditView::focusFilter()
{
    m_table->focusFilter();
}

QString AuditView::typeLabel(const QString &type)
{
    if (type == u"disconnect")
        return tr("disconnect");
    if (type == u"expire")
        return tr("expire");
    if (type == u"share")
        return tr("share");
    if (type == u"user")
        return tr("user");
    if (type == u"group")
        return tr("group");
    return type;
}

} // namespace seneschal::admingui
