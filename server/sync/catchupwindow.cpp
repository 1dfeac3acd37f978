#include "catchupwindow.h"

#include "protocol/codec.h"
#include "synclogging.h"

#include <algorithm>

namespace seneschal::sync {

using namespace Qt::StringLiterals;

// What one window sends, built up step by step: one message per oid, sorted
// by seq at the end. A full copy sends no revokes and no tombstones
// (PROTOCOL.md 9.7), except for objects it delivered itself and that were
// hidden or deleted while it was being sent.
class CatchUpWindow::Plan
{
public:
    Plan(CatchUpWindow &window, SessionState &session)
        : m_window(window)
        , m_session(session)
        , m_catchUp(session.catchUp)
        , m_viewer(session.viewer)
        , m_previous(session.viewer)
    {
        // What the device could see is judged with the groups of its last login.
        m_previous.groups = session.previousGroups;
    }

    // Objects whose upload lost while the device already had their latest
    // seq: the correction travels in the spool (PROTOCOL.md 6).
    void correctLostUploads();
    // Every visible object changed in the window (all of them for a full
    // copy), up to `upTo`.
    storage::Status copyChanged(const QList<storage::ObjectKey> &keys, qint64 upTo);
    // Access gained or lost in (from, upTo]: copies of the object and its
    // inheritors, or revokes.
    storage::Status shiftChangedAccess(qint64 from, qint64 upTo);
    // Groups joined or left since the last login.
    storage::Status shiftGroupAccess(qint64 upTo);
    // Objects that stopped inheriting from an ancestor whose access changed.
    storage::Status followDetachedObjects();
    // The access changes in (since, upTo] that opened objects to the device.
    storage::Status readGains(qint64 since, qint64 upTo);

    QList<QByteArray> takeFrames();
    qsizetype size() const { return m_items.size(); }

private:
    bool canSee(const engine::ObjectState &state) const
    {
        return m_window.m_policy.canSee(m_viewer, state);
    }
    // True when `oid` went out in this window or an earlier one; otherwise
    // marks it sent.
    bool alreadySent(const QString &oid);
    void copy(const engine::ObjectState &state, qint64 seq);
    void revoke(const QString &oid, qint64 seq);
    // Whether the device gained the object, or an ancestor it inherits
    // from, by an access change after the object's own seq.
    bool gainedLater(const engine::ObjectState &state);
    // The object and those of its inheritors the device may see now.
    storage::Status copyWithInheritors(const engine::ObjectState &state, qint64 seq);
    // The object and those of its inheritors the device may not see now.
    storage::Status revokeWithInheritors(const QString &oid, qint64 seq);
    storage::Status shift(const QString &oid, bool couldSee, qint64 seq);
    // The seq `markOf` gives the nearest ancestor of `state` that has one (a
    // mark is >= 0), or -1. With `inheritedOnly` the walk stops at the first
    // ancestor that does not inherit: what is above it does not decide who
    // sees `state`.
    template<typename MarkOf>
    qint64 ancestorMark(const engine::ObjectState &state, MarkOf &&markOf,
                        bool inheritedOnly = false);

    struct Item
    {
        qint64 seq;
        QByteArray frame;
    };
    CatchUpWindow &m_window;
    SessionState &m_session;
    CatchUpState &m_catchUp;
    const Viewer &m_viewer;
    Viewer m_previous;
    QList<Item> m_items;
    QSet<QString> m_sent;
    // The access changes of the window, per oid in the order first changed.
    QHash<QString, Audience> m_firstBefore;
    QHash<QString, qint64> m_firstChange;
    QHash<QString, qint64> m_lastChange;
    QStringList m_changedOrder;
    // Objects whose access for this user changed after the catch-up began:
    // earlier windows read them, or objects under them, at their own time,
    // so "before" says little about what the device holds. Their current
    // view (copies, or revokes) is sent again.
    QSet<QString> m_flipped;
};

bool CatchUpWindow::Plan::alreadySent(const QString &oid)
{
    if (m_sent.contains(oid) || m_catchUp.sent.contains(oid))
        return true;
    m_sent.insert(oid);
    if (!m_catchUp.afterSynced)
        m_catchUp.sent.insert(oid);
    return false;
}

void CatchUpWindow::Plan::copy(const engine::ObjectState &state, qint64 seq)
{
    if (alreadySent(state.oid))
        return;
    if (m_catchUp.fullCopy)
        m_catchUp.held.insert(state.oid);
    engine::ObjectState stamped = state;
    stamped.seq = seq;
    m_items.append(Item{seq, protocol::encodeDispatch(stamped)});
}

void CatchUpWindow::Plan::revoke(const QString &oid, qint64 seq)
{
    if (m_sent.contains(oid) || m_catchUp.sent.contains(oid) ||
        (m_catchUp.fullCopy && !m_catchUp.held.remove(oid)))
        return;
    alreadySent(oid);
    m_items.append(Item{seq, protocol::encodeRevoke(seq, oid)});
}

storage::Status CatchUpWindow::Plan::copyWithInheritors(const engine::ObjectState &state,
                                                        qint64 seq)
{
    auto inheritors = m_window.m_cache.inheritorsOf(state.oid, AccessPolicy::kMaxInheritDepth);
    if (!inheritors)
        return inheritors.error();
    copy(state, seq);
    for (const engine::ObjectState *child : inheritors.value()) {
        if (canSee(*child))
            copy(*child, seq);
    }
    return storage::Done{};
}

storage::Status CatchUpWindow::Plan::revokeWithInheritors(const QString &oid, qint64 seq)
{
    auto inheritors = m_window.m_cache.inheritorsOf(oid, AccessPolicy::kMaxInheritDepth);
    if (!inheritors)
        return inheritors.error();
    revoke(oid, seq);
    for (const engine::ObjectState *child : inheritors.value()) {
        if (!canSee(*child))
            revoke(child->oid, seq);
    }
    return storage::Done{};
}

storage::Status CatchUpWindow::Plan::shift(const QString &oid, bool couldSee, qint64 seq)
{
    const engine::ObjectState *state = m_window.m_cache.lookup(oid);
    const bool canSeeNow = state && canSee(*state);
    if (couldSee == canSeeNow && !m_flipped.contains(oid))
        return storage::Done{};
    if (canSeeNow) {
        m_catchUp.grantedAt.insert(oid, seq);
        return copyWithInheritors(*state, seq);
    }
    m_catchUp.revokedAt.insert(oid, seq);
    return revokeWithInheritors(oid, seq);
}

void CatchUpWindow::Plan::correctLostUploads()
{
    for (const QString &oid : std::as_const(m_session.uploadLost)) {
        const engine::ObjectState *state = m_window.m_cache.lookup(oid);
        if (state && state->seq <= m_session.since && canSee(*state))
            copy(*state, state->seq);
    }
    m_session.uploadLost.clear();
}

bool CatchUpWindow::Plan::gainedLater(const engine::ObjectState &state)
{
    if (m_catchUp.gainedAt.isEmpty())
        return false;
    if (m_catchUp.gainedAt.value(state.oid, -1) > state.seq)
        return true;
    if (state.access != engine::Access::Inherit)
        return false;
    // Only a gain the object inherits counts: a public item under a list
    // granted later is no part of that grant (seed 995081166).
    const qint64 gained = ancestorMark(
        state, [&](const QString &ancestor) { return m_catchUp.gainedAt.value(ancestor, -1); },
        true);
    return gained > state.seq;
}

storage::Status CatchUpWindow::Plan::readGains(qint64 since, qint64 upTo)
{
    m_catchUp.gainsRead = true;
    if (m_catchUp.fullCopy || since >= upTo)
        return storage::Done{};
    auto changes = m_window.m_storage.accessChangesAfter(since);
    if (!changes)
        return changes.error();
    // The net change per object, as shiftChangedAccess judges it: hidden
    // for a while and open again is no gain, and copyChanged sends what
    // changed meanwhile at its own seq (seed 2964718366).
    struct Net
    {
        bool couldSee = false;
        bool canSee = false;
        qint64 lastSeq = 0;
    };
    QHash<QString, Net> net;
    QStringList order;
    for (const storage::AccessChange &change : changes.value()) {
        if (change.seq > upTo)
            break;
        auto it = net.find(change.oid);
        if (it == net.end()) {
            it = net.insert(change.oid,
                            Net{Audience::fromJson(change.before).admits(m_previous), false, 0});
            order.append(change.oid);
        }
        it->canSee = Audience::fromJson(change.after).admits(m_viewer);
        it->lastSeq = change.seq;
    }
    for (const QString &oid : std::as_const(order)) {
        const Net &change = net[oid];
        if (!change.couldSee && change.canSee)
            m_catchUp.gainedAt.insert(oid, change.lastSeq);
    }
    return storage::Done{};
}

storage::Status CatchUpWindow::Plan::copyChanged(const QList<storage::ObjectKey> &keys, qint64 upTo)
{
    // Keys only: most objects are in memory already.
    QStringList oids;
    oids.reserve(keys.size());
    for (const storage::ObjectKey &key : keys)
        oids.append(key.oid);
    if (auto status = m_window.m_cache.prefetch(oids); !status)
        return status;
    for (const storage::ObjectKey &key : keys) {
        if (key.seq > upTo)
            break;
        const engine::ObjectState *state = m_window.m_cache.peek(key.oid);
        if (!state || !state->exists())
            continue;
        if (m_catchUp.fullCopy && state->isDeleted()) {
            // Only to a device that holds it from this copy and may see it;
            // it stays held, so that a later revoke still reaches it.
            if (m_catchUp.held.contains(state->oid) && canSee(*state) && !alreadySent(state->oid))
                m_items.append(Item{state->seq, protocol::encodeDispatch(*state)});
            continue;
        }
        // What the device gained through a later access change goes with
        // that change (shiftChangedAccess), at its seq, after its parent.
        if (canSee(*state) && !gainedLater(*state))
            copy(*state, state->seq);
    }
    return storage::Done{};
}

storage::Status CatchUpWindow::Plan::shiftChangedAccess(qint64 from, qint64 upTo)
{
    if (from < upTo) {
        auto changes = m_window.m_storage.accessChangesAfter(from);
        if (!changes)
            return changes.error();
        for (const storage::AccessChange &change : changes.value()) {
            if (change.seq > upTo)
                break;
            if (!m_firstBefore.contains(change.oid)) {
                m_firstBefore.insert(change.oid, Audience::fromJson(change.before));
                m_firstChange.insert(change.oid, change.seq);
                m_changedOrder.append(change.oid);
            }
            m_lastChange[change.oid] = change.seq;
            if (change.seq > m_catchUp.startSeq &&
                Audience::fromJson(change.before).admits(m_viewer) !=
                    Audience::fromJson(change.after).admits(m_viewer))
                m_flipped.insert(change.oid);
        }
    }
    for (const QString &oid : std::as_const(m_changedOrder)) {
        // The groups of the last login judge what changed before this login;
        // what changed since, while the catch-up went on, the current ones.
        const Viewer &then = m_firstChange[oid] <= m_catchUp.startSeq ? m_previous : m_viewer;
        const bool couldSee = m_firstBefore[oid].admits(then);
        if (couldSee && !m_catchUp.seenAt.contains(oid))
            m_catchUp.seenAt.insert(oid, m_firstChange[oid]);
        if (auto status = shift(oid, couldSee, m_lastChange[oid]); !status)
            return status;
    }
    return storage::Done{};
}

storage::Status CatchUpWindow::Plan::shiftGroupAccess(qint64 upTo)
{
    for (const QString &group : m_session.gainedGroups + m_session.lostGroups) {
        auto granted = m_window.m_storage.objectsGrantedTo(u"group:"_s + group);
        if (!granted)
            return granted.error();
        QList<engine::ObjectState> objects = std::move(granted).value();
        for (engine::ObjectState &state : objects) {
            const engine::ObjectState *kept = m_window.m_cache.remember(std::move(state));
            const bool couldSee = m_window.m_policy.canSee(m_previous, *kept);
            if (auto status = shift(kept->oid, couldSee, upTo); !status)
                return status;
        }
    }
    return storage::Done{};
}

template<typename MarkOf>
qint64 CatchUpWindow::Plan::ancestorMark(const engine::ObjectState &state, MarkOf &&markOf,
                                         bool inheritedOnly)
{
    QString parent = state.parent;
    for (int depth = 0; !parent.isEmpty() && depth < AccessPolicy::kMaxInheritDepth; ++depth) {
        if (const qint64 mark = markOf(parent); mark >= 0)
            return mark;
        const engine::ObjectState *ancestor = m_window.m_cache.lookup(parent);
        const bool goOn =
            ancestor && (!inheritedOnly || ancestor->access == engine::Access::Inherit);
        parent = goOn ? ancestor->parent : QString();
    }
    return -1;
}

storage::Status CatchUpWindow::Plan::followDetachedObjects()
{
    // An object that stopped inheriting after `since` (its own access
    // changed) is no longer among the inheritors of the ancestor the device
    // saw it through; when that ancestor was revoked, so is the object with
    // what inherits from it, unless the device may see them now. Likewise
    // when the ancestor was hidden only for a while (no net change, so no
    // revoke of its own) and the object's own change came in that while:
    // the record of that change says the device could not see it, yet the
    // device still holds it from before.
    for (const QString &oid : std::as_const(m_changedOrder)) {
        const engine::ObjectState *state = m_window.m_cache.lookup(oid);
        if (!state || m_sent.contains(oid) || canSee(*state))
            continue;
        const qint64 hiddenAt = ancestorMark(*state, [&](const QString &ancestor) {
            return m_catchUp.revokedAt.value(ancestor, m_catchUp.seenAt.value(ancestor, -1));
        });
        // No walk from the ancestor reaches what inherits from it any more
        // (seed 2983244959).
        if (hiddenAt >= 0) {
            if (auto status = revokeWithInheritors(oid, qMax(hiddenAt, m_lastChange.value(oid)));
                !status)
                return status;
        }
    }
    // The same for a gain: the inheritors of a granted ancestor are read as
    // they stand now, so an object that stopped inheriting after the grant
    // (made public, say) is not among them, nor is anything under it. Its
    // own change need not alter what the device may see (it saw the object
    // through that ancestor until then), so nothing else copies what
    // inherits from it: copy the object and its inheritors here. This may
    // send some of them twice across windows, never one the device may not
    // see.
    for (const QString &oid : std::as_const(m_changedOrder)) {
        const engine::ObjectState *state = m_window.m_cache.lookup(oid);
        if (!state || m_catchUp.grantedAt.contains(oid) || !canSee(*state))
            continue;
        const qint64 grantedAt = ancestorMark(*state, [&](const QString &ancestor) {
            return m_catchUp.grantedAt.value(ancestor, -1);
        });
        if (grantedAt < 0)
            continue;
        if (auto status = copyWithInheritors(*state, qMax(grantedAt, m_lastChange.value(oid)));
            !status)
            return status;
    }
    return storage::Done{};
}

QList<QByteArray> CatchUpWindow::Plan::takeFrames()
{
    std::stable_sort(m_items.begin(), m_items.end(),
                     [](const Item &a, const Item &b) { return a.seq < b.seq; });
    QList<QByteArray> frames;
    frames.reserve(m_items.size());
    for (Item &item : m_items)
        frames.append(std::move(item.frame));
    m_items.clear();
    return frames;
}

CatchUpWindow::CatchUpWindow(storage::Storage &storage, ObjectCache &cache,
                             const AccessPolicy &policy, int pageSize)
    : m_storage(storage)
    , m_cache(cache)
    , m_policy(policy)
    , m_pageSize(pageSize)
{}

storage::Result<CatchUpWindow::Window> CatchUpWindow::next(SessionState &session, qint64 lastSeq,
                                                           qint64 purgedSeq)
{
    CatchUpState &catchUp = session.catchUp;
    const bool firstWindow = catchUp.windows++ == 0;
    const qint64 windowStart = catchUp.after;

    // Expiry between two windows may have purged tombstones or access
    // changes this device has not been sent yet: it must start again.
    if (!catchUp.fullCopy && windowStart < purgedSeq)
        return storage::StorageError{u"history expired during the catch-up"_s};

    // The window: the next spoolPageSize objects in seq order, or all that
    // remain (then this is the last window and the device goes live). Once
    // the windows reach what changed after the catch-up began, the rest goes
    // in one window, so that a busy server cannot keep the device from ever
    // catching up.
    // Until synced the windows cover what changed up to the seq at which
    // the catch-up began, one message per oid; what changed while they went
    // out follows synced (PROTOCOL.md 8).
    if (!catchUp.afterSynced)
        lastSeq = std::min(lastSeq, catchUp.startSeq);
    const qint64 remaining = lastSeq - windowStart;
    const int limit = windowStart >= catchUp.startSeq
                          ? int(std::clamp<qint64>(remaining, m_pageSize, 1 << 24))
                          : m_pageSize;
    auto page = m_storage.objectKeysAfter(windowStart, limit);
    if (!page)
        return page.error();
    const QList<storage::ObjectKey> keys = std::move(page).value();
    const bool lastWindow = keys.size() < limit || keys.constLast().seq >= lastSeq;
    const qint64 upTo = lastWindow ? lastSeq : keys.constLast().seq;

    Plan plan(*this, session);
    if (!catchUp.gainsRead) {
        if (auto status = plan.readGains(windowStart, lastSeq); !status)
            return status.error();
    }
    if (firstWindow)
        plan.correctLostUploads();
    if (auto status = plan.copyChanged(keys, upTo); !status)
        return status.error();
    // A full copy already reflects the access changes made before it began.
    const qint64 accessFrom =
        catchUp.fullCopy ? std::max(windowStart, catchUp.startSeq) : windowStart;
    if (auto status = plan.shiftChangedAccess(accessFrom, upTo); !status)
        return status.error();
    if (firstWindow && !catchUp.fullCopy) {
        if (auto status = plan.shiftGroupAccess(upTo); !status)
            return status.error();
    }
    if (auto status = plan.followDetachedObjects(); !status)
        return status.error();
    if (firstWindow) {
        session.gainedGroups.clear();
        session.lostGroups.clear();
    }

    qCDebug(lcSync) << "spooled" << plan.size() << "messages to" << session.client.cuid
                    << "from seq" << windowStart << "to" << upTo;
    catchUp.after = upTo;
    return Window{plan.takeFrames(), upTo, lastWindow};
}

} // namespace seneschal::sync
