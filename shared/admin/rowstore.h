#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace seneschal::admin {

// The rows of a live view in arrival order (rank 0 is the oldest), each
// under a unique key. A table fed by events needs, per event, the row
// number of a key, an append, a removal anywhere and a drop of the oldest;
// a list plus a key->row hash makes every removal renumber the rows after
// it. Here rows sit in slots that never move while they live: the key finds
// its slot in the hash, and a Fenwick tree over the live slots turns a slot
// into its rank and back in O(log n). Dead slots are compacted away once
// they outnumber the live ones, which keeps every operation amortized
// O(log n).
class RowStore
{
public:
    int size() const noexcept { return m_live; }
    bool isEmpty() const noexcept { return m_live == 0; }
    void clear();
    // Replaces everything; rows in arrival order, oldest first. A key seen
    // twice keeps its last row at its first place.
    void assign(const QList<QString> &keys, const QList<QJsonObject> &rows);

    // -1 when the key is not there.
    int rankOf(const QString &key) const;
    bool contains(const QString &key) const { return m_slotOf.contains(key); }
    const QJsonObject &rowAt(int rank) const;
    const QString &keyAt(int rank) const;

    // The new row is the newest: its rank is size() - 1 afterwards.
    void append(const QString &key, const QJsonObject &row);
    // Both return the rank of the row, -1 when the key is not there.
    int replace(const QString &key, const QJsonObject &row);
    void removeAt(int rank);

private:
    struct Slot
    {
        QString key;
        QJsonObject row;
        bool live = false;
    };

    int slotAt(int rank) const;
    int rankOfSlot(int slot) const;
    void addToTree(int slot, int delta);
    void rebuildTree(qsizetype capacity);
    void compact();

    QList<Slot> m_slots;
    QHash<QString, int> m_slotOf;
    QList<int> m_tree; // Fenwick tree over m_slots' live flags, 1-based
    int m_live = 0;
};

} // namespace seneschal::admin
