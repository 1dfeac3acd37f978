#include "rowstore.h"

#include <QtGlobal>

namespace seneschal::admin {

namespace {

// Below this many dead slots compacting costs more than it saves.
constexpr int kMinDeadToCompact = 64;
constexpr qsizetype kMinCapacity = 16;

int lowestBit(int i)
{
    return i & -i;
}

} // namespace

void RowStore::clear()
{
    m_slots.clear();
    m_slotOf.clear();
    m_tree.clear();
    m_live = 0;
}

void RowStore::assign(const QList<QString> &keys, const QList<QJsonObject> &rows)
{
    Q_ASSERT(keys.size() == rows.size());
    clear();
    m_slots.reserve(keys.size());
    m_slotOf.reserve(keys.size());
    for (qsizetype i = 0; i < keys.size(); ++i) {
        const auto found = m_slotOf.constFind(keys[i]);
        if (found != m_slotOf.cend()) {
            m_slots[*found].row = rows[i];
            continue;
        }
        m_slotOf.insert(keys[i], int(m_slots.size()));
        m_slots.append(Slot{keys[i], rows[i], true});
    }
    m_live = int(m_slots.size());
    rebuildTree(qMax(kMinCapacity, m_slots.size()));
}

int RowStore::rankOf(const QString &key) const
{
    const auto found = m_slotOf.constFind(key);
    return found == m_slotOf.cend() ? -1 : rankOfSlot(*found);
}

const QJsonObject &RowStore::rowAt(int rank) const
{
    return m_slots[slotAt(rank)].row;
}

const QString &RowStore::keyAt(int rank) const
{
    return m_slots[slotAt(rank)].key;
}

void RowStore::append(const QString &key, const QJsonObject &row)
{
    Q_ASSERT(!m_slotOf.contains(key));
    if (m_slots.size() + 1 >= m_tree.size())
        rebuildTree(qMax(kMinCapacity, 2 * (m_slots.size() + 1)));
    const int slot = int(m_slots.size());
    m_slots.append(Slot{key, row, true});
    m_slotOf.insert(key, slot);
    addToTree(slot, 1);
    ++m_live;
}

int RowStore::replace(const QString &key, const QJsonObject &row)
{
    const auto found = m_slotOf.constFind(key);
    if (found == m_slotOf.cend())
        return -1;
    m_slots[*found].row = row;
    return rankOfSlot(*found);
}

void RowStore::removeAt(int rank)
{
    const int slot = slotAt(rank);
    Slot &dead = m_slots[slot];
    m_slotOf.remove(dead.key);
    dead = Slot{}; // frees the row now, not at the next compaction
    addToTree(slot, -1);
    --m_live;
    const int deadCount = int(m_slots.size()) - m_live;
    if (deadCount >= kMinDeadToCompact && deadCount > m_live)
        compact();
}

// The slot of the rank-th live slot (rank 0: the first): binary lifting
// down the tree.
int RowStore::slotAt(int rank) const
{
    Q_ASSERT(rank >= 0 && rank < m_live);
    const int capacity = int(m_tree.size()) - 1;
    int position = 0;
    int remaining = rank + 1;
    int step = 1;
    while (step * 2 <= capacity)
        step *= 2;
    for (; step > 0; step /= 2) {
        const int next = position + step;
        if (next <= capacity && m_tree[next] < remaining) {
            position = next;
            remaining -= m_tree[next];
        }
    }
    return position; // the slot's 1-based index is position + 1
}

int RowStore::rankOfSlot(int slot) const
{
    int live = 0;
    for (int i = slot + 1; i > 0; i -= lowestBit(i))
        live += m_tree[i];
    return live - 1;
}

void RowStore::addToTree(int slot, int delta)
{
    const int capacity = int(m_tree.size()) - 1;
    for (int i = slot + 1; i <= capacity; i += lowestBit(i))
        m_tree[i] += delta;
}

// Builds the tree for `capacity` slots in O(capacity).
void RowStore::rebuildTree(qsizetype capacity)
{
    m_tree.fill(0, capacity + 1);
    const int size = int(m_tree.size()) - 1;
    for (int i = 1; i <= size; ++i) {
        if (i - 1 < m_slots.size() && m_slots[i - 1].live)
            m_tree[i] += 1;
        const int parent = i + lowestBit(i);
        if (parent <= size)
            m_tree[parent] += m_tree[i];
    }
}

void RowStore::compact()
{
    QList<Slot> slots;
    slots.reserve(m_live);
    m_slotOf.clear();
    m_slotOf.reserve(m_live);
    for (Slot &slot : m_slots) {
        if (!slot.live)
            continue;
        m_slotOf.insert(slot.key, int(slots.size()));
        slots.append(std::move(slot));
    }
    m_slots = std::move(slots);
    rebuildTree(qMax(kMinCapacity, 2 * m_slots.size()));
}

} // namespace seneschal::admin
