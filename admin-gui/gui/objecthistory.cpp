#include "objecthistory.h"

#include "admin/historymodel.h"
#include "cellformatter.h"
#include "consolesession.h"
#include "errortext.h"

#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMap>
#include <QPointer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace seneschal::admingui {

using namespace Qt::StringLiterals;

namespace {

QString valueText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isNull() || value.isUndefined())
        return u"null"_s;
    return value.toVariant().toString();
}

} // namespace

ObjectHistory::ObjectHistory(ConsoleSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_title(new QLabel(this))
    , m_tree(new QTreeWidget(this))
{
    m_title->setWordWrap(true);
    m_tree->setObjectName(u"objectHistory"_s);
    m_tree->setColumnCount(5);
    m_tree->setHeaderLabels({tr("Property / reconciled / write"), tr("Value"), tr("Written at"),
                             tr("Device"), tr("Uploaded by")});
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setStretchLastSection(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_tree, 1);

    connect(session->history(), &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) {
                for (int row = first; row <= last; ++row) {
                    if (!m_oid.isEmpty() &&
                        m_session->history()->rowObject(row).value(u"oid"_s).toString() == m_oid) {
                        showObject(m_oid);
                        return;
                    }
                }
            });
    showObject({});
}

void ObjectHistory::showObject(const QString &oid)
{
    ++m_generation;
    m_oid = oid;
    m_rows = {};
    m_tree->clear();
    if (oid.isEmpty()) {
        m_title->setText(tr("Select a reconciliation to see the history of its object here."));
        return;
    }
    m_title->setText(tr("Loading the history of %1…").arg(oid));
    load({});
}

void ObjectHistory::load(const QString &after)
{
    admin::AdminClient *client = m_session->client();
    if (!client)
        return;
    admin::HistoryFilter filter;
    filter.oid = m_oid;
    QPointer<ObjectHistory> self(this);
    const quint64 generation = m_generation;
    client->history(filter, protocol::admin::Page{protocol::admin::kMaxPageLimit, after},
                    [self, generation](const admin::Reply &reply) {
                        if (!self || generation != self->m_generation)
                            return;
                        if (const auto *error = std::get_if<protocol::admin::AdminError>(&reply)) {
                            self->m_title->setText(ErrorText::error(*error));
                            return;
                        }
                        const auto *result = std::get_if<protocol::admin::Result>(&reply);
                        if (!result)
                            return;
                        for (const QJsonValue &row : result->rows)
                            self->m_rows.append(row);
                        const QString next = result->next.isDouble()
                                                 ? QString::number(result->next.toInteger())
                                                 : result->next.toString();
                        if (!next.isEmpty() && self->m_rows.size() < kMaximumRows) {
                            self->load(next);
                            return;
                        }
                        self->setRows(self->m_rows);
                    });
}

void ObjectHistory::setRows(const QJsonArray &rows)
{
    m_rows = rows;
    m_tree->clear();
    // Properties in name order, conflicts newest first (as the server lists them).
    QMap<QString, QList<QJsonObject>> byProperty;
    for (const QJsonValue &value : rows) {
        const QJsonObject row = value.toObject();
        byProperty[row.value(u"prop"_s).toString()].append(row);
    }
    QFont bold = m_tree->font();
    bold.setBold(true);
    for (auto it = byProperty.cbegin(); it != byProperty.cend(); ++it) {
        auto *property = new QTreeWidgetItem(m_tree);
        property->setText(0, it.key());
        property->setFont(0, bold);
        property->setText(1, tr("%n reconciliation(s)", nullptr, int(it->size())));
        property->setFirstColumnSpanned(false);
        for (const QJsonObject &row : *it) {
            auto *conflict = new QTreeWidgetItem(property);
            conflict->setText(0, CellFormatter::timeText(row.value(u"at"_s).toInteger()));
            conflict->setToolTip(0, tr("When the server reconciled the two writes"));
            conflict->setText(1, tr("seq %1").arg(row.value(u"seq"_s).toInteger()));
            conflict->setText(4, row.value(u"uploader"_s).toString());
            for (const QString &side : {u"winner"_s, u"loser"_s}) {
                const QJsonObject write = row.value(side).toObject();
                auto *item = new QTreeWidgetItem(conflict);
                item->setText(0, side == u"winner" ? tr("winner") : tr("loser"));
                item->setText(1, valueText(write.value(u"value"_s)));
                item->setText(2, CellFormatter::timeText(write.value(u"ts"_s).toInteger()));
                item->setText(3, write.value(u"cuid"_s).toString());
                if (side == u"winner")
                    item->setFont(0, bold);
            }
        }
    }
    m_tree->expandAll();
    for (int column = 0; column < 4; ++column)
        m_tree->resizeColumnToContents(column);
    m_title->setText(tr("%1: %2 in %3")
                         .arg(m_oid, tr("%n reconciliation(s)", nullptr, int(rows.size())),
                              tr("%n property(ies)", nullptr, int(byProperty.size()))));
    Q_EMIT loaded();
}

} // namespace seneschal::admingui
