#include "objectdetail.h"

#include "admin/accessmodel.h"
#include "cellformatter.h"
#include "consolesession.h"
#include "detailform.h"
#include "errortext.h"
#include "tablepanel.h"
#include "tableproxy.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace seneschal::admingui {

using namespace Qt::StringLiterals;

namespace {

QString valueText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
        return u"null"_s;
    default:
        return value.toVariant().toString();
    }
}

QString joined(const QJsonValue &array)
{
    QStringList parts;
    for (const QJsonValue &value : array.toArray())
        parts.append(value.toString());
    return parts.join(u", ");
}

} // namespace

ObjectDetail::ObjectDetail(ConsoleSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_status(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_summary(new DetailForm(this))
    , m_properties(new QTableWidget(0, 5, this))
    , m_history(new TablePanel(u"objectAccessHistory"_s, this))
    , m_edit(new QPushButton(tr("Edit &access…"), this))
    , m_reconciliations(new QPushButton(tr("Show &reconciliations"), this))
{
    m_status->setWordWrap(true);
    m_summary->setObjectName(u"objectSummary"_s);
    m_summary->setPlaceholder(tr("Select an object to see it here."));
    m_properties->setObjectName(u"objectProperties"_s);
    m_properties->setHorizontalHeaderLabels(
        {tr("Property"), tr("Value"), tr("Written at"), tr("Device"), tr("Dispatch")});
    m_properties->verticalHeader()->hide();
    m_properties->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_properties->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_properties->setAlternatingRowColors(true);
    m_properties->horizontalHeader()->setStretchLastSection(true);
    m_properties->setSortingEnabled(true);

    // The access topic's rows of this object only.
    m_history->setModel(session->access(), admin::AccessModel::ValueRole,
                        admin::AccessModel::RowRole, admin::AccessModel::Seq, Qt::DescendingOrder);
    CellFormatter formatter;
    for (const QString &access : {u"public"_s, u"private"_s, u"inherit"_s})
        formatter.setValueLabel(admin::AccessModel::Access, access,
                                CellFormatter::accessLabel(access));
    m_history->setFormatter(formatter);
    m_history->setStretchLastColumn(true);
    m_history->proxy()->setRowPredicate(
        [this](const QJsonObject &row) { return row.value(u"oid"_s).toString() == m_oid; });

    m_tabs->addTab(m_properties, tr("Properties"));
    m_tabs->addTab(m_history, tr("Access history"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_edit);
    buttons->addWidget(m_reconciliations);
    buttons->addStretch(1);
    connect(m_edit, &QPushButton::clicked, this, &ObjectDetail::editAccessRequested);
    connect(m_reconciliations, &QPushButton::clicked, this,
            [this] { Q_EMIT historyRequested(m_oid); });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    layout->addWidget(m_tabs, 1);

    // An access change of this object: what the server shows now.
    connect(session->access(), &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) {
                for (int row = first; row <= last; ++row) {
                    if (m_session->access()->rowObject(row).value(u"oid"_s).toString() == m_oid) {
                        reload();
                        return;
                    }
                }
            });
    showObject({});
}

void ObjectDetail::showObject(const QString &oid)
{
    m_oid = oid;
    m_history->proxy()->refilter();
    reload();
}

void ObjectDetail::reload()
{
    ++m_generation;
    m_object = {};
    const bool has = !m_oid.isEmpty();
    m_edit->setEnabled(false);
    m_reconciliations->setEnabled(has);
    m_tabs->setEnabled(has);
    if (!has) {
        m_status->clear();
        m_summary->clear();
        m_properties->setRowCount(0);
        return;
    }
    admin::AdminClient *client = m_session->client();
    if (!client)
        return;
    m_status->setText(tr("Loading %1…").arg(m_oid));
    QPointer<ObjectDetail> self(this);
    const quint64 generation = m_generation;
    client->object(m_oid, [self, generation](const admin::Reply &reply) {
        if (!self || generation != self->m_generation)
            return; // another object was chosen meanwhile
        if (const auto *error = std::get_if<protocol::admin::AdminError>(&reply)) {
            self->m_status->setText(ErrorText::error(*error));
            return;
        }
        const auto *result = std::get_if<protocol::admin::Result>(&reply);
        if (!result || result->rows.isEmpty()) {
            self->m_status->setText(tr("The server did not return the object."));
            return;
        }
        self->m_status->clear();
        self->showRow(result->rows.first().toObject());
    });
}

void ObjectDetail::showRow(const QJsonObject &object)
{
    m_object = object;
    m_edit->setEnabled(true);
    m_summary->setTitle(object.value(u"oid"_s).toString());
    const QString parent = object.value(u"parent"_s).toString();
    QString audience = joined(object.value(u"audience"_s));
    if (object.value(u"audienceEveryone"_s).toBool())
        audience = tr("everyone (public): %1").arg(audience);
    const QString grants = joined(object.value(u"grants"_s));
    const QString groups = joined(object.value(u"audienceGroups"_s));
    m_summary->setFields({
        {tr("Kind"), object.value(u"kind"_s).toString()},
        {tr("Owner"), object.value(u"owner"_s).toString()},
        {tr("Parent"), parent.isEmpty() ? tr("none") : parent},
        {tr("Access"), CellFormatter::accessLabel(object.value(u"access"_s).toString())},
        {tr("Grants"), grants.isEmpty() ? tr("none") : grants},
        {tr("Groups that see it"), groups.isEmpty() ? tr("none") : groups},
        {tr("Users who see it now"), audience},
        {tr("Seq"), QString::number(object.value(u"seq"_s).toInteger())},
        {tr("Deleted"), object.value(u"deleted"_s).toBool() ? tr("yes") : tr("no")},
    });

    const QJsonObject props = object.value(u"props"_s).toObject();
    const QJsonObject stamps = object.value(u"stamps"_s).toObject();
    QStringList names = props.keys();
    for (const QString &name : stamps.keys()) {
        if (!names.contains(name))
            names.append(name); // _deleted has a stamp and no value
    }
    m_properties->setSortingEnabled(false);
    m_properties->setRowCount(int(names.size()));
    for (int row = 0; row < names.size(); ++row) {
        const QString &name = names[row];
        const QJsonArray stamp = stamps.value(name).toArray();
        const QStringList cells = {
            name,
            props.contains(name) ? valueText(props.value(name)) : QString(),
            CellFormatter::timeText(stamp.at(0).toInteger()),
            stamp.at(1).toString(),
            stamp.at(2).toString(),
        };
        for (int column = 0; column < cells.size(); ++column)
            m_properties->setItem(row, column, new QTableWidgetItem(cells[column]));
    }
    m_properties->setSortingEnabled(true);
    m_properties->resizeColumnsToContents();

    Q_EMIT loaded(object);
}

} // namespace seneschal::admingui
