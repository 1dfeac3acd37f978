#pragma once

#include "storage/databaseconfig.h"
#include "storage/sqlstatements.h"
#include "storage/storage.h"
#include "storage/storagefactory.h"

#include <QSqlDatabase>
#include <QVariantList>
#include <memory>
#include <optional>
#include <unordered_map>

class QSqlError;
class QSqlQuery;

namespace seneschal::storage {

// The Storage logic shared by the SQL backends: connection lifetime,
// migrations, transactions, prepared-statement reuse and row mapping. A
// backend supplies its statements and its connection details; no SQL is
// written here.
class SqlStorage : public Storage
{
public:
    ~SqlStorage() override;

    Status open() override;
    void close() override;
    bool isOpen() const override;
    Result<int> schemaVersion() override;

    Status commit(const CommitBatch &batch) override;
    Result<qint64> lastSeq() override;
    Result<std::optional<engine::ObjectState>> loadObject(const QString &oid) override;
    Result<QList<engine::ObjectState>> loadObjects(const QStringList &oids) override;
    Result<QList<engine::ObjectState>> objectsAfter(qint64 afterSeq, int limit) override;
    Result<QList<ObjectKey>> objectKeysAfter(qint64 afterSeq, int limit) override;
    Result<qint64> countObjectsAfter(qint64 afterSeq) override;
    Result<QSet<DispatchRef>> knownDispatches(const QList<DispatchRef> &dispatches) override;
    Result<QList<OpenUpload>> openUploads() override;
    Result<std::optional<QStringList>> loggedIds(const QString &cuid, int limit) override;
    Result<QList<DispatchLogEntry>> loggedSince(const QString &cuid,
                                                qint64 receivedFromMs) override;
    Result<QList<ConflictRecord>> recentConflicts(int limit) override;
    Result<QList<ConflictRecord>> conflictsPage(const ConflictFilter &filter) override;
    Result<qint64> lastConflictId() override;
    Result<QList<engine::ObjectState>> objectsPage(const ObjectFilter &filter) override;
    Result<QList<AccessChange>> recentAccessChanges(int limit) override;
    Result<qint64> appendAudit(const AuditRecord &record) override;
    Result<QList<AuditRecord>> recentAudit(int limit) override;
    Result<QList<engine::ObjectState>> childrenOf(const QStringList &parents) override;
    Result<QList<engine::ObjectState>> objectsGrantedTo(const QString &principal) override;
    Result<QList<ParentLink>> waitingForParent() override;
    Result<QList<AccessChange>> accessChangesAfter(qint64 afterSeq) override;

    Result<std::optional<ClientRecord>> client(const QString &cuid) override;
    Result<QList<ClientRecord>> clients() override;
    Status upsertClient(const ClientRecord &client) override;
    Status forgetClient(const QString &cuid) override;
    Result<ExpiryReport> expire(qint64 horizonMs) override;
    Result<qint64> purgedSeq() override;

    Result<std::optional<UserRecord>> user(const QString &uuid) override;
    Result<QList<UserRecord>> users() override;
    Status createUser(const UserRecord &user) override;
    Status setPasswordHash(const QString &uuid, const QString &hash) override;
    Status setDisabled(const QString &uuid, bool disabled) override;
    Status createGroup(const QString &gid) override;
    Status removeGroup(const QString &gid) override;
    Status addGroupMember(const QString &gid, const QString &uuid) override;
    Status removeGroupMember(const QString &gid, const QString &uuid) override;
    Result<QStringList> groups() override;
    Result<QStringList> groupMembers(const QString &gid) override;
    Result<QStringList> groupsOf(const QString &uuid) override;
    Result<QStringList> disabledUsers() override;
    Result<qint64> groupsVersion() override;
    Result<QHash<QString, QStringList>> memberships() override;

protected:
    // An error, or nothing when the step worked.
    using Failure = std::optional<StorageError>;

    SqlStorage(DatabaseConfig config, QString connectionName, Clock clock,
               SqlStatements statements);

    const DatabaseConfig &config() const { return m_config; }

    // ---- what a backend provides ----
    virtual QString driverName() const = 0;
    // Sets names and connect options on the not yet opened connection.
    virtual void configure(QSqlDatabase &db) const = 0;
    // Per-connection settings after connecting (pragmas, session variables).
    virtual Failure setUpSession() = 0;
    // The Qt resource folder holding this backend's NNN_name.sql files.
    virtual QString migrationDirectory() const = 0;
    // Whether DDL can run inside a transaction (SQLite) or commits on its own
    // (MySQL), in which case each migration must be safe to run again.
    virtual bool transactionalDdl() const = 0;
    // Whether `error` means the server is gone rather than the statement bad.
    virtual bool isConnectionLost(const QSqlError &error) const = 0;

    // Runs `sql` unprepared; `firstValue` receives column 0 of the first row.
    Failure executeDirect(const QString &sql, QVariant *firstValue = nullptr);

private:
    Result<QList<engine::ObjectState>> selectObjects(const QString &sql,
                                                     const QVariantList &values);
    // `statement` with an IN list over `keys`, in chunks of kMaxIdsPerQuery.
    Result<QList<engine::ObjectState>> selectObjectsWhereIn(const SqlList &statement,
                                                            const QStringList &keys);
    Failure ensureOpen() const;
    StorageError errorFrom(const QSqlError &error, QStringView what);
    Failure migrate();
    Result<int> readSchemaVersion();

    QSqlQuery *prepared(const QString &sql, Failure *failure);
    // `insertId` receives the id an autoincrement column got (read before the
    // statement is finished, after which the drivers no longer answer).
    Failure execute(const QString &sql, const QVariantList &values, int *rowsAffected = nullptr,
                    QVariant *insertId = nullptr);
    template<typename RowFn>
    Failure select(const QString &sql, const QVariantList &values, RowFn &&perRow);
    template<typename BindFn, typename SizeFn>
    Failure insertRows(const SqlList &statement, int columns, qsizetype count, BindFn &&bindRow,
                       SizeFn &&rowBytes);
    template<typename Fn> Failure inTransaction(Fn &&body);

    Failure writeBatch(const CommitBatch &batch);
    Failure upsertClients(const QList<ClientRecord> &clients);
    Result<QStringList> selectStrings(const QString &sql, const QVariantList &values);
    Result<QList<ConflictRecord>> selectConflicts(const QString &sql, const QVariantList &values);
    Result<QList<AccessChange>> selectAccessChanges(const QString &sql, const QVariantList &values);
    Result<qint64> selectNumber(const QString &sql, const QVariantList &values);
    Result<bool> groupExists(const QString &gid);

    DatabaseConfig m_config;
    QString m_connectionName;
    Clock m_clock;
    SqlStatements m_sql;
    QSqlDatabase m_db;
    bool m_ready = false; // connected and migrated
    // Prepared once per connection and reused: re-preparing costs a round
    // trip on MySQL and a parse on SQLite for every batch.
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_prepared;
    std::unique_ptr<QSqlQuery> m_direct;
};

} // namespace seneschal::storage
