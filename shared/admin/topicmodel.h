#pragma once

#include "protocol/adminmessages.h"
#include "rowstore.h"

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace seneschal::admin {

class AdminClient;

// A table of one live view (a topic of PROTOCOL.md section 10), fed by its
// snapshot and its events. The snapshot resets the model once; every event
// after it changes one row with the fine-grained signals (dataChanged,
// rowsInserted, rowsRemoved), so that views keep their selection and scroll
// position while the server streams changes. Rows are found by their key in
// O(1) and placed in O(log n) (RowStore), so a burst of events costs little
// even on a large table. The subclasses name the columns.
class TopicModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role {
        RowRole = Qt::UserRole + 1, // the whole row, a QJsonObject
        KeyRole,                    // the row's key, as text
        ValueRole,                  // the cell's JSON value, unformatted (for sorting)
    };
    // The topics that grow without end (history, access, audit) keep the
    // latest this many rows unless told otherwise.
    static constexpr int kDefaultMaximumRows = 10000;

    // Where new rows go: at the bottom in arrival order, or at the top for
    // the topics whose snapshot lists the newest first.
    enum class Order { Arrival, NewestFirst };

    protocol::admin::Topic topic() const noexcept { return m_topic; }
    QString keyMember() const { return m_keyMember; }
    Order order() const noexcept { return m_order; }

    // 0: no limit. Past it, the oldest rows are dropped; lowering it drops
    // them at once.
    int maximumRows() const noexcept { return m_maximumRows; }
    void setMaximumRows(int maximum);

    // The only resets: a snapshot (the first, or a new one after a resync
    // or a reconnect).
    void applySnapshot(const QJsonArray &rows);
    void applyEvent(protocol::admin::EventOp op, const QJsonObject &row);
    // Applies `client`'s snapshots and events of this model's topic.
    void follow(AdminClient *client);

    QJsonObject rowObject(int row) const;
    QString keyAt(int row) const;
    // -1 when no row has that key.
    int rowOfKey(const QString &key) const;
    // A key member's value as text: strings as they are, integers in
    // decimal; empty for anything else (the row is then ignored).
    static QString keyText(const QJsonValue &value);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

protected:
    struct ColumnSpec
    {
        enum class Kind {
            Value, // the member as it is (arrays joined, objects as JSON)
            Time,  // milliseconds since the epoch, shown as a QDateTime
            Rest,  // every member no other column shows, as JSON
        };
        QString member;
        QString title;
        Kind kind = Kind::Value;
        // For a member that is an object (history's winner and loser): the
        // member inside it to show.
        QString inner = {};
    };

    // keyMember empty: the topic has one row (stats).
    TopicModel(protocol::admin::Topic topic, const QString &keyMember, Order order,
               QList<ColumnSpec> columns, int maximumRows, QObject *parent);

    // After a row was stored by a snapshot or an upsert; StatsModel samples it.
    virtual void rowApplied(const QJsonObject &row);

private:
    QString keyOf(const QJsonObject &row) const;
    int viewRow(int rank) const;
    int rankAt(int row) const;
    void dropOldest(int count);
    QVariant display(const QJsonObject &row, const ColumnSpec &column) const;
    QJsonValue cellValue(const QJsonObject &row, const ColumnSpec &column) const;

    protocol::admin::Topic m_topic;
    QString m_keyMember;
    Order m_order;
    QList<ColumnSpec> m_columns;
    int m_maximumRows = 0;
    RowStore m_rows; // rank 0: the oldest
};

} // namespace seneschal::admin
