#include "fakestorage.h"

#include <QMutexLocker>
#include <algorithm>

using namespace Qt::StringLiterals;
using namespace seneschal::storage;

namespace seneschal::test {

namespace {
StorageError notHere()
{
    return StorageError{u"not implemented by FakeStorage"_s, false};
}
} // namespace

FakeStorage::FakeStorage(std::shared_ptr<FakeUserDatabase> db)
    : m_db(std::move(db))
{}

QString FakeStorage::backendName() const
{
    return u"fake"_s;
}

Status FakeStorage::open()
{
    QMutexLocker lock(&m_db->mutex);
    ++m_db->opens;
    if (m_db->down)
        return StorageError{u"fake database is down"_s, true};
    m_open = true;
    return Done{};
}

void FakeStorage::close()
{
    m_open = false;
}

bool FakeStorage::isOpen() const
{
    return m_open;
}

std::optional<StorageError> FakeStorage::unusable() const
{
    if (m_db->down)
        return StorageError{u"fake database is down"_s, true};
    if (!m_open)
        return StorageError{u"not open"_s, false};
    return std::nullopt;
}

Result<int> FakeStorage::schemaVersion()
{
    return 1;
}
Status FakeStorage::commit(const CommitBatch &)
{
    return notHere();
}
Result<qint64> FakeStorage::lastSeq()
{
    return notHere();
}
Result<std::optional<engine::ObjectState>> FakeStorage::loadObject(const QString &)
{
    return notHere();
}
Result<QList<engine::ObjectState>> FakeStorage::loadObjects(const QStringList &)
{
    return notHere();
}

Result<QList<engine::ObjectState>> FakeStorage::objectsAfter(qint64, int)
{
    return notHere();
}

Result<QList<storage::ObjectKey>> FakeStorage::objectKeysAfter(qint64, int)
{
    return notHere();
}
Result<qint64> FakeStorage::countObjectsAfter(qint64)
{
    return notHere();
}
Result<QSet<DispatchRef>> FakeStorage::knownDispatches(const QList<DispatchRef> &)
{
    return notHere();
}
Result<QList<OpenUpload>> FakeStorage::openUploads()
{
    return notHere();
}
Result<std::optional<QStringList>> FakeStorage::loggedIds(const QString &, int)
{
    return notHere();
}
Result<QList<DispatchLogEntry>> FakeStorage::loggedSince(const QString &, qint64)
{
    return notHere();
}
Result<QList<engine::ObjectState>> FakeStorage::childrenOf(const QStringList &)
{
    return notHere();
}

Result<QList<engine::ObjectState>> FakeStorage::objectsGrantedTo(const QString &)
{
    return notHere();
}

Result<QList<ParentLink>> FakeStorage::waitingForParent()
{
    return notHere();
}

Result<QList<AccessChange>> FakeStorage::accessChangesAfter(qint64)
{
    return notHere();
}

Result<QList<ConflictRecord>> FakeStorage::recentConflicts(int)
{
    return notHere();
}
Result<QList<ConflictRecord>> FakeStorage::conflictsPage(const ConflictFilter &)
{
    return notHere();
}
Result<qint64> FakeStorage::lastConflictId()
{
    return notHere();
}
Result<QList<engine::ObjectState>> FakeStorage::objectsPage(const ObjectFilter &)
{
    return notHere();
}
Result<QList<AccessChange>> FakeStorage::recentAccessChanges(int)
{
    return notHere();
}
Result<qint64> FakeStorage::appendAudit(const AuditRecord &)
{
    return notHere();
}
Result<QList<AuditRecord>> FakeStorage::recentAudit(int)
{
    return notHere();
}
Result<std::optional<ClientRecord>> FakeStorage::client(const QString &)
{
    return notHere();
}
Result<QList<ClientRecord>> FakeStorage::clients()
{
    return notHere();
}
Status FakeStorage::upsertClient(const ClientRecord &)
{
    return notHere();
}
Status FakeStorage::forgetClient(const QString &)
{
    return notHere();
}
Result<ExpiryReport> FakeStorage::expire(qint64)
{
    return notHere();
}
Result<qint64> FakeStorage::purgedSeq()
{
    return notHere();
}

Result<std::optional<UserRecord>> FakeStorage::user(const QString &uuid)
{
    QMutexLocker lock(&m_db->mutex);
    if (auto e = unusable())
        return *e;
    const auto it = m_db->users.constFind(uuid);
    if (it == m_db->users.cend())
        return std::optional<UserRecord>();
    return std::optional<UserRecord>(*it);
}

Result<QList<UserRecord>> FakeStorage::users()
{
    QMutexLocker lock(&m_db->mutex);
    if (auto e = unusable())
        return *e;
    QList<UserRecord> list = m_db->users.values();
    std::sort(list.begin(), list.end(),
              [](const UserRecord &a, const UserRecord &b) { return a.uuid < b.uuid; });
    return list;
}

Status FakeStorage::createUser(const UserRecord &user)
{
    QMutexLocker lock(&m_db->mutex);
    if (auto e = unusable())
        return *e;
    if (m_db->users.contains(user.uuid))
        return StorageError{u"user exists"_s, false};
    m_db->users.insert(user.uuid, user);
    return Done{};
}

Status FakeStorage::setPasswordHash(const QString &uuid, const QString &hash)
{
    QMutexLocker lock(&m_db->mutex);
    if (auto e = unusable())
        return *e;
    auto it = m_db->users.find(uuid);
    if (it == m_db->users.end())
        return StorageError{u"no such user"_s, false};
    it->passwordHash = hash;
    ++it->tokenVersion;
    return Done{};
}

Status FakeStorage::setDisabled(const QString &uuid, bool disabled)
{
    QMutexLocker lock(&m_db->mutex);
    if (auto e = unusable())
        return *e;
    auto it = m_db->users.find(uuid);
    if (it == m_db->users.end())
        return StorageError{u"no such user"_s, false};
    it->disabled = disabled;
    ++it->tokenVersion;
    return Done{};
}

Status FakeStorage::createGroup(const QString &gid)
{
    QMutexLocker lock(&m_db->mutex);
    if (auto e = unusable())
        return *e;
    if (m_db->groups.contains(gid))
        return StorageError{u"group exists"_s, false};
    m_db->groups.insert(gid, {});
    return Done{};
}

Status FakeStorage::removeGroup(const QString &gid)
{
    QMutexLocker lock(&m_db->mutex);
    if (auto e = unusable())
        return *e;
    if (!m_db->groups.remove(gid))
        return StorageError{u"no such group"_s, false};
    return Done{};
}

Status FakeStorage::addGroupMember(const QString &gid, const QString &uuid)
{
    QMutexLocker lock(&m_db->mutex);
    if (auto e = unusable())
        return *e;
    auto it = m_db->groups.find(gid);
    if (it == m_db->groups.end())
        return StorageError{u"no such group"_s, false};
    it->insert(uuid);
    return Done{};
}

Status FakeStorage::removeGroupMember(const QString &gid, const QString &uuid)
{
    QMutexLocker lock(&m_db->mutex);
    if (auto e = unusable())
        return *e;
    auto it = m_db->groups.find(gid);
    if (it == m_db->groups.end())
        return StorageError{u"no such group"_s, false};
    it->remove(uuid);
    return Done{};
}

Result<QStringList> FakeStorage::groups()
{
    QMutexLocker lock(&m_db->mutex);
    if (auto e = unusable())
        return *e;
    QStringList list = m_db->groups.keys();
    list.sort();
    return list;
}

Result<QStringList> FakeStorage::groupMembers(const QString &gid)
{
    QMutexLocker lock(&m_db->mutex);
    if (auto e = unusable())
        return *e;
    QStringList list = m_db->groups.value(gid).values();
    list.sort();
    return list;
}

Result<QStringList> FakeStorage::groupsOf(const QString &uuid)
{
    QMutexLocker lock(&m_db->mutex);
    if (auto e = unusable())
        return *e;
    QStringList list;
    for (auto it = m_db->groups.cbegin(); it != m_db->groups.cend(); ++it)
        if (it->contains(uuid))
            list << it.key();
    list.sort();
    return list;
}

Result<QStringList> FakeStorage::disabledUsers()
{
    QMutexLocker lock(&m_db->mutex);
    if (auto e = unusable())
        return *e;
    QStringList list;
    for (const storage::UserRecord &user : std::as_const(m_db->users))
        if (user.disabled)
            list << user.uuid;
    return list;
}

Result<qint64> FakeStorage::groupsVersion()
{
    return notHere();
}

Result<QHash<QString, QStringList>> FakeStorage::memberships()
{
    return notHere();
}

} // namespace seneschal::test
