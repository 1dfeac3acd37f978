#include "pagedresultmodel.h"

#include "adminlogging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>

namespace seneschal::admin {

using namespace protocol::admin;

namespace {

// A `next` as the `after` of the following request: both spellings of a
// cursor are text to the codec, which writes digits back as a number.
QString cursorText(const QJsonValue &next)
{
    if (next.isString())
        return next.toString();
    if (next.isDouble())
        return QString::number(next.toInteger());
    return {};
}

} // namespace

PagedResultModel::PagedResultModel(const QStringList &columns, QObject *parent)
    : QAbstractTableModel(parent)
    , m_columns(columns)
{}

void PagedResultModel::setPageRequest(PageRequest request)
{
    m_request = std::move(request);
}

void PagedResultModel::refresh()
{
    ++m_generation;
    beginResetModel();
    m_rows.clear();
    m_after.clear();
    m_total.reset();
    m_started = true;
    endResetModel();
    setLoading(false);
    request({});
}

void PagedResultModel::request(const QString &after)
{
    if (!m_request) {
        qCWarning(lcAdminClient) << "PagedResultModel: no page request set";
        return;
    }
    setLoading(true);
    // The model may go before the answer comes; a stale answer is dropped.
    QPointer<PagedResultModel> self(this);
    const quint64 generation = m_generation;
    m_request(after, [self, generation](const Reply &reply) {
        if (self)
            self->onReply(generation, reply);
    });
}

void PagedResultModel::onReply(quint64 generation, const Reply &reply)
{
    if (generation != m_generation)
        return;
    if (const auto *result = std::get_if<Result>(&reply)) {
        if (!result->rows.isEmpty()) {
            const int first = int(m_rows.size());
            beginInsertRows({}, first, first + int(result->rows.size()) - 1);
            for (const QJsonValue &row : result->rows)
                m_rows.append(row.toObject());
            endInsertRows();
        }
        m_after = cursorText(result->next);
        if (result->total && result->total != m_total) {
            m_total = result->total;
            Q_EMIT totalChanged(*m_total);
        }
        setLoading(false);
        return;
    }
    // The cursor stays: fetchMore() may try the same page again.
    setLoading(false);
    if (const auto *error = std::get_if<AdminError>(&reply)) {
        Q_EMIT pageFailed(*error);
        return;
    }
    Q_EMIT pageFailed(AdminError{std::get<Done>(reply).req, protocol::ErrorCode::Invalid,
                                 QStringLiteral("the server answered a query with done")});
}

void PagedResultModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

QJsonObject PagedResultModel::rowObject(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : QJsonObject();
}

int PagedResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PagedResultModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant PagedResultModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonObject &row = m_rows.at(index.row());
    if (role == RowRole)
        return row;
    const QJsonValue value = row.value(m_columns.at(index.column()));
    if (role == ValueRole)
        return value.toVariant();
    if (role != Qt::DisplayRole)
        return {};
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isDouble() && value.toDouble() == double(value.toInteger()))
        return value.toInteger();
    return value.toVariant();
}

QVariant PagedResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        section >= m_columns.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    return m_columns.at(section);
}

QHash<int, QByteArray> PagedResultModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(RowRole, QByteArrayLiteral("row"));
    names.insert(ValueRole, QByteArrayLiteral("value"));
    return names;
}

bool PagedResultModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_started && !m_loading && !m_after.isEmpty();
}

void PagedResultModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        request(m_after);
}

} // namespace seneschal::admin
