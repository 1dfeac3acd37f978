#pragma once

#include "storage/storage.h"

#include <QHash>
#include <QMutex>
#include <QSet>
#include <memory>

namespace seneschal::test {

// The users and groups a FakeStorage serves. Shared between instances, like
// a database between connections, so a test can change a user while the
// auth worker thread holds its own instance.
struct FakeUserDatabase
{
    QMutex mutex;
    QHash<QString, storage::UserRecord> users;
    QHash<QString, QSet<QString>> groups; // gid -> members
    bool down = false;                    // every call fails as if the connection was lost
    int opens = 0;
};

// An in-memory Storage with only the user and group part implemented; the
// sync part answers errors. Enough to test authentication without SQL.
class FakeStorage : public storage::Storage
{
public:
    explicit FakeStorage(std::shared_ptr<FakeUserDatabase> db);

    QString backendName() const override;
    storage::Status open() override;
    void close() override;
    bool isOpen() const override;
    storage::Result<int> schemaVersion() override;

    storage::Status commit(const storage::CommitBatch &batch) override;
    storage::Result<qint64> lastSeq() override;
    storage::Result<std::optional<engine::ObjectState>> loadObject(const QString &oid) override;
    storage::Result<QList<engine::ObjectState>> loadObjects(const QStringList &oids) override;
    storage::Result<QList<engine::ObjectState>> objectsAfter(qint64 afterSeq, int limit) override;
    storage::Result<QList<storage::ObjectKey>> objectKeysAfter(qint64 afterSeq, int limit) override;
    storage::Result<qint64> countObjectsAfter(qint64 afterSeq) override;
    storage::Result<QSet<storage::DispatchRef>>
    knownDispatches(const QList<storage::DispatchRef> &dispatches) override;
    storage::Result<QList<storage::OpenUpload>> openUploads() override;
    storage::Result<std::optional<QStringList>> loggedIds(const QString &cuid, int limit) override;
    storage::Result<QList<storage::DispatchLogEntry>> loggedSince(const QString &cuid,
                                                                  qint64 receivedFromMs) override;
    storage::Result<QList<storage::ConflictRecord>> recentConflicts(int limit) override;
    storage::Result<QList<storage::ConflictRecord>>
    conflictsPage(const storage::ConflictFilter &filter) override;
    storage::Result<qint64> lastConflictId() override;
    storage::Result<QList<engine::ObjectState>>
    objectsPage(const storage::ObjectFilter &filter) override;
    storage::Result<QList<storage::AccessChange>> recentAccessChanges(int limit) override;
    storage::Result<qint64> appendAudit(const storage::AuditRecord &record) override;
    storage::Result<QList<storage::AuditRecord>> recentAudit(int limit) override;
    storage::Result<QList<engine::ObjectState>> childrenOf(const QStringList &parents) override;
    storage::Result<QList<engine::ObjectState>> objectsGrantedTo(const QString &principal) override;
    storage::Result<QList<storage::ParentLink>> waitingForParent() override;
    storage::Result<QList<storage::AccessChange>> accessChangesAfter(qint64 afterSeq) override;
    storage::Result<std::optional<storage::ClientRecord>> client(const QString &cuid) override;
    storage::Result<QList<storage::ClientRecord>> clients() override;
    storage::Status upsertClient(const storage::ClientRecord &client) override;
    storage::Status forgetClient(const QString &cuid) override;
    storage::Result<storage::ExpiryReport> expire(qint64 horizonMs) override;
    storage::Result<qint64> purgedSeq() override;

    storage::Result<std::optional<storage::UserRecord>> user(const QString &uuid) override;
    storage::Result<QList<storage::UserRecord>> users() override;
    storage::Status createUser(const storage::UserRecord &user) override;
    storage::Status setPasswordHash(const QString &uuid, const QString &hash) override;
    storage::Status setDisabled(const QString &uuid, bool disabled) override;
    storage::Status createGroup(const QString &gid) override;
    storage::Status removeGroup(const QString &gid) override;
    storage::Status addGroupMember(const QString &gid, const QString &uuid) override;
    storage::Status removeGroupMember(const QString &gid, const QString &uuid) override;
    storage::Result<QStringList> groups() override;
    storage::Result<QStringList> groupMembers(const QString &gid) override;
    storage::Result<QStringList> groupsOf(const QString &uuid) override;
    storage::Result<QStringList> disabledUsers() override;
    storage::Result<qint64> groupsVersion() override;
    storage::Result<QHash<QString, QStringList>> memberships() override;

private:
    std::optional<storage::StorageError> unusable() const;

    std::shared_ptr<FakeUserDatabase> m_db;
    bool m_open = false;
};

} // namespace seneschal::test
