#pragma once

#include "adminclient.h"

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QStringList>
#include <optional>

namespace seneschal::admin {

// The rows of a paged query (queue, history, objects), fetched page by page
// as a view scrolls (canFetchMore/fetchMore follow the result's `next`), in
// the order the server gives them. The columns are the row members the
// caller names. It asks for pages through a PageRequest, so a test can
// answer them without a server.
class PagedResultModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role {
        RowRole = Qt::UserRole + 1, // the whole row, a QJsonObject
        ValueRole,                  // the cell's JSON value, unformatted
    };

    explicit PagedResultModel(const QStringList &columns, QObject *parent = nullptr);

    QStringList columns() const { return m_columns; }
    // Takes effect with the next refresh().
    void setPageRequest(PageRequest request);
    // Empties the model and asks for the first page; answers to earlier
    // requests are dropped when they come.
    void refresh();

    bool isLoading() const noexcept { return m_loading; }
    // The last page came (its `next` was null).
    bool atEnd() const noexcept { return m_started && !m_loading && m_after.isEmpty(); }
    // From the latest page that had it (the queue query's).
    std::optional<qint64> total() const { return m_total; }
    QJsonObject rowObject(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    void totalChanged(qint64 total);
    void pageFailed(const seneschal::protocol::admin::AdminError &error);

private:
    void request(const QString &after);
    void onReply(quint64 generation, const Reply &reply);
    void setLoading(bool loading);

    QStringList m_columns;
    PageRequest m_request;
    QList<QJsonObject> m_rows;
    QString m_after; // the next page's cursor; empty after the last page
    std::optional<qint64> m_total;
    bool m_started = false;
    bool m_loading = false;
    quint64 m_generation = 0;
};

} // namespace seneschal::admin
