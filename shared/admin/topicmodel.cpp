#include "topicmodel.h"

#include "adminclient.h"
#include "adminlogging.h"

#include <QDateTime>
#include <QJsonDocument>

namespace seneschal::admin {

using protocol::admin::EventOp;

namespace {

QString compactJson(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return value.toVariant().toString();
}

bool isIntegral(double number)
{
    return number == double(qint64(number));
}

} // namespace

TopicModel::TopicModel(protocol::admin::Topic topic, const QString &keyMember, Order order,
                       QList<ColumnSpec> columns, int maximumRows, QObject *parent)
    : QAbstractTableModel(parent)
    , m_topic(topic)
    , m_keyMember(keyMember)
    , m_order(order)
    , m_columns(std::move(columns))
    , m_maximumRows(qMax(0, maximumRows))
{}

void TopicModel::rowApplied(const QJsonObject &) {}

void TopicModel::setMaximumRows(int maximum)
{
    m_maximumRows = qMax(0, maximum);
    if (m_maximumRows > 0 && m_rows.size() > m_maximumRows)
        dropOldest(m_rows.size() - m_maximumRows);
}

QString TopicModel::keyText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble() && isIntegral(value.toDouble()))
        return QString::number(value.toInteger());
    return {};
}

QString TopicModel::keyOf(const QJsonObject &row) const
{
    if (m_keyMember.isEmpty())
        return QStringLiteral("-"); // the one row
    return keyText(row.value(m_keyMember));
}

int TopicModel::viewRow(int rank) const
{
    return m_order == Order::Arrival ? rank : m_rows.size() - 1 - rank;
}

int TopicModel::rankAt(int row) const
{
    return m_order == Order::Arrival ? row : m_rows.size() - 1 - row;
}

void TopicModel::applySnapshot(const QJsonArray &rows)
{
    QList<QString> keys;
    QList<QJsonObject> objects;
    keys.reserve(rows.size());
    objects.reserve(rows.size());
    // Newest-first snapshots are stored oldest first; a cap keeps the newest.
    const qsizetype count = rows.size();
    for (qsizetype n = 0; n < count; ++n) {
        const qsizetype i = m_order == Order::NewestFirst ? count - 1 - n : n;
        const QJsonObject row = rows.at(i).toObject();
        const QString key = keyOf(row);
        if (key.isEmpty()) {
            qCWarning(lcAdminClient) << "snapshot of" << protocol::admin::topicName(m_topic)
                                     << "has a row without" << m_keyMember << "; ignored";
            continue;
        }
        keys.append(key);
        objects.append(row);
    }
    if (m_maximumRows > 0 && keys.size() > m_maximumRows) {
        const qsizetype excess = keys.size() - m_maximumRows;
        keys.remove(0, excess);
        objects.remove(0, excess);
    }

    beginResetModel();
    m_rows.assign(keys, objects);
    endResetModel();
    for (const QJsonObject &row : std::as_const(objects))
        rowApplied(row);
}

void TopicModel::applyEvent(EventOp op, const QJsonObject &row)
{
    const QString key = keyOf(row);
    if (key.isEmpty()) {
        qCWarning(lcAdminClient) << "event of" << protocol::admin::topicName(m_topic) << "without"
                                 << m_keyMember << "; ignored";
        return;
    }

    if (op == EventOp::Remove) {
        const int rank = m_rows.rankOf(key);
        if (rank < 0)
            return; // gone already, or never seen: nothing to show
        const int removed = viewRow(rank);
        beginRemoveRows({}, removed, removed);
        m_rows.removeAt(rank);
        endRemoveRows();
        return;
    }

    const int rank = m_rows.replace(key, row);
    if (rank >= 0) {
        const int changed = viewRow(rank);
        Q_EMIT dataChanged(index(changed, 0), index(changed, int(m_columns.size()) - 1));
    } else {
        if (m_maximumRows > 0 && m_rows.size() >= m_maximumRows)
            dropOldest(m_rows.size() - m_maximumRows + 1);
        const int inserted = m_order == Order::Arrival ? m_rows.size() : 0;
        beginInsertRows({}, inserted, inserted);
        m_rows.append(key, row);
        endInsertRows();
    }
    rowApplied(row);
}

// The oldest rows are one block: at the top in arrival order, at the
// bottom when the newest come first.
void TopicModel::dropOldest(int count)
{
    if (count <= 0)
        return;
    const int first = m_order == Order::Arrival ? 0 : m_rows.size() - count;
    beginRemoveRows({}, first, first + count - 1);
    for (int i = 0; i < count; ++i)
        m_rows.removeAt(0);
    endRemoveRows();
}

void TopicModel::follow(AdminClient *client)
{
    connect(client, &AdminClient::snapshotReceived, this,
            [this](protocol::admin::Topic topic, const QJsonArray &rows) {
                if (topic == m_topic)
                    applySnapshot(rows);
            });
    connect(client, &AdminClient::eventReceived, this,
            [this](protocol::admin::Topic topic, EventOp op, const QJsonObject &row) {
                if (topic == m_topic)
                    applyEvent(op, row);
            });
}

QJsonObject TopicModel::rowObject(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    return m_rows.rowAt(rankAt(row));
}

QString TopicModel::keyAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    return m_rows.keyAt(rankAt(row));
}

int TopicModel::rowOfKey(const QString &key) const
{
    const int rank = m_rows.rankOf(key);
    return rank < 0 ? -1 : viewRow(rank);
}

int TopicModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows.size();
}

int TopicModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QJsonValue TopicModel::cellValue(const QJsonObject &row, const ColumnSpec &column) const
{
    if (column.kind == ColumnSpec::Kind::Rest) {
        QJsonObject rest = row;
        for (const ColumnSpec &other : m_columns)
            rest.remove(other.member);
        return rest;
    }
    const QJsonValue value = row.value(column.member);
    if (column.inner.isEmpty())
        return value;
    return value.toObject().value(column.inner);
}

QVariant TopicModel::display(const QJsonObject &row, const ColumnSpec &column) const
{
    const QJsonValue value = cellValue(row, column);
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Bool:
        return value.toBool();
    case QJsonValue::Double:
        if (column.kind == ColumnSpec::Kind::Time)
            return QDateTime::fromMSecsSinceEpoch(value.toInteger());
        if (isIntegral(value.toDouble()))
            return value.toInteger();
        return value.toDouble();
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array: {
        QStringList parts;
        for (const QJsonValue &element : value.toArray())
            parts.append(element.isString() ? element.toString() : compactJson(element));
        return parts.join(QStringLiteral(", "));
    }
    case QJsonValue::Object:
        return compactJson(value);
    }
    return {};
}

QVariant TopicModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int rank = rankAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(m_rows.rowAt(rank), m_columns.at(index.column()));
    case RowRole:
        return m_rows.rowAt(rank);
    case KeyRole:
        return m_rows.keyAt(rank);
    case ValueRole:
        return cellValue(m_rows.rowAt(rank), m_columns.at(index.column())).toVariant();
    default:
        return {};
    }
}

QVariant TopicModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        section >= m_columns.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    return m_columns.at(section).title;
}

QHash<int, QByteArray> TopicModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(RowRole, QByteArrayLiteral("row"));
    names.insert(KeyRole, QByteArrayLiteral("key"));
    names.insert(ValueRole, QByteArrayLiteral("value"));
    return names;
}

} // namespace seneschal::admin
