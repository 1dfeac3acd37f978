#include "sqlstorage.h"

#include "storage/migrations.h"
#include "storage/propertycodec.h"
#include "storage/storagelimits.h"
#include "storage/storagelog.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <bit>

using namespace Qt::StringLiterals;

namespace seneschal::storage {

namespace {

// Rows per multi-row INSERT. A statement is prepared for each row count it
// meets (at most this many shapes per table): one statement per table and
// pass instead of one per power of two saves MariaDB two round trips each
// (QMYSQL resets a statement before every execution).
constexpr qsizetype kMaxRowsPerInsert = 64;
// Keeps one INSERT well below MariaDB's max_allowed_packet (16 MiB default):
// beyond it the server drops the connection instead of failing the statement.
constexpr qint64 kMaxBytesPerInsert = 4 * 1024 * 1024;
// Keys (oids, or device and dispatch id pairs) per `IN` query; the last chunk
// is padded to a power of two.
constexpr qsizetype kMaxKeysPerQuery = 512;

qsizetype ceilPowerOfTwo(qsizetype n)
{
    return qsizetype(std::bit_ceil(quint64(n)));
}

// Binds `value`, turning a null QString into an empty one: QtSql binds a
// null QString as SQL NULL, but an empty parent or password hash is a value.
void bind(QSqlQuery &q, int position, const QVariant &value)
{
    if (value.typeId() == QMetaType::QString && value.toString().isNull())
        q.bindValue(position, QString(u""_s));
    else
        q.bindValue(position, value);
}

// The first key longer than kMaxKeyLength, as an error.
std::optional<StorageError> checkKeys(std::initializer_list<const QString *> keys)
{
    for (const QString *key : keys) {
        if (key->size() > kMaxKeyLength)
            return StorageError{
                u"key longer than %1 characters: %2..."_s.arg(kMaxKeyLength).arg(key->left(40))};
    }
    return std::nullopt;
}

std::optional<StorageError> checkKeys(const CommitBatch &batch)
{
    for (const engine::ObjectState &o : batch.objects) {
        if (auto failure = checkKeys({&o.oid, &o.kind, &o.parent, &o.owner}))
            return failure;
    }
    for (const DispatchLogEntry &e : batch.log) {
        if (auto failure = checkKeys({&e.cuid, &e.id, &e.oid}))
            return failure;
    }
    for (const ConflictRecord &c : batch.conflicts) {
        if (auto failure = checkKeys({&c.oid, &c.property, &c.winner.stamp.cuid, &c.winner.stamp.id,
                                      &c.loser.stamp.cuid, &c.loser.stamp.id, &c.uploaderCuid}))
            return failure;
    }
    for (const ClientRecord &c : batch.clients) {
        if (auto failure = checkKeys({&c.cuid, &c.uuid}))
            return failure;
    }
    for (const AccessChange &c : batch.accessChanges) {
        if (auto failure = checkKeys({&c.oid, &c.by, &c.access}))
            return failure;
    }
    return std::nullopt;
}

// Principal and group lists are kept as JSON arrays of strings.
QString encodeStringList(const QStringList &list)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

QStringList decodeStringList(const QString &text)
{
    if (text.isEmpty())
        return {};
    QStringList list;
    for (const QJsonValue &v : QJsonDocument::fromJson(text.toUtf8()).array())
        list.append(v.toString());
    return list;
}

const StorageError kNotOpen{u"storage is not open (closed, or its connection was lost)"_s, true};

engine::ObjectState objectFrom(const QSqlQuery &q, bool *damaged)
{
    // Columns: oid, kind, parent, owner, access, seq, props.
    engine::ObjectState object;
    object.oid = q.value(0).toString();
    object.kind = q.value(1).toString();
    object.parent = q.value(2).toString();
    object.owner = q.value(3).toString();
    const std::optional<engine::Access> access = engine::accessFromName(q.value(4).toString());
    object.seq = q.value(5).toLongLong();
    std::optional<QHash<QString, engine::Property>> props = decodeProps(q.value(6).toByteArray());
    if (!access || !props) {
        *damaged = true;
        return object;
    }
    object.access = *access;
    object.props = std::move(*props);
    object.grants = decodeStringList(q.value(7).toString());
    object.created = true;
    return object;
}

ClientRecord clientFrom(const QSqlQuery &q)
{
    ClientRecord client;
    client.cuid = q.value(0).toString();
    client.uuid = q.value(1).toString();
    client.firstSeenMs = q.value(2).toLongLong();
    client.lastSeenMs = q.value(3).toLongLong();
    client.cursor = q.value(4).toLongLong();
    client.groups = decodeStringList(q.value(5).toString());
    return client;
}

UserRecord userFrom(const QSqlQuery &q)
{
    UserRecord user;
    user.uuid = q.value(0).toString();
    user.passwordHash = q.value(1).toString();
    user.disabled = q.value(2).toInt() != 0;
    user.tokenVersion = q.value(3).toInt();
    user.createdMs = q.value(4).toLongLong();
    return user;
}

engine::Property propertyFrom(const QSqlQuery &q, int first)
{
    engine::Property property;
    property.value = decodeValue(q.value(first).toString());
    property.stamp.ts = q.value(first + 1).toLongLong();
    property.stamp.cuid = q.value(first + 2).toString();
    property.stamp.id = q.value(first + 3).toString();
    return property;
}

ConflictRecord conflictFrom(const QSqlQuery &q)
{
    ConflictRecord conflict;
    conflict.id = q.value(0).toLongLong();
    conflict.seq = q.value(1).toLongLong();
    conflict.oid = q.value(2).toString();
    conflict.property = q.value(3).toString();
    conflict.winner = propertyFrom(q, 4);
    conflict.loser = propertyFrom(q, 8);
    conflict.uploaderCuid = q.value(12).toString();
    conflict.atMs = q.value(13).toLongLong();
    return conflict;
}

AccessChange accessChangeFrom(const QSqlQuery &q)
{
    AccessChange change;
    change.seq = q.value(0).toLongLong();
    change.oid = q.value(1).toString();
    change.before = q.value(2).toString().toUtf8();
    change.after = q.value(3).toString().toUtf8();
    change.atMs = q.value(4).toLongLong();
    change.by = q.value(5).toString();
    change.access = q.value(6).toString();
    change.granted = decodeStringList(q.value(7).toString());
    change.revoked = decodeStringList(q.value(8).toString());
    return change;
}

AuditRecord auditFrom(const QSqlQuery &q)
{
    AuditRecord record;
    record.id = q.value(0).toLongLong();
    record.atMs = q.value(1).toLongLong();
    record.by = q.value(2).toString();
    record.type = q.value(3).toString();
    record.args = q.value(4).toString().toUtf8();
    return record;
}

// The conditions of SqlStatements::selectConflictsPage and selectObjectsPage,
// as bits of SqlFilter::build(), in the order their values are bound.
enum ConflictPart : quint32 {
    ConflictOid = 1 << 0,
    ConflictCuid = 1 << 1,
    ConflictFrom = 1 << 2,
    ConflictTo = 1 << 3,
    ConflictBefore = 1 << 4,
};
enum ObjectPart : quint32 {
    ObjectOwner = 1 << 0,
    ObjectKind = 1 << 1,
    ObjectPrefixStart = 1 << 2,
    ObjectPrefixEnd = 1 << 3,
    ObjectAfter = 1 << 4,
};

// The least string above every string that starts with `prefix` (the end of
// its range in bytewise order), or an empty string when there is none.
// Incrementing a code unit below the surrogates keeps the order in UTF-8
// and UTF-16 alike; other last characters are dropped, which widens the
// range (objectsPage then checks the prefix in code).
QString prefixEnd(QString prefix)
{
    while (!prefix.isEmpty()) {
        const char16_t last = prefix.back().unicode();
        if (last < 0xD7FF) {
            prefix.back() = QChar(char16_t(last + 1));
            return prefix;
        }
        prefix.chop(1);
    }
    return prefix;
}

Status toStatus(const std::optional<StorageError> &failure)
{
    if (failure)
        return *failure;
    return Done{};
}

} // namespace

SqlStorage::SqlStorage(DatabaseConfig config, QString connectionName, Clock clock,
                       SqlStatements statements)
    : m_config(std::move(config))
    , m_connectionName(std::move(connectionName))
    , m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentMSecsSinceEpoch(); }))
    , m_sql(std::move(statements))
{}

SqlStorage::~SqlStorage()
{
    // close() is not virtual-dispatched here on purpose: only our own state
    // is torn down, and the backends add none.
    SqlStorage::close();
}

// ---------------------------------------------------------------- connection

Status SqlStorage::open()
{
    close();
    m_db = QSqlDatabase::addDatabase(driverName(), m_connectionName);
    if (!m_db.isValid()) {
        const StorageError error{u"Qt SQL driver "_s + driverName() + u" is not available"_s};
        qCCritical(lcStorage).noquote() << error.message;
        close();
        return error;
    }
    configure(m_db);
    if (!m_db.open()) {
        const QSqlError sqlError = m_db.lastError();
        StorageError error{u"cannot connect: "_s + sqlError.text(), isConnectionLost(sqlError)};
        qCWarning(lcStorage).noquote() << backendName() << error.message;
        close();
        return error;
    }
    m_direct = std::make_unique<QSqlQuery>(m_db);
    Failure failure = setUpSession();
    if (!failure)
        failure = migrate();
    if (failure) {
        close();
        return *failure;
    }
    m_ready = true;
    qCDebug(lcStorage).noquote() << backendName() << "connection" << m_connectionName << "open";
    return Done{};
}

void SqlStorage::close()
{
    m_ready = false;
    // Every QSqlQuery and QSqlDatabase handle must be gone before
    // removeDatabase(), or Qt keeps the connection alive and warns.
    m_prepared.clear();
    m_direct.reset();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool SqlStorage::isOpen() const
{
    return m_ready && m_db.isOpen();
}

SqlStorage::Failure SqlStorage::ensureOpen() const
{
    if (!isOpen())
        return kNotOpen;
    return std::nullopt;
}

StorageError SqlStorage::errorFrom(const QSqlError &error, QStringView what)
{
    StorageError result;
    result.connectionLost = !m_db.isOpen() || isConnectionLost(error);
    result.message = what + u": "_s + error.text();
    if (!error.nativeErrorCode().isEmpty())
        result.message += u" ("_s + error.nativeErrorCode() + u')';
    qCWarning(lcStorage).noquote()
        << backendName() << result.message << (result.connectionLost ? "[connection lost]" : "");
    // Every later call fails fast with connectionLost instead of waiting for
    // a timeout again, and isOpen() tells the truth until close() and open().
    if (result.connectionLost)
        m_ready = false;
    return result;
}

// ---------------------------------------------------------------- migrations

Result<int> SqlStorage::schemaVersion()
{
    if (Failure failure = ensureOpen())
        return *failure;
    return readSchemaVersion();
}

Result<int> SqlStorage::readSchemaVersion()
{
    int version = 0;
    if (Failure failure = select(m_sql.selectSchemaVersion, {},
                                 [&](const QSqlQuery &q) { version = q.value(0).toInt(); }))
        return *failure;
    return version;
}

SqlStorage::Failure SqlStorage::migrate()
{
    QString loadError;
    const QList<Migration> migrations = loadMigrations(migrationDirectory(), &loadError);
    if (migrations.isEmpty())
        return StorageError{loadError};
    if (Failure failure = executeDirect(m_sql.createSchemaVersion))
        return failure;

    const int latest = migrations.constLast().version;
    for (const Migration &migration : migrations) {
        // Re-read per step inside the step's transaction: the sync and the
        // auth connection may both open at start-up and race to migrate.
        const bool transactional = transactionalDdl();
        if (transactional) {
            if (Failure failure = executeDirect(m_sql.begin))
                return failure;
        }
        const Result<int> current = readSchemaVersion();
        if (!current) {
            if (transactional)
                executeDirect(m_sql.rollback);
            return current.error();
        }
        if (current.value() > latest) {
            if (transactional)
                executeDirect(m_sql.rollback);
            return StorageError{
                u"database schema version %1 is newer than this server's %2"_s.arg(current.value())
                    .arg(latest)};
        }
        if (migration.version <= current.value()) {
            if (transactional)
                executeDirect(m_sql.rollback);
            continue;
        }
        qCInfo(lcStorage).noquote() << backendName() << "applying migration" << migration.name;
        Failure failure;
        for (const QString &statement : migration.statements) {
            failure = executeDirect(statement);
            if (failure)
                break;
        }
        if (!failure)
            failure = execute(m_sql.insertSchemaVersion, {migration.version, m_clock()});
        if (!failure && transactional)
            failure = executeDirect(m_sql.commit);
        if (failure) {
            if (transactional)
                executeDirect(m_sql.rollback);
            failure->message = u"migration "_s + migration.name + u" failed: "_s + failure->message;
            return failure;
        }
    }
    return std::nullopt;
}

// ---------------------------------------------------------------- helpers

SqlStorage::Failure SqlStorage::executeDirect(const QString &sql, QVariant *firstValue)
{
    if (!m_direct)
        return kNotOpen;
    const bool ok = m_direct->exec(sql);
    Failure failure;
    if (!ok) {
        failure = errorFrom(m_direct->lastError(), sql.left(60).simplified());
    } else if (firstValue) {
        *firstValue = m_direct->next() ? m_direct->value(0) : QVariant();
    }
    m_direct->finish();
    return failure;
}

QSqlQuery *SqlStorage::prepared(const QString &sql, Failure *failure)
{
    auto it = m_prepared.find(sql);
    if (it != m_prepared.end())
        return it->second.get();
    auto query = std::make_unique<QSqlQuery>(m_db);
    query->setForwardOnly(true);
    if (!query->prepare(sql)) {
        *failure = errorFrom(query->lastError(), u"prepare"_s);
        return nullptr;
    }
    return m_prepared.emplace(sql, std::move(query)).first->second.get();
}

SqlStorage::Failure SqlStorage::execute(const QString &sql, const QVariantList &values,
                                        int *rowsAffected, QVariant *insertId)
{
    Failure failure;
    QSqlQuery *q = prepared(sql, &failure);
    if (!q)
        return failure;
    for (qsizetype i = 0; i < values.size(); ++i)
        bind(*q, int(i), values[i]);
    if (!q->exec()) {
        failure = errorFrom(q->lastError(), sql.left(60).simplified());
    } else {
        if (rowsAffected)
            *rowsAffected = q->numRowsAffected();
        if (insertId)
            *insertId = q->lastInsertId();
    }
    q->finish();
    return failure;
}

template<typename RowFn>
SqlStorage::Failure SqlStorage::select(const QString &sql, const QVariantList &values,
                                       RowFn &&perRow)
{
    Failure failure;
    QSqlQuery *q = prepared(sql, &failure);
    if (!q)
        return failure;
    for (qsizetype i = 0; i < values.size(); ++i)
        bind(*q, int(i), values[i]);
    if (!q->exec()) {
        failure = errorFrom(q->lastError(), sql.left(60).simplified());
    } else {
        while (q->next())
            perRow(*q);
        // next() also returns false on a read error (a connection lost while
        // fetching); an incomplete result must not pass for a complete one.
        if (q->lastError().isValid())
            failure = errorFrom(q->lastError(), sql.left(60).simplified());
    }
    // Releases the statement's read snapshot (SQLite) and the result set.
    q->finish();
    return failure;
}

template<typename BindFn, typename SizeFn>
SqlStorage::Failure SqlStorage::insertRows(const SqlList &statement, int columns, qsizetype count,
                                           BindFn &&bindRow, SizeFn &&rowBytes)
{
    qsizetype next = 0;
    while (next < count) {
        qsizetype rows = 0;
        qint64 bytes = 0;
        while (next + rows < count && rows < kMaxRowsPerInsert) {
            const qint64 size = rowBytes(next + rows);
            if (rows > 0 && bytes + size > kMaxBytesPerInsert)
                break;
            bytes += size;
            ++rows;
        }
        Failure failure;
        QSqlQuery *q = prepared(statement.build(int(rows)), &failure);
        if (!q)
            return failure;
        for (qsizetype r = 0; r < rows; ++r)
            bindRow(*q, int(r * columns), next + r);
        if (!q->exec())
            failure = errorFrom(q->lastError(), statement.head.left(60).simplified());
        q->finish();
        if (failure)
            return failure;
        next += rows;
    }
    return std::nullopt;
}

template<typename Fn> SqlStorage::Failure SqlStorage::inTransaction(Fn &&body)
{
    if (Failure failure = executeDirect(m_sql.begin))
        return failure;
    Failure failure = body();
    if (!failure)
        failure = executeDirect(m_sql.commit);
    // After a lost connection the server rolls back on its own; trying here
    // could only wait for another timeout.
    if (failure && !failure->connectionLost)
        executeDirect(m_sql.rollback);
    return failure;
}

Result<qint64> SqlStorage::selectNumber(const QString &sql, const QVariantList &values)
{
    if (Failure failure = ensureOpen())
        return *failure;
    qint64 number = 0;
    if (Failure failure =
            select(sql, values, [&](const QSqlQuery &q) { number = q.value(0).toLongLong(); }))
        return *failure;
    return number;
}

Result<QStringList> SqlStorage::selectStrings(const QString &sql, const QVariantList &values)
{
    if (Failure failure = ensureOpen())
        return *failure;
    QStringList strings;
    if (Failure failure =
            select(sql, values, [&](const QSqlQuery &q) { strings.append(q.value(0).toString()); }))
        return *failure;
    return strings;
}

// ---------------------------------------------------------------- sync data

// A connection lost during COMMIT leaves the outcome unknown. Committing the
// same batch again after reopening is safe: objects are full copies, log
// duplicates and conflicts with ids already written are ignored, clients and
// the counters are upserts. Only conflicts without an id (0, numbered by the
// database) could then appear twice in the history.
Status SqlStorage::commit(const CommitBatch &batch)
{
    if (Failure failure = ensureOpen())
        return *failure;
    if (Failure failure = checkKeys(batch))
        return *failure;
    return toStatus(inTransaction([&] { return writeBatch(batch); }));
}

SqlStorage::Failure SqlStorage::writeBatch(const CommitBatch &batch)
{
    const qint64 now = m_clock();

    QStringList props;
    props.reserve(batch.objects.size());
    for (const engine::ObjectState &object : batch.objects)
        props.append(encodeProps(object.props));
    Failure failure = insertRows(
        m_sql.upsertObjects, 10, batch.objects.size(),
        [&](QSqlQuery &q, int base, qsizetype i) {
            const engine::ObjectState &object = batch.objects[i];
            bind(q, base + 0, object.oid);
            bind(q, base + 1, object.kind);
            bind(q, base + 2, object.parent);
            bind(q, base + 3, object.owner);
            bind(q, base + 4, engine::accessName(object.access));
            bind(q, base + 5, object.seq);
            bind(q, base + 6, object.isDeleted() ? 1 : 0);
            bind(q, base + 7, props[i]);
            bind(q, base + 8, now);
            bind(q, base + 9, encodeStringList(object.grants));
        },
        [&](qsizetype i) {
            return qint64(props[i].size()) * 3 + 256 + batch.objects[i].grants.size() * 400;
        });
    if (failure)
        return failure;

    failure = insertRows(
        m_sql.insertLog, 6, batch.log.size(),
        [&](QSqlQuery &q, int base, qsizetype i) {
            const DispatchLogEntry &entry = batch.log[i];
            bind(q, base + 0, entry.cuid);
            bind(q, base + 1, entry.id);
            bind(q, base + 2, entry.oid);
            bind(q, base + 3, entry.ts);
            bind(q, base + 4, entry.receivedMs);
            bind(q, base + 5, entry.json);
        },
        [&](qsizetype i) { return qint64(batch.log[i].json.size()) + 256; });
    if (failure)
        return failure;

    QStringList values; // winner and loser value of each conflict, as JSON text
    values.reserve(batch.conflicts.size() * 2);
    for (const ConflictRecord &conflict : batch.conflicts) {
        values.append(encodeValue(conflict.winner.value));
        values.append(encodeValue(conflict.loser.value));
    }
    qint64 highestConflictId = 0;
    failure = insertRows(
        m_sql.insertConflicts, 14, batch.conflicts.size(),
        [&](QSqlQuery &q, int base, qsizetype i) {
            const ConflictRecord &conflict = batch.conflicts[i];
            highestConflictId = std::max(highestConflictId, conflict.id);
            bind(q, base + 0,
                 conflict.id > 0 ? QVariant(conflict.id)
                                 : QVariant(QMetaType::fromType<qint64>())); // NULL: numbered
            bind(q, base + 1, conflict.seq);
            bind(q, base + 2, conflict.oid);
            bind(q, base + 3, conflict.property);
            bind(q, base + 4, values[i * 2]);
            bind(q, base + 5, conflict.winner.stamp.ts);
            bind(q, base + 6, conflict.winner.stamp.cuid);
            bind(q, base + 7, conflict.winner.stamp.id);
            bind(q, base + 8, values[i * 2 + 1]);
            bind(q, base + 9, conflict.loser.stamp.ts);
            bind(q, base + 10, conflict.loser.stamp.cuid);
            bind(q, base + 11, conflict.loser.stamp.id);
            bind(q, base + 12, conflict.uploaderCuid);
            bind(q, base + 13, conflict.atMs);
        },
        [&](qsizetype i) {
            return qint64(values[i * 2].size() + values[i * 2 + 1].size()) * 3 + 512;
        });
    if (failure)
        return failure;
    // The counter survives expiry of the rows: ids are never handed out twice.
    if (highestConflictId > 0) {
        if (Failure counterFailure = execute(m_sql.raiseLastConflictId, {highestConflictId}))
            return counterFailure;
    }

    if (Failure clientFailure = upsertClients(batch.clients))
        return clientFailure;
    for (const QString &cuid : batch.uploadsMerged) {
        if (Failure uploadFailure = execute(m_sql.deleteOpenUpload, {cuid}))
            return uploadFailure;
    }
    for (const OpenUpload &upload : batch.uploadsOpened) {
        if (Failure uploadFailure = execute(m_sql.insertOpenUpload, {upload.cuid, upload.sinceMs}))
            return uploadFailure;
    }

    failure = insertRows(
        m_sql.insertAccessChanges, 9, batch.accessChanges.size(),
        [&](QSqlQuery &q, int base, qsizetype i) {
            const AccessChange &change = batch.accessChanges[i];
            bind(q, base + 0, change.seq);
            bind(q, base + 1, change.oid);
            bind(q, base + 2, QString::fromUtf8(change.before));
            bind(q, base + 3, QString::fromUtf8(change.after));
            bind(q, base + 4, change.atMs);
            bind(q, base + 5, change.by);
            bind(q, base + 6, change.access);
            bind(q, base + 7, encodeStringList(change.granted));
            bind(q, base + 8, encodeStringList(change.revoked));
        },
        [&](qsizetype i) {
            const AccessChange &change = batch.accessChanges[i];
            return qint64(change.before.size() + change.after.size()) * 3 + 512 +
                   (change.granted.size() + change.revoked.size()) * 400;
        });
    if (failure)
        return failure;

    // lastSeq() reads the greater of the counter and the objects' highest
    // seq, so a batch whose objects carry its last seq needs no write to
    // the counter (one statement less per pass); expire() raises the
    // counter before it removes objects. A seq taken without an object row
    // (an access change) is written here.
    qint64 highestObjectSeq = 0;
    for (const engine::ObjectState &object : batch.objects)
        highestObjectSeq = std::max(highestObjectSeq, object.seq);
    if (highestObjectSeq >= batch.lastSeq)
        return std::nullopt;
    return execute(m_sql.raiseLastSeq, {batch.lastSeq});
}

SqlStorage::Failure SqlStorage::upsertClients(const QList<ClientRecord> &clients)
{
    return insertRows(
        m_sql.upsertClients, 6, clients.size(),
        [&](QSqlQuery &q, int base, qsizetype i) {
            const ClientRecord &client = clients[i];
            bind(q, base + 0, client.cuid);
            bind(q, base + 1, client.uuid);
            bind(q, base + 2, client.firstSeenMs);
            bind(q, base + 3, client.lastSeenMs);
            bind(q, base + 4, client.cursor);
            bind(q, base + 5, encodeStringList(client.groups));
        },
        [&](qsizetype i) { return qint64(256 + clients[i].groups.size() * 400); });
}

Result<qint64> SqlStorage::lastSeq()
{
    if (Failure failure = ensureOpen())
        return *failure;
    qint64 seq = 0;
    if (Failure failure = select(m_sql.selectLastSeq, {},
                                 [&](const QSqlQuery &q) { seq = q.value(0).toLongLong(); }))
        return *failure;
    return seq;
}

Result<std::optional<engine::ObjectState>> SqlStorage::loadObject(const QString &oid)
{
    if (Failure failure = ensureOpen())
        return *failure;
    std::optional<engine::ObjectState> object;
    bool damaged = false;
    if (Failure failure = select(m_sql.selectObject, {oid},
                                 [&](const QSqlQuery &q) { object = objectFrom(q, &damaged); }))
        return *failure;
    if (damaged)
        return StorageError{u"damaged row in objects for oid "_s + oid};
    return object;
}

Result<QList<engine::ObjectState>> SqlStorage::objectsAfter(qint64 afterSeq, int limit)
{
    if (limit <= 0)
        return QList<engine::ObjectState>{};
    return selectObjects(m_sql.selectObjectsAfter, {afterSeq, limit});
}

Result<QList<engine::ObjectState>> SqlStorage::selectObjects(const QString &sql,
                                                             const QVariantList &values)
{
    if (Failure failure = ensureOpen())
        return *failure;
    QList<engine::ObjectState> objects;
    QString damagedOid;
    Failure failure = select(sql, values, [&](const QSqlQuery &q) {
        bool damaged = false;
        engine::ObjectState object = objectFrom(q, &damaged);
        if (damaged && damagedOid.isEmpty())
            damagedOid = object.oid;
        objects.append(std::move(object));
    });
    if (failure)
        return *failure;
    if (!damagedOid.isEmpty())
        return StorageError{u"damaged row in objects for oid "_s + damagedOid};
    return objects;
}

Result<QList<ObjectKey>> SqlStorage::objectKeysAfter(qint64 afterSeq, int limit)
{
    if (limit <= 0)
        return QList<ObjectKey>{};
    if (Failure failure = ensureOpen())
        return *failure;
    QList<ObjectKey> keys;
    keys.reserve(limit);
    if (Failure failure =
            select(m_sql.selectObjectKeysAfter, {afterSeq, limit}, [&](const QSqlQuery &q) {
                keys.append(ObjectKey{q.value(0).toString(), q.value(1).toLongLong()});
            }))
        return *failure;
    return keys;
}

Result<QList<engine::ObjectState>> SqlStorage::selectObjectsWhereIn(const SqlList &statement,
                                                                    const QStringList &keys)
{
    QList<engine::ObjectState> objects;
    for (qsizetype start = 0; start < keys.size(); start += kMaxKeysPerQuery) {
        const qsizetype count = qMin(kMaxKeysPerQuery, keys.size() - start);
        // Padded to a power of two like knownDispatches; IN ignores repeats.
        const qsizetype slots = ceilPowerOfTwo(count);
        QVariantList values;
        values.reserve(slots);
        for (qsizetype i = 0; i < slots; ++i)
            values.append(keys[start + qMin(i, count - 1)]);
        auto chunk = selectObjects(statement.build(int(slots)), values);
        if (!chunk)
            return chunk;
        objects += std::move(chunk).value();
    }
    return objects;
}

Result<QList<engine::ObjectState>> SqlStorage::loadObjects(const QStringList &oids)
{
    return selectObjectsWhereIn(m_sql.selectObjectsIn, oids);
}

Result<QList<engine::ObjectState>> SqlStorage::childrenOf(const QStringList &parents)
{
    return selectObjectsWhereIn(m_sql.selectChildren, parents);
}

Result<QList<engine::ObjectState>> SqlStorage::objectsGrantedTo(const QString &principal)
{
    // The grants column is a JSON array: the quoted principal matches one
    // whole element (quotes inside names are escaped in both).
    const QString quoted = encodeStringList({principal}).mid(1).chopped(1);
    auto candidates = selectObjects(m_sql.selectGrantedTo, {quoted});
    if (!candidates)
        return candidates;
    QList<engine::ObjectState> objects;
    for (const engine::ObjectState &object : candidates.value()) {
        if (object.grants.contains(principal))
            objects.append(object);
    }
    return objects;
}

Result<QList<ParentLink>> SqlStorage::waitingForParent()
{
    if (Failure failure = ensureOpen())
        return *failure;
    QList<ParentLink> links;
    if (Failure failure = select(m_sql.selectWaitingForParent, {}, [&](const QSqlQuery &q) {
            links.append(ParentLink{q.value(0).toString(), q.value(1).toString()});
        }))
        return *failure;
    return links;
}

Result<QList<AccessChange>> SqlStorage::selectAccessChanges(const QString &sql,
                                                            const QVariantList &values)
{
    if (Failure failure = ensureOpen())
        return *failure;
    QList<AccessChange> changes;
    if (Failure failure =
            select(sql, values, [&](const QSqlQuery &q) { changes.append(accessChangeFrom(q)); }))
        return *failure;
    return changes;
}

Result<QList<AccessChange>> SqlStorage::accessChangesAfter(qint64 afterSeq)
{
    return selectAccessChanges(m_sql.selectAccessChangesAfter, {afterSeq});
}

Result<QList<AccessChange>> SqlStorage::recentAccessChanges(int limit)
{
    if (limit <= 0)
        return QList<AccessChange>{};
    return selectAccessChanges(m_sql.selectRecentAccessChanges, {limit});
}

Result<QList<engine::ObjectState>> SqlStorage::objectsPage(const ObjectFilter &filter)
{
    if (filter.limit <= 0)
        return QList<engine::ObjectState>{};
    quint32 parts = 0;
    QVariantList values;
    if (!filter.owner.isEmpty()) {
        parts |= ObjectOwner;
        values.append(filter.owner);
    }
    if (!filter.kind.isEmpty()) {
        parts |= ObjectKind;
        values.append(filter.kind);
    }
    if (!filter.prefix.isEmpty()) {
        parts |= ObjectPrefixStart;
        values.append(filter.prefix);
        if (const QString end = prefixEnd(filter.prefix); !end.isEmpty()) {
            parts |= ObjectPrefixEnd;
            values.append(end);
        }
    }
    if (!filter.afterOid.isEmpty()) {
        parts |= ObjectAfter;
        values.append(filter.afterOid);
    }
    values.append(filter.limit);
    auto page = selectObjects(m_sql.selectObjectsPage.build(parts), values);
    if (!page || filter.prefix.isEmpty())
        return page;
    // Only a prefix whose range end could not be written lets others in;
    // they sort after every oid with the prefix, so they are the page's tail.
    QList<engine::ObjectState> objects = std::move(page).value();
    while (!objects.isEmpty() && !objects.constLast().oid.startsWith(filter.prefix))
        objects.removeLast();
    return objects;
}

Result<qint64> SqlStorage::countObjectsAfter(qint64 afterSeq)
{
    if (Failure failure = ensureOpen())
        return *failure;
    qint64 count = 0;
    if (Failure failure = select(m_sql.countObjectsAfter, {afterSeq},
                                 [&](const QSqlQuery &q) { count = q.value(0).toLongLong(); }))
        return *failure;
    return count;
}

Result<QSet<DispatchRef>> SqlStorage::knownDispatches(const QList<DispatchRef> &dispatches)
{
    if (Failure failure = ensureOpen())
        return *failure;
    QSet<DispatchRef> known;
    for (qsizetype start = 0; start < dispatches.size(); start += kMaxKeysPerQuery) {
        const qsizetype count = qMin(kMaxKeysPerQuery, dispatches.size() - start);
        // Padding with a repeated pair keeps the number of statement shapes
        // small (powers of two) so each is prepared once.
        const qsizetype slots = ceilPowerOfTwo(count);
        QVariantList values;
        values.reserve(2 * slots);
        for (qsizetype i = 0; i < slots; ++i) {
            const DispatchRef &ref = dispatches[start + qMin(i, count - 1)];
            values.append(ref.cuid);
            values.append(ref.id);
        }
        Failure failure =
            select(m_sql.selectKnownDispatches.build(int(slots)), values, [&](const QSqlQuery &q) {
                known.insert(DispatchRef{q.value(0).toString(), q.value(1).toString()});
            });
        if (failure)
            return *failure;
    }
    return known;
}

Result<QList<OpenUpload>> SqlStorage::openUploads()
{
    if (Failure failure = ensureOpen())
        return *failure;
    QList<OpenUpload> uploads;
    Failure failure = select(m_sql.selectOpenUploads, {}, [&](const QSqlQuery &q) {
        uploads.append(OpenUpload{q.value(0).toString(), q.value(1).toLongLong()});
    });
    if (failure)
        return *failure;
    return uploads;
}

Result<std::optional<QStringList>> SqlStorage::loggedIds(const QString &cuid, int limit)
{
    if (Failure failure = ensureOpen())
        return *failure;
    QStringList ids;
    Failure failure = select(m_sql.selectLoggedIds, {cuid, limit + 1},
                             [&](const QSqlQuery &q) { ids.append(q.value(0).toString()); });
    if (failure)
        return *failure;
    if (ids.size() > limit)
        return std::optional<QStringList>();
    return std::optional(std::move(ids));
}

Result<QList<DispatchLogEntry>> SqlStorage::loggedSince(const QString &cuid, qint64 receivedFromMs)
{
    if (Failure failure = ensureOpen())
        return *failure;
    QList<DispatchLogEntry> entries;
    Failure failure =
        select(m_sql.selectLoggedSince, {cuid, receivedFromMs}, [&](const QSqlQuery &q) {
            entries.append(DispatchLogEntry{q.value(0).toString(), q.value(1).toString(),
                                            q.value(2).toString(), q.value(3).toLongLong(),
                                            q.value(4).toLongLong(), q.value(5).toByteArray()});
        });
    if (failure)
        return *failure;
    return entries;
}

Result<QList<ConflictRecord>> SqlStorage::selectConflicts(const QString &sql,
                                                          const QVariantList &values)
{
    if (Failure failure = ensureOpen())
        return *failure;
    QList<ConflictRecord> conflicts;
    if (Failure failure =
            select(sql, values, [&](const QSqlQuery &q) { conflicts.append(conflictFrom(q)); }))
        return *failure;
    return conflicts;
}

Result<QList<ConflictRecord>> SqlStorage::recentConflicts(int limit)
{
    if (limit <= 0)
        return QList<ConflictRecord>{};
    return selectConflicts(m_sql.selectRecentConflicts, {limit});
}

Result<QList<ConflictRecord>> SqlStorage::conflictsPage(const ConflictFilter &filter)
{
    if (filter.limit <= 0)
        return QList<ConflictRecord>{};
    quint32 parts = 0;
    QVariantList values;
    if (!filter.oid.isEmpty()) {
        parts |= ConflictOid;
        values.append(filter.oid);
    }
    if (!filter.cuid.isEmpty()) {
        parts |= ConflictCuid;
        for (int column = 0; column < 3; ++column) // winner, loser, uploader
            values.append(filter.cuid);
    }
    if (filter.fromMs) {
        parts |= ConflictFrom;
        values.append(*filter.fromMs);
    }
    if (filter.toMs) {
        parts |= ConflictTo;
        values.append(*filter.toMs);
    }
    if (filter.beforeId > 0) {
        parts |= ConflictBefore;
        values.append(filter.beforeId);
    }
    values.append(filter.limit);
    return selectConflicts(m_sql.selectConflictsPage.build(parts), values);
}

Result<qint64> SqlStorage::lastConflictId()
{
    return selectNumber(m_sql.selectLastConflictId, {});
}

// ---------------------------------------------------------------- admin audit

Result<qint64> SqlStorage::appendAudit(const AuditRecord &record)
{
    if (Failure failure = ensureOpen())
        return *failure;
    if (Failure failure = checkKeys({&record.by, &record.type}))
        return *failure;
    QVariant id;
    if (Failure failure =
            execute(m_sql.insertAudit,
                    {record.atMs, record.by, record.type,
                     QString::fromUtf8(record.args.isEmpty() ? QByteArray("{}") : record.args)},
                    nullptr, &id))
        return *failure;
    if (!id.isValid())
        return StorageError{u"audit record written without an id"_s};
    return id.toLongLong();
}

Result<QList<AuditRecord>> SqlStorage::recentAudit(int limit)
{
    if (Failure failure = ensureOpen())
        return *failure;
    QList<AuditRecord> records;
    if (limit <= 0)
        return records;
    if (Failure failure = select(m_sql.selectRecentAudit, {limit},
                                 [&](const QSqlQuery &q) { records.append(auditFrom(q)); }))
        return *failure;
    return records;
}

// ---------------------------------------------------------------- devices

Result<std::optional<ClientRecord>> SqlStorage::client(const QString &cuid)
{
    if (Failure failure = ensureOpen())
        return *failure;
    std::optional<ClientRecord> client;
    if (Failure failure =
            select(m_sql.selectClient, {cuid}, [&](const QSqlQuery &q) { client = clientFrom(q); }))
        return *failure;
    return client;
}

Result<QList<ClientRecord>> SqlStorage::clients()
{
    if (Failure failure = ensureOpen())
        return *failure;
    QList<ClientRecord> clients;
    if (Failure failure = select(m_sql.selectClients, {},
                                 [&](const QSqlQuery &q) { clients.append(clientFrom(q)); }))
        return *failure;
    return clients;
}

Status SqlStorage::upsertClient(const ClientRecord &client)
{
    if (Failure failure = ensureOpen())
        return *failure;
    if (Failure failure = checkKeys({&client.cuid, &client.uuid}))
        return *failure;
    return toStatus(upsertClients({client}));
}

Status SqlStorage::forgetClient(const QString &cuid)
{
    if (Failure failure = ensureOpen())
        return *failure;
    return toStatus(execute(m_sql.deleteClient, {cuid}));
}

Result<ExpiryReport> SqlStorage::expire(qint64 horizonMs)
{
    if (Failure failure = ensureOpen())
        return *failure;
    ExpiryReport report;
    Failure failure = inTransaction([&]() -> Failure {
        qint64 maxSeq = 0;
        if (Failure f = select(m_sql.selectExpiredTombstoneMaxSeq, {horizonMs},
                               [&](const QSqlQuery &q) { maxSeq = q.value(0).toLongLong(); }))
            return f;
        if (maxSeq > 0) {
            // The counter first: commits leave it behind while the objects
            // carry the highest seq, and the tombstone about to go may be
            // the one holding it; no seq may be handed out twice.
            qint64 lastSeq = 0;
            if (Failure f = select(m_sql.selectLastSeq, {},
                                   [&](const QSqlQuery &q) { lastSeq = q.value(0).toLongLong(); }))
                return f;
            if (Failure f = execute(m_sql.raiseLastSeq, {lastSeq}))
                return f;
            // Bounded by maxSeq so a tombstone written after the SELECT (by
            // another connection) is not removed without raising purged_seq.
            if (Failure f = execute(m_sql.deleteExpiredTombstones, {horizonMs, maxSeq},
                                    &report.tombstonesRemoved))
                return f;
            if (Failure f = execute(m_sql.raisePurgedSeq, {maxSeq}))
                return f;
        }
        if (Failure f = execute(m_sql.deleteExpiredClients, {horizonMs}, &report.clientsRemoved))
            return f;
        if (Failure f = execute(m_sql.deleteExpiredLog, {horizonMs}, &report.logEntriesRemoved))
            return f;
        // A device whose `since` predates a dropped access change could not
        // learn what it lost: the purged seq makes it reset instead.
        qint64 accessSeq = 0;
        if (Failure f = select(m_sql.selectExpiredAccessChangeMaxSeq, {horizonMs},
                               [&](const QSqlQuery &q) { accessSeq = q.value(0).toLongLong(); }))
            return f;
        if (accessSeq > 0) {
            if (Failure f = execute(m_sql.deleteExpiredAccessChanges, {horizonMs}))
                return f;
            if (Failure f = execute(m_sql.raisePurgedSeq, {accessSeq}))
                return f;
        }
        // The counter first, as for last_seq: the conflict about to go may
        // hold the highest id (one the database numbered, or written before
        // the counter existed), and no id may be handed out twice.
        const Result<qint64> lastId = selectNumber(m_sql.selectLastConflictId, {});
        if (!lastId)
            return lastId.error();
        if (Failure f = execute(m_sql.raiseLastConflictId, {lastId.value()}))
            return f;
        if (Failure f =
                execute(m_sql.deleteExpiredConflicts, {horizonMs}, &report.conflictsRemoved))
            return f;
        return select(m_sql.selectPurgedSeq, {},
                      [&](const QSqlQuery &q) { report.purgedSeq = q.value(0).toLongLong(); });
    });
    if (failure)
        return *failure;
    qCInfo(lcStorage).noquote() << backendName() << "expired" << report.clientsRemoved << "clients,"
                                << report.logEntriesRemoved << "log entries,"
                                << report.tombstonesRemoved << "tombstones,"
                                << report.conflictsRemoved << "history rows; purged seq"
                                << report.purgedSeq;
    return report;
}

Result<qint64> SqlStorage::purgedSeq()
{
    if (Failure failure = ensureOpen())
        return *failure;
    qint64 seq = 0;
    if (Failure failure = select(m_sql.selectPurgedSeq, {},
                                 [&](const QSqlQuery &q) { seq = q.value(0).toLongLong(); }))
        return *failure;
    return seq;
}

// ---------------------------------------------------------------- users and groups

Result<std::optional<UserRecord>> SqlStorage::user(const QString &uuid)
{
    if (Failure failure = ensureOpen())
        return *failure;
    std::optional<UserRecord> user;
    if (Failure failure =
            select(m_sql.selectUser, {uuid}, [&](const QSqlQuery &q) { user = userFrom(q); }))
        return *failure;
    return user;
}

Result<QList<UserRecord>> SqlStorage::users()
{
    if (Failure failure = ensureOpen())
        return *failure;
    QList<UserRecord> users;
    if (Failure failure =
            select(m_sql.selectUsers, {}, [&](const QSqlQuery &q) { users.append(userFrom(q)); }))
        return *failure;
    return users;
}

Status SqlStorage::createUser(const UserRecord &user)
{
    if (Failure failure = ensureOpen())
        return *failure;
    if (Failure failure = checkKeys({&user.uuid}))
        return *failure;
    return toStatus(inTransaction([&]() -> Failure {
        bool exists = false;
        if (Failure f =
                select(m_sql.selectUser, {user.uuid}, [&](const QSqlQuery &) { exists = true; }))
            return f;
        if (exists)
            return StorageError{u"user "_s + user.uuid + u" exists"_s};
        return execute(m_sql.insertUser, {user.uuid, user.passwordHash, user.disabled ? 1 : 0,
                                          user.tokenVersion, user.createdMs});
    }));
}

Status SqlStorage::setPasswordHash(const QString &uuid, const QString &hash)
{
    if (Failure failure = ensureOpen())
        return *failure;
    int rows = 0;
    if (Failure failure = execute(m_sql.updatePasswordHash, {hash, uuid}, &rows))
        return *failure;
    if (rows == 0)
        return StorageError{u"no user "_s + uuid};
    return Done{};
}

Status SqlStorage::setDisabled(const QString &uuid, bool disabled)
{
    if (Failure failure = ensureOpen())
        return *failure;
    int rows = 0;
    if (Failure failure = execute(m_sql.updateDisabled, {disabled ? 1 : 0, uuid}, &rows))
        return *failure;
    if (rows == 0)
        return StorageError{u"no user "_s + uuid};
    return Done{};
}

Result<bool> SqlStorage::groupExists(const QString &gid)
{
    bool exists = false;
    if (Failure failure =
            select(m_sql.selectGroup, {gid}, [&](const QSqlQuery &) { exists = true; }))
        return *failure;
    return exists;
}

Status SqlStorage::createGroup(const QString &gid)
{
    if (Failure failure = ensureOpen())
        return *failure;
    if (Failure failure = checkKeys({&gid}))
        return *failure;
    return toStatus(inTransaction([&]() -> Failure {
        const Result<bool> exists = groupExists(gid);
        if (!exists)
            return exists.error();
        if (exists.value())
            return StorageError{u"group "_s + gid + u" exists"_s};
        return execute(m_sql.insertGroup, {gid});
    }));
}

Status SqlStorage::removeGroup(const QString &gid)
{
    if (Failure failure = ensureOpen())
        return *failure;
    return toStatus(inTransaction([&]() -> Failure {
        const Result<bool> exists = groupExists(gid);
        if (!exists)
            return exists.error();
        if (!exists.value())
            return StorageError{u"no group "_s + gid};
        if (Failure f = execute(m_sql.deleteMembersOfGroup, {gid}))
            return f;
        if (Failure f = execute(m_sql.bumpGroupsVersion, {}))
            return f;
        return execute(m_sql.deleteGroup, {gid});
    }));
}

Status SqlStorage::addGroupMember(const QString &gid, const QString &uuid)
{
    if (Failure failure = ensureOpen())
        return *failure;
    if (Failure failure = checkKeys({&gid, &uuid}))
        return *failure;
    return toStatus(inTransaction([&]() -> Failure {
        const Result<bool> exists = groupExists(gid);
        if (!exists)
            return exists.error();
        if (!exists.value())
            return StorageError{u"no group "_s + gid};
        if (Failure f = execute(m_sql.bumpGroupsVersion, {}))
            return f;
        return execute(m_sql.insertGroupMember, {gid, uuid});
    }));
}

Status SqlStorage::removeGroupMember(const QString &gid, const QString &uuid)
{
    if (Failure failure = ensureOpen())
        return *failure;
    return toStatus(inTransaction([&]() -> Failure {
        if (Failure f = execute(m_sql.bumpGroupsVersion, {}))
            return f;
        return execute(m_sql.deleteGroupMember, {gid, uuid});
    }));
}

Result<QStringList> SqlStorage::groups()
{
    return selectStrings(m_sql.selectGroups, {});
}

Result<QStringList> SqlStorage::groupMembers(const QString &gid)
{
    return selectStrings(m_sql.selectGroupMembers, {gid});
}

Result<QStringList> SqlStorage::groupsOf(const QString &uuid)
{
    return selectStrings(m_sql.selectGroupsOf, {uuid});
}

Result<QStringList> SqlStorage::disabledUsers()
{
    return selectStrings(m_sql.selectDisabledUsers, {});
}

Result<qint64> SqlStorage::groupsVersion()
{
    if (Failure failure = ensureOpen())
        return *failure;
    qint64 version = 0;
    if (Failure failure = select(m_sql.selectGroupsVersion, {},
                                 [&](const QSqlQuery &q) { version = q.value(0).toLongLong(); }))
        return *failure;
    return version;
}

Result<QHash<QString, QStringList>> SqlStorage::memberships()
{
    if (Failure failure = ensureOpen())
        return *failure;
    QHash<QString, QStringList> groups;
    if (Failure failure = select(m_sql.selectMemberships, {}, [&](const QSqlQuery &q) {
            groups[q.value(0).toString()].append(q.value(1).toString());
        }))
        return *failure;
    return groups;
}

} // namespace seneschal::storage
