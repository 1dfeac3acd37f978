// The storage suite, run once per backend: SENESCHAL_TEST_BACKEND=sqlite uses
// a temporary file, =mysql the private MariaDB named by the
// SENESCHAL_TEST_MYSQL_* variables (see tests/fixtures/mariadb/mariadb.cmake).

#include "engine/dispatch.h"
#include "storage/databaseconfig.h"
#include "storage/migrations.h"
#include "storage/mysql/mysqldatabaseadmin.h"
#include "storage/storage.h"
#include "storage/storagefactory.h"
#include "storage/storagelimits.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QMutex>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <atomic>
#include <memory>
#include <signal.h>

using namespace Qt::StringLiterals;
using namespace seneschal;
using namespace seneschal::storage;

namespace {

engine::Property prop(const QJsonValue &value, qint64 ts, const QString &cuid, const QString &id)
{
    return engine::Property{value, engine::Stamp{ts, cuid, id}};
}

engine::ObjectState object(const QString &oid, qint64 seq, bool deleted = false)
{
    engine::ObjectState o;
    o.oid = oid;
    o.kind = u"item"_s;
    o.owner = u"alice"_s;
    o.access = engine::Access::Public;
    o.seq = seq;
    o.created = true;
    o.props.insert(u"name"_s, prop(oid, 100 + seq, u"dev-a"_s, u"d-"_s + QString::number(seq)));
    if (deleted)
        o.props.insert(engine::kDeletedProperty, prop(true, 200 + seq, u"dev-a"_s, u"del"_s));
    return o;
}

DispatchLogEntry logEntry(const QString &cuid, const QString &id, qint64 receivedMs)
{
    DispatchLogEntry e;
    e.cuid = cuid;
    e.id = id;
    e.oid = u"ob-"_s + id;
    e.ts = receivedMs - 5;
    e.receivedMs = receivedMs;
    e.json = R"({"type":"dispatch","id":")" + id.toUtf8() + R"("})";
    return e;
}

ClientRecord clientRecord(const QString &cuid, qint64 firstSeen, qint64 lastSeen, qint64 cursor)
{
    return ClientRecord{cuid, u"alice"_s, firstSeen, lastSeen, cursor, {}};
}

// The ids of `ids` that `cuid` has in the log, through the pairwise call.
Result<QSet<QString>> knownIdsOf(Storage &s, const QString &cuid, const QStringList &ids)
{
    QList<DispatchRef> refs;
    for (const QString &id : ids)
        refs.append({cuid, id});
    auto known = s.knownDispatches(refs);
    if (!known)
        return known.error();
    QSet<QString> knownIds;
    for (const DispatchRef &ref : known.value()) {
        if (ref.cuid == cuid)
            knownIds.insert(ref.id);
    }
    return knownIds;
}

QString errorOf(const StorageError &e)
{
    return e.message + (e.connectionLost ? u" [connection lost]"_s : QString());
}

// One reconciliation history row with an id chosen by the caller, as the
// sync service writes them.
ConflictRecord conflict(qint64 id, const QString &oid, const QString &winnerCuid,
                        const QString &loserCuid, const QString &uploaderCuid, qint64 atMs)
{
    ConflictRecord c;
    c.id = id;
    c.seq = id * 10;
    c.oid = oid;
    c.property = u"p%1"_s.arg(id);
    c.winner = prop(u"won %1"_s.arg(id), 2000 + id, winnerCuid, u"w%1"_s.arg(id));
    c.loser = prop(QJsonArray{id, u"lost"_s}, 1000 + id, loserCuid, u"l%1"_s.arg(id));
    c.uploaderCuid = uploaderCuid;
    c.atMs = atMs;
    return c;
}

// The history rows the conflicts-page tests read:
//   id oid winner loser uploader at_ms
//    1  a  dev-1  dev-2  dev-2   1000
//    2  b  dev-1  dev-3  dev-3   1100
//    3  a  dev-2  dev-1  dev-1   1200
//    4  b  dev-3  dev-4  dev-4   1300
//    5  a  dev-1  dev-2  dev-2   1400
//    6  c  dev-5  dev-6  dev-7   1500
//    7  a  dev-2  dev-3  dev-3   1600
//    8  b  dev-1  dev-2  dev-2   1700
//    9  a  dev-4  dev-1  dev-1   1800
//   10  b  dev-2  dev-1  dev-1   1900
QList<ConflictRecord> historyRows()
{
    return {conflict(1, u"a"_s, u"dev-1"_s, u"dev-2"_s, u"dev-2"_s, 1000),
            conflict(2, u"b"_s, u"dev-1"_s, u"dev-3"_s, u"dev-3"_s, 1100),
            conflict(3, u"a"_s, u"dev-2"_s, u"dev-1"_s, u"dev-1"_s, 1200),
            conflict(4, u"b"_s, u"dev-3"_s, u"dev-4"_s, u"dev-4"_s, 1300),
            conflict(5, u"a"_s, u"dev-1"_s, u"dev-2"_s, u"dev-2"_s, 1400),
            conflict(6, u"c"_s, u"dev-5"_s, u"dev-6"_s, u"dev-7"_s, 1500),
            conflict(7, u"a"_s, u"dev-2"_s, u"dev-3"_s, u"dev-3"_s, 1600),
            conflict(8, u"b"_s, u"dev-1"_s, u"dev-2"_s, u"dev-2"_s, 1700),
            conflict(9, u"a"_s, u"dev-4"_s, u"dev-1"_s, u"dev-1"_s, 1800),
            conflict(10, u"b"_s, u"dev-2"_s, u"dev-1"_s, u"dev-1"_s, 1900)};
}

QList<qint64> idsOf(const QList<ConflictRecord> &conflicts)
{
    QList<qint64> ids;
    for (const ConflictRecord &c : conflicts)
        ids.append(c.id);
    return ids;
}

// The objects the objects-page tests list, in bytewise oid order:
//   oid              owner kind  deleted
//   a                carol note
//   list             alice list
//   list.1           alice list
//   list.10          alice list
//   list.1:item.1    alice item
//   list.1:item.2    bob   item  yes
//   list.2           bob   list
//   lisu             alice item  (just past the range of "list")
//   m-1              alice note
//   \u00e9-1         alice note  (non-ASCII: the range end is U+00EA)
//   \u00ea           alice note
//   \U0001F600-1     alice note  (no range end to write: checked in code)
//   \U0001F601       alice note
QList<engine::ObjectState> listedObjects()
{
    struct Row
    {
        QString oid;
        QString owner;
        QString kind;
        bool deleted;
    };
    const QList<Row> rows = {{u"a"_s, u"carol"_s, u"note"_s, false},
                             {u"list"_s, u"alice"_s, u"list"_s, false},
                             {u"list.1"_s, u"alice"_s, u"list"_s, false},
                             {u"list.10"_s, u"alice"_s, u"list"_s, false},
                             {u"list.1:item.1"_s, u"alice"_s, u"item"_s, false},
                             {u"list.1:item.2"_s, u"bob"_s, u"item"_s, true},
                             {u"list.2"_s, u"bob"_s, u"list"_s, false},
                             {u"lisu"_s, u"alice"_s, u"item"_s, false},
                             {u"m-1"_s, u"alice"_s, u"note"_s, false},
                             {u"\u00e9-1"_s, u"alice"_s, u"note"_s, false},
                             {u"\u00ea"_s, u"alice"_s, u"note"_s, false},
                             {u"\U0001F600-1"_s, u"alice"_s, u"note"_s, false},
                             {u"\U0001F601"_s, u"alice"_s, u"note"_s, false}};
    QList<engine::ObjectState> objects;
    qint64 seq = 0;
    // Written in reverse so that seq order is not oid order.
    for (auto it = rows.crbegin(); it != rows.crend(); ++it) {
        engine::ObjectState o = object(it->oid, ++seq, it->deleted);
        o.owner = it->owner;
        o.kind = it->kind;
        o.grants = {u"user:dave"_s};
        o.access = engine::Access::Private;
        objects.append(o);
    }
    return objects;
}

QStringList oidsOf(const QList<engine::ObjectState> &objects)
{
    QStringList oids;
    for (const engine::ObjectState &o : objects)
        oids.append(o.oid);
    return oids;
}

} // namespace

Q_DECLARE_METATYPE(seneschal::storage::ConflictFilter)
Q_DECLARE_METATYPE(seneschal::storage::ObjectFilter)

// Asserts that a Status or Result is ok, printing the storage error if not.
#define CHECK_OK(expr)                                                                             \
    do {                                                                                           \
        const auto &result_ = (expr);                                                              \
        QVERIFY2(result_.ok(), result_.ok() ? "" : qPrintable(errorOf(result_.error())));          \
    } while (false)

// Declares `var` holding the value of a Result that must be ok.
#define VALUE(var, expr)                                                                           \
    auto var##Result = (expr);                                                                     \
    QVERIFY2(var##Result.ok(), var##Result.ok() ? "" : qPrintable(errorOf(var##Result.error())));  \
    auto var = std::move(var##Result).value()

// Declares `var`, an opened storage on the test's database.
#define OPEN(var, cfg)                                                                             \
    std::unique_ptr<Storage> var = createStorage((cfg), nextConnectionName(), clock());            \
    QVERIFY(var);                                                                                  \
    CHECK_OK(var->open())

class TestStorage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void opening_twice_applies_migrations_once();
    void migrations_resume_after_an_interrupted_step();
    void a_newer_schema_is_refused();
    void split_statements_ends_at_semicolons_at_line_end();
    void commit_round_trips_objects_with_stamps();
    void commit_replaces_the_full_copy();
    void large_values_round_trip();
    void objects_after_pages_in_seq_order();
    void object_keys_after_match_the_pages_of_objects_after();
    void load_objects_reads_many_oids_at_once();
    void count_objects_after_counts_newer_objects();
    void children_of_many_parents_in_one_call();
    void sqlite_log_is_checkpointed_in_the_background();
    void duplicate_dispatch_ids_do_not_fail_a_batch();
    void known_dispatches_returns_the_logged_subset();
    void open_uploads_and_the_log_they_merge_from();
    void logged_ids_of_a_device_up_to_a_limit();
    void last_seq_persists_and_is_never_lowered();
    void last_seq_survives_the_purge_of_the_object_holding_it();
    void clients_upsert_keeps_first_seen_and_lists_by_cuid();
    void expire_removes_exactly_old_clients_log_and_tombstones();
    void conflicts_round_trip_newest_first();
    void conflict_ids_are_written_as_given();
    void conflicts_of_a_batch_committed_twice_are_kept_once();
    void conflict_ids_are_never_reused_after_expiry();
    void last_conflict_id_covers_rows_written_before_the_counter();
    void conflicts_page_filters_before_the_limit_data();
    void conflicts_page_filters_before_the_limit();
    void conflicts_page_walks_back_by_id();
    void expiry_removes_old_conflicts();
    void objects_page_by_prefix_owner_kind_and_after_data();
    void objects_page_by_prefix_owner_kind_and_after();
    void objects_page_walks_forward_by_oid();
    void access_changes_keep_who_and_what();
    void access_changes_written_before_the_admin_columns_read_as_empty();
    void audit_records_come_back_newest_first();
    void forget_client_drops_its_cursor();
    void users_crud_and_token_version_bumps();
    void groups_crud();
    void failed_commit_rolls_back_and_storage_stays_usable();
    void keys_up_to_the_limit_are_kept_longer_ones_refused();
    void calls_on_a_closed_storage_report_connection_lost();
    void two_connections_work_concurrently();
    void commit_throughput();
    void connection_loss_is_reported_and_reopen_recovers();
    void hung_server_fails_within_the_timeouts();

private:
    DatabaseConfig config() const { return m_config; }
    QString nextConnectionName() { return u"tst_storage_%1"_s.arg(++m_connections); }
    Clock clock() const
    {
        return [now = m_now] { return *now; };
    }
    // Runs statements on a plain connection to the test's database, beside
    // the storage: to change rows behind its back, or to plant a failure.
    bool runSql(const QStringList &statements);
    bool runScript(const QString &scriptVariable, const QStringList &arguments);

    QString m_backend;
    QTemporaryDir m_dir;
    DatabaseConfig m_config;
    int m_connections = 0;
    int m_databases = 0;
    std::shared_ptr<qint64> m_now = std::make_shared<qint64>(0);
};

void TestStorage::initTestCase()
{
    m_backend = qEnvironmentVariable("SENESCHAL_TEST_BACKEND", u"sqlite"_s);
    m_config.backend = m_backend;
    if (m_backend == u"mysql") {
        if (!QSqlDatabase::isDriverAvailable(u"QMYSQL"_s))
            QFAIL("the QMYSQL driver is not installed (libqt6sql6-mysql)");
        if (qEnvironmentVariableIsEmpty("SENESCHAL_TEST_MYSQL_PORT"))
            QFAIL("SENESCHAL_TEST_MYSQL_* not set: run through ctest (fixture mariadb)");
        m_config.host = qEnvironmentVariable("SENESCHAL_TEST_MYSQL_HOST", u"127.0.0.1"_s);
        m_config.port = qEnvironmentVariableIntValue("SENESCHAL_TEST_MYSQL_PORT");
        m_config.name = qEnvironmentVariable("SENESCHAL_TEST_MYSQL_DB");
        m_config.user = qEnvironmentVariable("SENESCHAL_TEST_MYSQL_USER");
        m_config.password = qEnvironmentVariable("SENESCHAL_TEST_MYSQL_PASSWORD");
        m_config.connectTimeoutS = 2;
    } else {
        QCOMPARE(m_backend, u"sqlite"_s);
        QVERIFY(m_dir.isValid());
    }
}

void TestStorage::init()
{
    *m_now = 1'000'000;
    if (m_backend == u"sqlite") {
        m_config.path = m_dir.filePath(u"db-%1.sqlite"_s.arg(++m_databases));
        return;
    }
    // A fresh database per test: tests must not see each other's rows.
    const Status created = storage::recreateMysqlDatabase(m_config);
    QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().message));
}

bool TestStorage::runSql(const QStringList &statements)
{
    const QString name = u"tst_storage_raw"_s;
    bool ok = true;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(m_backend == u"mysql" ? u"QMYSQL"_s : u"QSQLITE"_s, name);
        if (m_backend == u"mysql") {
            db.setHostName(m_config.host);
            db.setPort(m_config.port);
            db.setUserName(m_config.user);
            db.setPassword(m_config.password);
            db.setDatabaseName(m_config.name);
        } else {
            db.setDatabaseName(m_config.path);
        }
        if (!db.open()) {
            qWarning() << "raw connection:" << db.lastError().text();
            ok = false;
        } else {
            QSqlQuery q(db);
            for (const QString &statement : statements) {
                if (!q.exec(statement)) {
                    qWarning() << statement << q.lastError().text();
                    ok = false;
                    break;
                }
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

bool TestStorage::runScript(const QString &scriptVariable, const QStringList &arguments)
{
    const QString script = qEnvironmentVariable(scriptVariable.toUtf8().constData());
    if (script.isEmpty()) {
        qWarning() << scriptVariable << "not set";
        return false;
    }
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedChannels);
    process.start(u"sh"_s, QStringList{script} + arguments);
    return process.waitForFinished(120'000) && process.exitStatus() == QProcess::NormalExit &&
           process.exitCode() == 0;
}

void TestStorage::opening_twice_applies_migrations_once()
{
    {
        OPEN(s, config());
        VALUE(version, s->schemaVersion());
        QVERIFY(version >= 1);
        CommitBatch batch;
        batch.objects = {object(u"a"_s, 1)};
        batch.lastSeq = 1;
        CHECK_OK(s->commit(batch));
    }
    OPEN(again, config());
    VALUE(version, again->schemaVersion());
    QVERIFY(version >= 1);
    VALUE(loaded, again->loadObject(u"a"_s));
    QVERIFY(loaded.has_value());
    // Re-opening the same instance (the reconnect path) works as well.
    again->close();
    QVERIFY(!again->isOpen());
    CHECK_OK(again->open());
    QVERIFY(again->isOpen());
    QCOMPARE(again->backendName(), m_backend);
}

void TestStorage::migrations_resume_after_an_interrupted_step()
{
    if (m_backend == u"sqlite")
        QSKIP("SQLite applies each migration in one transaction with its version row: no step "
              "is ever left half done (and migration 4 adds columns, which cannot run twice)");
    {
        OPEN(s, config());
        CommitBatch batch;
        batch.objects = {object(u"a"_s, 1)};
        batch.lastSeq = 1;
        CHECK_OK(s->commit(batch));
    }
    // As if the server stopped after a migration's tables were created but
    // before its version was recorded (MySQL cannot roll DDL back).
    QVERIFY(runSql({u"DELETE FROM schema_version"_s}));
    OPEN(s, config());
    VALUE(version, s->schemaVersion());
    QVERIFY(version >= 1);
    VALUE(loaded, s->loadObject(u"a"_s));
    QVERIFY(loaded.has_value());
    VALUE(seq, s->lastSeq());
    QCOMPARE(seq, 1);
}

void TestStorage::a_newer_schema_is_refused()
{
    {
        OPEN(s, config());
    }
    QVERIFY(runSql({u"INSERT INTO schema_version (version, applied_ms) VALUES (9999, 0)"_s}));
    std::unique_ptr<Storage> s = createStorage(config(), nextConnectionName(), clock());
    const Status opened = s->open();
    QVERIFY(!opened.ok());
    QVERIFY(!opened.error().connectionLost);
    QVERIFY2(opened.error().message.contains(u"9999"_s), qPrintable(opened.error().message));
    QVERIFY(!s->isOpen());
}

void TestStorage::split_statements_ends_at_semicolons_at_line_end()
{
    const QStringList statements = splitStatements(u"-- a comment; with a semicolon;\n"
                                                   "CREATE TABLE t (\n"
                                                   "    a TEXT DEFAULT ';x'\n"
                                                   ");\n"
                                                   "\n"
                                                   "INSERT INTO t VALUES ('1');  \n"
                                                   "SELECT 1"_s);
    QCOMPARE(statements, (QStringList{u"CREATE TABLE t (\na TEXT DEFAULT ';x'\n)"_s,
                                      u"INSERT INTO t VALUES ('1')"_s, u"SELECT 1"_s}));
}

void TestStorage::commit_round_trips_objects_with_stamps()
{
    OPEN(s, config());
    engine::ObjectState o;
    o.oid = u"list-9 \u00e9\U0001F600"_s; // beyond the BMP: needs utf8mb4
    o.kind = u"list"_s;
    o.parent = u"root"_s;
    o.owner = u"bob"_s;
    o.access = engine::Access::Inherit;
    o.seq = 42;
    o.created = true;
    o.props.insert(u"title"_s,
                   prop(u"Groceries \U0001F34E"_s, 1764054000000, u"dev-7f3a"_s, u"d-0001"_s));
    o.props.insert(u"qty"_s, prop(2, 1764054000001, u"dev-01bc"_s, u"d-0002"_s));
    o.props.insert(u"tags"_s, prop(QJsonArray{u"a"_s, 1, true}, 5, u"c"_s, u"i"_s));
    o.props.insert(u"meta"_s,
                   prop(QJsonObject{{u"x"_s, 1.5}, {u"y"_s, QJsonValue()}}, 6, u"c"_s, u"j"_s));
    o.props.insert(u"gone"_s, prop(QJsonValue(), 7, u"c"_s, u"k"_s));
    // Keys and stamps that need escaping; an integer beyond 2^53 kept exact.
    o.props.insert(u"say \"hi\"\n\\"_s,
                   prop(qint64(9007199254740993), 9, u"c\"\u0001"_s, u"i\\"_s));
    o.props.insert(engine::kDeletedProperty, prop(false, 8, u"c"_s, u"l"_s));

    CommitBatch batch;
    batch.objects = {o};
    batch.lastSeq = 42;
    CHECK_OK(s->commit(batch));

    VALUE(loaded, s->loadObject(o.oid));
    QVERIFY(loaded.has_value());
    QCOMPARE(*loaded, o);
    QVERIFY(loaded->exists());
    QVERIFY(!loaded->isDeleted());

    VALUE(missing, s->loadObject(u"nope"_s));
    QVERIFY(!missing.has_value());
    // Ids compare bytewise: a different case is a different object.
    VALUE(otherCase, s->loadObject(o.oid.toUpper()));
    QVERIFY(!otherCase.has_value());
}

void TestStorage::commit_replaces_the_full_copy()
{
    OPEN(s, config());
    engine::ObjectState o = object(u"a"_s, 1);
    o.props.insert(u"qty"_s, prop(1, 1, u"c"_s, u"i"_s));
    CommitBatch first;
    first.objects = {o};
    first.lastSeq = 1;
    CHECK_OK(s->commit(first));

    o.props.remove(u"qty"_s);
    o.props.insert(u"location"_s, prop(u"aisle"_s, 9, u"c2"_s, u"i2"_s));
    o.props.insert(engine::kDeletedProperty, prop(true, 10, u"c2"_s, u"i3"_s));
    o.seq = 2;
    o.access = engine::Access::Private;
    CommitBatch second;
    second.objects = {o};
    second.lastSeq = 2;
    CHECK_OK(s->commit(second));

    VALUE(loaded, s->loadObject(u"a"_s));
    QVERIFY(loaded.has_value());
    QCOMPARE(*loaded, o);
    QVERIFY(loaded->isDeleted());
    VALUE(count, s->countObjectsAfter(0));
    QCOMPARE(count, 1);
}

void TestStorage::large_values_round_trip()
{
    OPEN(s, config());
    // Three 3 MiB objects: more than one INSERT's byte budget, so the batch
    // is split, and over MariaDB's default packet size taken together.
    CommitBatch batch;
    for (int i = 1; i <= 3; ++i) {
        engine::ObjectState o = object(u"big-%1"_s.arg(i), i);
        o.props.insert(u"png"_s,
                       prop(QString(3 * 1024 * 1024, QChar(u'a' + i)), i, u"c"_s, u"i"_s));
        batch.objects.append(o);
        DispatchLogEntry e = logEntry(u"c"_s, u"big-%1"_s.arg(i), 10);
        e.json = QByteArray(3 * 1024 * 1024, 'x');
        batch.log.append(e);
    }
    batch.lastSeq = 3;
    CHECK_OK(s->commit(batch));
    VALUE(objects, s->objectsAfter(0, 10));
    QCOMPARE(objects.size(), 3);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(objects[i], batch.objects[i]);
}

void TestStorage::children_of_many_parents_in_one_call()
{
    OPEN(s, config());
    CommitBatch batch;
    qint64 seq = 0;
    // 700 parents (more than one query's worth), two children each, and
    // objects under other parents that must not be returned.
    QStringList parents;
    for (int p = 0; p < 700; ++p) {
        parents.append(u"p-%1"_s.arg(p));
        for (int c = 0; c < 2; ++c) {
            engine::ObjectState child = object(u"c-%1-%2"_s.arg(p).arg(c), ++seq);
            child.parent = parents.constLast();
            batch.objects.append(child);
        }
        engine::ObjectState stranger = object(u"x-%1"_s.arg(p), ++seq);
        stranger.parent = u"elsewhere"_s;
        batch.objects.append(stranger);
    }
    batch.lastSeq = seq;
    CHECK_OK(s->commit(batch));

    VALUE(children, s->childrenOf(parents));
    QCOMPARE(children.size(), 1400);
    QSet<QString> oids;
    for (const engine::ObjectState &child : children) {
        QVERIFY(child.oid.startsWith(u"c-"_s));
        QVERIFY(parents.contains(child.parent));
        oids.insert(child.oid);
    }
    QCOMPARE(oids.size(), 1400);
    VALUE(three, s->childrenOf({u"p-3"_s, u"p-699"_s, u"p-3"_s}));
    QCOMPARE(three.size(), 4);
    VALUE(none, s->childrenOf({u"nobody"_s}));
    QVERIFY(none.isEmpty());
    VALUE(empty, s->childrenOf({}));
    QVERIFY(empty.isEmpty());
}

void TestStorage::sqlite_log_is_checkpointed_in_the_background()
{
    if (m_backend != u"sqlite")
        QSKIP("a SQLite write-ahead log property");
    // About 500 pages of objects: fewer than SQLite's own checkpoint
    // threshold (1,000), so only the background checkpointer copies them into
    // the database file; without it the file keeps its initial size.
    auto commitObjects = [](Storage &s) {
        CommitBatch batch;
        for (int i = 0; i < 250; ++i) {
            engine::ObjectState o = object(u"big-%1"_s.arg(i), i + 1);
            o.props.insert(u"blob"_s, prop(QString(4000, u'x'), 1, u"c"_s, u"b-%1"_s.arg(i)));
            batch.objects.append(o);
        }
        batch.lastSeq = 250;
        return s.commit(batch);
    };
    const QString foregroundPath = m_config.path;
    DatabaseConfig background = config();
    background.path = m_dir.filePath(u"db-background-%1.sqlite"_s.arg(m_databases));
    background.backgroundCheckpoints = true;
    {
        OPEN(fg, config());
        OPEN(bg, background);
        CHECK_OK(commitObjects(*fg));
        CHECK_OK(commitObjects(*bg));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(background.path).size() > 1'000'000, 5000);
        QVERIFY2(QFileInfo(foregroundPath).size() < 1'000'000,
                 qPrintable(QString::number(QFileInfo(foregroundPath).size())));
        // The data reads back whole through the committing connection.
        VALUE(page, bg->objectsAfter(0, 1000));
        QCOMPARE(page.size(), 250);
        QCOMPARE(page.constLast().props.value(u"blob"_s).value.toString().size(), 4000);
        bg->close();
    }
}

void TestStorage::objects_after_pages_in_seq_order()
{
    OPEN(s, config());
    CommitBatch batch;
    // Inserted out of order; oids sort differently from seqs.
    for (int seq : {5, 3, 9, 1, 7, 2, 8, 4, 6, 10})
        batch.objects.append(object(u"ob-%1"_s.arg(11 - seq), seq));
    batch.lastSeq = 10;
    CHECK_OK(s->commit(batch));

    QList<qint64> seen;
    qint64 after = 0;
    for (;;) {
        VALUE(page, s->objectsAfter(after, 3));
        if (page.isEmpty())
            break;
        QVERIFY(page.size() <= 3);
        for (const engine::ObjectState &o : page) {
            QVERIFY(o.exists());
            QCOMPARE(o.oid, u"ob-%1"_s.arg(11 - o.seq));
            seen.append(o.seq);
        }
        after = page.constLast().seq;
    }
    QCOMPARE(seen, (QList<qint64>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));

    VALUE(tail, s->objectsAfter(8, 100));
    QCOMPARE(tail.size(), 2);
    VALUE(none, s->objectsAfter(0, 0));
    QVERIFY(none.isEmpty());
}

void TestStorage::object_keys_after_match_the_pages_of_objects_after()
{
    OPEN(s, config());
    CommitBatch batch;
    for (int seq : {5, 3, 9, 1, 7, 2, 8, 4, 6, 10})
        batch.objects.append(object(u"ob-%1"_s.arg(11 - seq), seq, seq == 7));
    batch.lastSeq = 10;
    CHECK_OK(s->commit(batch));

    for (qint64 after : {0, 3, 9, 10}) {
        VALUE(objects, s->objectsAfter(after, 4));
        VALUE(keys, s->objectKeysAfter(after, 4));
        QCOMPARE(keys.size(), objects.size());
        for (qsizetype i = 0; i < keys.size(); ++i) {
            QCOMPARE(keys[i].oid, objects[i].oid);
            QCOMPARE(keys[i].seq, objects[i].seq);
        }
    }
    VALUE(all, s->objectKeysAfter(0, 100));
    QCOMPARE(all.size(), 10); // the tombstone too
    QCOMPARE(all.constFirst().seq, 1);
    QCOMPARE(all.constLast().seq, 10);
    VALUE(none, s->objectKeysAfter(0, 0));
    QVERIFY(none.isEmpty());
}

void TestStorage::load_objects_reads_many_oids_at_once()
{
    OPEN(s, config());
    CommitBatch batch;
    QStringList wanted;
    // 600 objects: more than one query's worth of oids.
    for (int i = 1; i <= 600; ++i) {
        const engine::ObjectState o = object(u"many-%1"_s.arg(i), i, i == 17);
        batch.objects.append(o);
        if (i % 2 == 0 || i == 17)
            wanted.append(o.oid);
    }
    batch.lastSeq = 600;
    CHECK_OK(s->commit(batch));
    wanted.append(u"many-404"_s); // a repeat
    wanted.append(u"unknown"_s);

    VALUE(found, s->loadObjects(wanted));
    QCOMPARE(found.size(), 301);
    QSet<QString> oids;
    for (const engine::ObjectState &o : found) {
        QVERIFY(o.exists());
        QCOMPARE(o.oid, u"many-%1"_s.arg(o.seq));
        QCOMPARE(o.props.value(u"name"_s).value.toString(), o.oid);
        oids.insert(o.oid);
    }
    QCOMPARE(oids.size(), 301);
    QVERIFY(oids.contains(u"many-17"_s));
    VALUE(none, s->loadObjects({u"unknown"_s}));
    QVERIFY(none.isEmpty());
    VALUE(empty, s->loadObjects({}));
    QVERIFY(empty.isEmpty());
}

void TestStorage::count_objects_after_counts_newer_objects()
{
    OPEN(s, config());
    VALUE(empty, s->countObjectsAfter(0));
    QCOMPARE(empty, 0);
    CommitBatch batch;
    for (int seq = 1; seq <= 25; ++seq)
        batch.objects.append(object(u"o%1"_s.arg(seq), seq, seq % 5 == 0));
    batch.lastSeq = 25;
    CHECK_OK(s->commit(batch));
    VALUE(all, s->countObjectsAfter(0));
    QCOMPARE(all, 25);
    VALUE(some, s->countObjectsAfter(20));
    QCOMPARE(some, 5);
    VALUE(none, s->countObjectsAfter(25));
    QCOMPARE(none, 0);
}

void TestStorage::duplicate_dispatch_ids_do_not_fail_a_batch()
{
    OPEN(s, config());
    CommitBatch first;
    first.log = {logEntry(u"dev-a"_s, u"d-1"_s, 10), logEntry(u"dev-a"_s, u"d-2"_s, 10)};
    CHECK_OK(s->commit(first));

    CommitBatch second;
    DispatchLogEntry changed = logEntry(u"dev-a"_s, u"d-1"_s, 99);
    changed.json = "{}";
    // A duplicate of an earlier batch, a duplicate inside the batch, and the
    // same id from another device (not a duplicate).
    second.log = {changed, logEntry(u"dev-a"_s, u"d-3"_s, 20), logEntry(u"dev-a"_s, u"d-3"_s, 20),
                  logEntry(u"dev-b"_s, u"d-1"_s, 20)};
    second.objects = {object(u"x"_s, 1)};
    second.lastSeq = 1;
    CHECK_OK(s->commit(second));

    using storage::DispatchRef;
    // Both devices in one call: each pair is matched as a pair.
    VALUE(known, s->knownDispatches({{u"dev-a"_s, u"d-1"_s},
                                     {u"dev-a"_s, u"d-2"_s},
                                     {u"dev-a"_s, u"d-3"_s},
                                     {u"dev-b"_s, u"d-1"_s},
                                     {u"dev-b"_s, u"d-2"_s},
                                     {u"dev-c"_s, u"d-3"_s}}));
    QCOMPARE(known, (QSet<DispatchRef>{{u"dev-a"_s, u"d-1"_s},
                                       {u"dev-a"_s, u"d-2"_s},
                                       {u"dev-a"_s, u"d-3"_s},
                                       {u"dev-b"_s, u"d-1"_s}}));
    VALUE(x, s->loadObject(u"x"_s));
    QVERIFY(x.has_value());
    VALUE(seq, s->lastSeq());
    QCOMPARE(seq, 1);
}

void TestStorage::open_uploads_and_the_log_they_merge_from()
{
    OPEN(s, config());
    VALUE(none, s->openUploads());
    QVERIFY(none.isEmpty());

    CommitBatch opening;
    opening.log = {logEntry(u"dev-a"_s, u"d-2"_s, 2000), logEntry(u"dev-a"_s, u"d-1"_s, 1000),
                   logEntry(u"dev-b"_s, u"d-1"_s, 1500)};
    opening.uploadsOpened = {{u"dev-a"_s, 1000}};
    CHECK_OK(s->commit(opening));
    // Opened again (a later pass, or a restart): the earlier start is kept.
    CommitBatch again;
    again.log = {logEntry(u"dev-a"_s, u"d-3"_s, 3000)};
    again.uploadsOpened = {{u"dev-a"_s, 3000}, {u"dev-b"_s, 1500}};
    CHECK_OK(s->commit(again));
    VALUE(open, s->openUploads());
    QCOMPARE(open, (QList<storage::OpenUpload>{{u"dev-a"_s, 1000}, {u"dev-b"_s, 1500}}));

    // The device's entries from a time on, in the order received.
    VALUE(logged, s->loggedSince(u"dev-a"_s, 1500));
    QCOMPARE(logged.size(), 2);
    QCOMPARE(logged.at(0).id, u"d-2"_s);
    QCOMPARE(logged.at(1).id, u"d-3"_s);
    QCOMPARE(logged.at(1).receivedMs, 3000);
    QCOMPARE(logged.at(1).json, logEntry(u"dev-a"_s, u"d-3"_s, 3000).json);
    VALUE(all, s->loggedSince(u"dev-a"_s, 0));
    QCOMPARE(all.size(), 3);
    QCOMPARE(all.at(0).id, u"d-1"_s);

    // Merged with the objects it changed: gone in the same transaction.
    CommitBatch merging;
    merging.objects = {object(u"x"_s, 1)};
    merging.uploadsMerged = {u"dev-a"_s};
    merging.lastSeq = 1;
    CHECK_OK(s->commit(merging));
    VALUE(left, s->openUploads());
    QCOMPARE(left, (QList<storage::OpenUpload>{{u"dev-b"_s, 1500}}));
}

void TestStorage::logged_ids_of_a_device_up_to_a_limit()
{
    OPEN(s, config());
    VALUE(nothing, s->loggedIds(u"dev-a"_s, 10));
    QVERIFY(nothing.has_value());
    QVERIFY(nothing->isEmpty());

    CommitBatch batch;
    for (int i = 0; i < 5; ++i)
        batch.log.append(logEntry(u"dev-a"_s, u"d-%1"_s.arg(i), 10 + i));
    batch.log.append(logEntry(u"dev-b"_s, u"d-9"_s, 10));
    CHECK_OK(s->commit(batch));

    VALUE(ids, s->loggedIds(u"dev-a"_s, 5));
    QVERIFY(ids.has_value());
    QStringList sorted = *ids;
    sorted.sort();
    QCOMPARE(sorted, (QStringList{u"d-0"_s, u"d-1"_s, u"d-2"_s, u"d-3"_s, u"d-4"_s}));
    // One more than the limit: none, so that the caller looks them up.
    VALUE(over, s->loggedIds(u"dev-a"_s, 4));
    QVERIFY(!over.has_value());
    VALUE(other, s->loggedIds(u"dev-b"_s, 4));
    QCOMPARE(other, std::optional(QStringList{u"d-9"_s}));
}

void TestStorage::known_dispatches_returns_the_logged_subset()
{
    OPEN(s, config());
    CommitBatch batch;
    for (int i = 0; i < 1500; i += 3)
        batch.log.append(logEntry(u"dev-a"_s, u"d-%1"_s.arg(i), 10));
    batch.log.append(logEntry(u"dev-b"_s, u"d-1"_s, 10));
    CHECK_OK(s->commit(batch));

    // More ids than one query takes, so several chunks and a padded one.
    QStringList ids;
    QSet<QString> expected;
    for (int i = 0; i < 1300; ++i) {
        ids.append(u"d-%1"_s.arg(i));
        if (i % 3 == 0)
            expected.insert(ids.constLast());
    }
    VALUE(known, knownIdsOf(*s, u"dev-a"_s, ids));
    QCOMPARE(known.size(), expected.size());
    QCOMPARE(known, expected);

    VALUE(few, knownIdsOf(*s, u"dev-a"_s, {u"d-3"_s, u"d-4"_s, u"d-6"_s}));
    QCOMPARE(few, (QSet<QString>{u"d-3"_s, u"d-6"_s}));
    VALUE(none, knownIdsOf(*s, u"dev-a"_s, {}));
    QVERIFY(none.isEmpty());
    VALUE(otherDevice, knownIdsOf(*s, u"dev-c"_s, {u"d-3"_s}));
    QVERIFY(otherDevice.isEmpty());

    // Several devices in one call, more pairs than one query takes: only a
    // logged pair counts, not an id logged for another device.
    QList<DispatchRef> refs;
    QSet<DispatchRef> expectedRefs;
    for (int i = 0; i < 700; ++i) {
        for (const QString &cuid : {u"dev-a"_s, u"dev-b"_s}) {
            refs.append({cuid, u"d-%1"_s.arg(i)});
            if ((cuid == u"dev-a"_s && i % 3 == 0) || (cuid == u"dev-b"_s && i == 1))
                expectedRefs.insert(refs.constLast());
        }
    }
    VALUE(knownRefs, s->knownDispatches(refs));
    QCOMPARE(knownRefs.size(), expectedRefs.size());
    QCOMPARE(knownRefs, expectedRefs);
}

void TestStorage::last_seq_persists_and_is_never_lowered()
{
    {
        OPEN(s, config());
        VALUE(initial, s->lastSeq());
        QCOMPARE(initial, 0);
        CommitBatch batch;
        batch.objects = {object(u"a"_s, 7, true), object(u"b"_s, 8)};
        batch.lastSeq = 9; // a seq may be taken without an object row (an access change)
        CHECK_OK(s->commit(batch));
        VALUE(seq, s->lastSeq());
        QCOMPARE(seq, 9);

        CommitBatch older;
        older.log = {logEntry(u"c"_s, u"i"_s, 1)};
        older.lastSeq = 3;
        CHECK_OK(s->commit(older));
        VALUE(still, s->lastSeq());
        QCOMPARE(still, 9);
    }
    OPEN(s, config());
    VALUE(reopened, s->lastSeq());
    QCOMPARE(reopened, 9);

    // Purging the tombstone holding seq 7 and then deleting... the object of
    // seq 8 would not exist either; last_seq stays, so no seq is reused.
    *m_now += 100'000;
    VALUE(report, s->expire(*m_now));
    QCOMPARE(report.tombstonesRemoved, 1);
    QCOMPARE(report.purgedSeq, 7);
    VALUE(afterPurge, s->lastSeq());
    QCOMPARE(afterPurge, 9);
    VALUE(purged, s->purgedSeq());
    QCOMPARE(purged, 7);
}

void TestStorage::last_seq_survives_the_purge_of_the_object_holding_it()
{
    OPEN(s, config());
    // The objects carry the batch's last seq, so the commit leaves the
    // counter alone; the newest change is a deletion.
    CommitBatch batch;
    batch.objects = {object(u"live"_s, 4), object(u"gone"_s, 5, true)};
    batch.lastSeq = 5;
    CHECK_OK(s->commit(batch));
    VALUE(before, s->lastSeq());
    QCOMPARE(before, 5);

    *m_now += 100'000;
    VALUE(report, s->expire(*m_now));
    QCOMPARE(report.tombstonesRemoved, 1);
    VALUE(after, s->lastSeq());
    QCOMPARE(after, 5); // not 4: seq 5 was handed out once already
    OPEN(reopened, config());
    VALUE(afterReopen, reopened->lastSeq());
    QCOMPARE(afterReopen, 5);
}

void TestStorage::clients_upsert_keeps_first_seen_and_lists_by_cuid()
{
    OPEN(s, config());
    VALUE(none, s->client(u"dev-b"_s));
    QVERIFY(!none.has_value());

    CHECK_OK(s->upsertClient(clientRecord(u"dev-b"_s, 100, 100, 0)));
    CommitBatch batch;
    batch.clients = {clientRecord(u"dev-a"_s, 50, 60, 3)};
    CHECK_OK(s->commit(batch));

    ClientRecord later = clientRecord(u"dev-b"_s, 999, 500, 12);
    later.uuid = u"bob"_s;
    CHECK_OK(s->upsertClient(later));

    VALUE(b, s->client(u"dev-b"_s));
    QVERIFY(b.has_value());
    QCOMPARE(b->uuid, u"bob"_s);
    QCOMPARE(b->firstSeenMs, 100); // the first sighting stays
    QCOMPARE(b->lastSeenMs, 500);
    QCOMPARE(b->cursor, 12);

    VALUE(all, s->clients());
    QCOMPARE(all.size(), 2);
    QCOMPARE(all[0].cuid, u"dev-a"_s);
    QCOMPARE(all[0].cursor, 3);
    QCOMPARE(all[1].cuid, u"dev-b"_s);
}

void TestStorage::expire_removes_exactly_old_clients_log_and_tombstones()
{
    OPEN(s, config());
    *m_now = 1000;
    CommitBatch old;
    old.objects = {object(u"live-old"_s, 1), object(u"tomb-old"_s, 2, true),
                   object(u"tomb-old2"_s, 3, true)};
    old.log = {logEntry(u"dev-old"_s, u"d-1"_s, 500), logEntry(u"dev-new"_s, u"d-2"_s, 1999)};
    old.clients = {clientRecord(u"dev-old"_s, 100, 1999, 3),
                   clientRecord(u"dev-new"_s, 100, 2000, 3)};
    old.lastSeq = 3;
    CHECK_OK(s->commit(old));

    *m_now = 5000;
    CommitBatch recent;
    engine::ObjectState restored = object(u"tomb-old2"_s, 5, true);
    restored.props[engine::kDeletedProperty] = prop(false, 400, u"dev-new"_s, u"undel"_s);
    recent.objects = {object(u"tomb-new"_s, 4, true), restored};
    recent.log = {logEntry(u"dev-new"_s, u"d-3"_s, 2000)};
    recent.lastSeq = 5;
    CHECK_OK(s->commit(recent));

    VALUE(report, s->expire(2000));
    QCOMPARE(report.clientsRemoved, 1);
    QCOMPARE(report.logEntriesRemoved, 2);
    QCOMPARE(report.tombstonesRemoved, 1);
    QCOMPARE(report.purgedSeq, 2);

    VALUE(clients, s->clients());
    QCOMPARE(clients.size(), 1);
    QCOMPARE(clients[0].cuid, u"dev-new"_s);
    VALUE(knownOld, knownIdsOf(*s, u"dev-old"_s, {u"d-1"_s}));
    QVERIFY(knownOld.isEmpty());
    VALUE(knownNew, knownIdsOf(*s, u"dev-new"_s, {u"d-2"_s, u"d-3"_s}));
    QCOMPARE(knownNew, (QSet<QString>{u"d-3"_s}));
    for (const QString &oid : {u"live-old"_s, u"tomb-old2"_s, u"tomb-new"_s}) {
        VALUE(o, s->loadObject(oid));
        QVERIFY2(o.has_value(), qPrintable(oid));
    }
    VALUE(gone, s->loadObject(u"tomb-old"_s));
    QVERIFY(!gone.has_value());

    // Nothing more is old enough: an expire changes nothing, and never lowers
    // purged_seq.
    VALUE(again, s->expire(2000));
    QCOMPARE(again.clientsRemoved, 0);
    QCOMPARE(again.logEntriesRemoved, 0);
    QCOMPARE(again.tombstonesRemoved, 0);
    QCOMPARE(again.purgedSeq, 2);

    VALUE(later, s->expire(5001));
    QCOMPARE(later.tombstonesRemoved, 1);
    QCOMPARE(later.purgedSeq, 4);
    VALUE(purged, s->purgedSeq());
    QCOMPARE(purged, 4);
    VALUE(count, s->countObjectsAfter(0));
    QCOMPARE(count, 2);
    VALUE(seq, s->lastSeq());
    QCOMPARE(seq, 5);
}

void TestStorage::conflicts_round_trip_newest_first()
{
    OPEN(s, config());
    VALUE(empty, s->recentConflicts(10));
    QVERIFY(empty.isEmpty());

    CommitBatch batch;
    for (int i = 1; i <= 3; ++i) {
        ConflictRecord c;
        c.seq = i;
        c.oid = u"ob1"_s;
        c.property = u"location"_s;
        c.winner = prop(u"food court"_s, 1000 + i, u"dev-1"_s, u"w%1"_s.arg(i));
        c.loser = prop(i == 2 ? QJsonValue(QJsonObject{{u"k"_s, 1}}) : QJsonValue(i), 900 + i,
                       u"dev-2"_s, u"l%1"_s.arg(i));
        c.uploaderCuid = u"dev-2"_s;
        c.atMs = 5000 + i;
        batch.conflicts.append(c);
    }
    CHECK_OK(s->commit(batch));
    VALUE(recent, s->recentConflicts(2));
    QCOMPARE(recent.size(), 2);
    QCOMPARE(recent[0].seq, 3);
    QCOMPARE(recent[1].seq, 2);
    const ConflictRecord &c = recent[1];
    QCOMPARE(c.oid, u"ob1"_s);
    QCOMPARE(c.property, u"location"_s);
    QCOMPARE(c.winner, batch.conflicts[1].winner);
    QCOMPARE(c.loser, batch.conflicts[1].loser);
    QCOMPARE(c.uploaderCuid, u"dev-2"_s);
    QCOMPARE(c.atMs, 5002);
    // Written without ids (0): the database numbered them in order.
    QVERIFY(recent[1].id > 0);
    QCOMPARE(recent[0].id, recent[1].id + 1);
    VALUE(last, s->lastConflictId());
    QCOMPARE(last, recent[0].id);
}

void TestStorage::conflict_ids_are_written_as_given()
{
    OPEN(s, config());
    VALUE(none, s->lastConflictId());
    QCOMPARE(none, 0);
    CommitBatch batch;
    // Not consecutive and not in order: the ids are the service's, not the
    // database's.
    batch.conflicts = {conflict(41, u"a"_s, u"dev-1"_s, u"dev-2"_s, u"dev-2"_s, 10),
                       conflict(7, u"a"_s, u"dev-1"_s, u"dev-2"_s, u"dev-2"_s, 11)};
    CHECK_OK(s->commit(batch));
    VALUE(last, s->lastConflictId());
    QCOMPARE(last, 41);
    VALUE(recent, s->recentConflicts(10));
    QCOMPARE(idsOf(recent), (QList<qint64>{41, 7}));
    const ConflictRecord &c = recent[1];
    const ConflictRecord &expected = batch.conflicts[1];
    QCOMPARE(c.seq, expected.seq);
    QCOMPARE(c.oid, expected.oid);
    QCOMPARE(c.property, expected.property);
    QCOMPARE(c.winner, expected.winner);
    QCOMPARE(c.loser, expected.loser);
    QCOMPARE(c.uploaderCuid, expected.uploaderCuid);
    QCOMPARE(c.atMs, expected.atMs);

    // A batch without conflicts leaves the counter alone; a lower id never
    // lowers it.
    CommitBatch other;
    other.objects = {object(u"x"_s, 1)};
    other.lastSeq = 1;
    CHECK_OK(s->commit(other));
    CommitBatch lower;
    lower.conflicts = {conflict(8, u"a"_s, u"dev-1"_s, u"dev-2"_s, u"dev-2"_s, 12)};
    CHECK_OK(s->commit(lower));
    VALUE(still, s->lastConflictId());
    QCOMPARE(still, 41);
    // The counter was raised by the commit itself: history removed by any
    // means (here by hand) does not bring an id back.
    QVERIFY(runSql({u"DELETE FROM conflicts"_s}));
    VALUE(afterDelete, s->lastConflictId());
    QCOMPARE(afterDelete, 41);
}

void TestStorage::conflicts_of_a_batch_committed_twice_are_kept_once()
{
    // What the service does after a connection lost during COMMIT, when the
    // outcome is unknown: the same batch again.
    OPEN(s, config());
    CommitBatch batch;
    batch.objects = {object(u"a"_s, 1)};
    batch.conflicts = {conflict(1, u"a"_s, u"dev-1"_s, u"dev-2"_s, u"dev-2"_s, 10),
                       conflict(2, u"a"_s, u"dev-1"_s, u"dev-2"_s, u"dev-2"_s, 10)};
    batch.lastSeq = 1;
    CHECK_OK(s->commit(batch));
    CHECK_OK(s->commit(batch));
    VALUE(recent, s->recentConflicts(10));
    QCOMPARE(idsOf(recent), (QList<qint64>{2, 1}));
}

void TestStorage::conflict_ids_are_never_reused_after_expiry()
{
    {
        OPEN(s, config());
        CommitBatch batch;
        batch.conflicts = historyRows();
        CHECK_OK(s->commit(batch));
        // Numbered by the database (id 0): also counted once its row is gone.
        CommitBatch numbered;
        ConflictRecord unnumbered = conflict(0, u"a"_s, u"dev-1"_s, u"dev-2"_s, u"dev-2"_s, 1950);
        numbered.conflicts = {unnumbered};
        CHECK_OK(s->commit(numbered));
        VALUE(recent, s->recentConflicts(1));
        QCOMPARE(recent.size(), 1);
        QCOMPARE(recent[0].id, 11);

        VALUE(report, s->expire(100'000));
        QCOMPARE(report.conflictsRemoved, 11);
        VALUE(gone, s->recentConflicts(100));
        QVERIFY(gone.isEmpty());
        VALUE(last, s->lastConflictId());
        QCOMPARE(last, 11);
    }
    OPEN(reopened, config());
    VALUE(last, reopened->lastConflictId());
    QCOMPARE(last, 11);
    // The next id the service picks is new.
    CommitBatch next;
    next.conflicts = {conflict(last + 1, u"a"_s, u"dev-1"_s, u"dev-2"_s, u"dev-2"_s, 200'000)};
    CHECK_OK(reopened->commit(next));
    VALUE(after, reopened->lastConflictId());
    QCOMPARE(after, 12);
}

void TestStorage::last_conflict_id_covers_rows_written_before_the_counter()
{
    OPEN(s, config());
    CommitBatch batch;
    batch.conflicts = historyRows();
    CHECK_OK(s->commit(batch));
    // As in a database whose conflicts were written before migration 4 (or
    // 3 on MariaDB) added the counter.
    QVERIFY(runSql({u"UPDATE meta SET meta_value = 0 WHERE meta_key = 'last_conflict_id'"_s}));
    VALUE(last, s->lastConflictId());
    QCOMPARE(last, 10);
}

void TestStorage::conflicts_page_filters_before_the_limit_data()
{
    QTest::addColumn<ConflictFilter>("filter");
    QTest::addColumn<QList<qint64>>("ids");
    auto filter = [](int limit) {
        ConflictFilter f;
        f.limit = limit;
        return f;
    };
    QTest::newRow("newest first") << filter(4) << QList<qint64>{10, 9, 8, 7};
    QTest::newRow("all") << filter(100) << QList<qint64>{10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
    ConflictFilter f = filter(3);
    f.oid = u"b"_s;
    QTest::newRow("oid") << f << QList<qint64>{10, 8, 4};
    f = filter(100);
    f.cuid = u"dev-7"_s;
    QTest::newRow("cuid as uploader only") << f << QList<qint64>{6};
    f.cuid = u"dev-6"_s;
    QTest::newRow("cuid as loser only") << f << QList<qint64>{6};
    f.cuid = u"dev-5"_s;
    QTest::newRow("cuid as winner only") << f << QList<qint64>{6};
    f.cuid = u"dev-3"_s;
    QTest::newRow("cuid in any role") << f << QList<qint64>{7, 4, 2};
    f = filter(1);
    f.cuid = u"dev-4"_s;
    QTest::newRow("cuid, limit 1") << f << QList<qint64>{9};
    f = filter(100);
    f.fromMs = 1200;
    f.toMs = 1600;
    QTest::newRow("from and to, both included") << f << QList<qint64>{7, 6, 5, 4, 3};
    f.limit = 2;
    QTest::newRow("from and to, limit 2") << f << QList<qint64>{7, 6};
    f = filter(100);
    f.fromMs = 1850;
    QTest::newRow("from only") << f << QList<qint64>{10};
    f = filter(100);
    f.toMs = 1000;
    QTest::newRow("to only") << f << QList<qint64>{1};
    f = filter(100);
    f.beforeId = 5;
    QTest::newRow("before an id") << f << QList<qint64>{4, 3, 2, 1};
    f = filter(100);
    f.oid = u"a"_s;
    f.cuid = u"dev-1"_s;
    f.beforeId = 9;
    QTest::newRow("oid, cuid and before") << f << QList<qint64>{5, 3, 1};
    f = filter(2);
    f.oid = u"a"_s;
    f.fromMs = 1300;
    f.beforeId = 9;
    QTest::newRow("oid, from, before, limit") << f << QList<qint64>{7, 5};
    f = filter(100);
    f.oid = u"z"_s;
    QTest::newRow("nothing matches") << f << QList<qint64>{};
    f = filter(100);
    f.fromMs = 1500;
    f.toMs = 1400;
    QTest::newRow("an empty time range") << f << QList<qint64>{};
    QTest::newRow("limit 0") << filter(0) << QList<qint64>{};
}

void TestStorage::conflicts_page_filters_before_the_limit()
{
    QFETCH(ConflictFilter, filter);
    QFETCH(QList<qint64>, ids);
    OPEN(s, config());
    CommitBatch batch;
    batch.conflicts = historyRows();
    CHECK_OK(s->commit(batch));
    VALUE(page, s->conflictsPage(filter));
    QCOMPARE(idsOf(page), ids);
}

void TestStorage::conflicts_page_walks_back_by_id()
{
    OPEN(s, config());
    CommitBatch batch;
    batch.conflicts = historyRows();
    CHECK_OK(s->commit(batch));
    ConflictFilter filter;
    filter.cuid = u"dev-1"_s;
    filter.limit = 2;
    QList<qint64> seen;
    for (int pages = 0; pages < 10; ++pages) {
        VALUE(page, s->conflictsPage(filter));
        QVERIFY(page.size() <= 2);
        if (page.isEmpty())
            break;
        seen += idsOf(page);
        filter.beforeId = page.constLast().id;
    }
    QCOMPARE(seen, (QList<qint64>{10, 9, 8, 5, 3, 2, 1}));

    // The rows come back whole.
    filter = ConflictFilter();
    filter.oid = u"c"_s;
    VALUE(one, s->conflictsPage(filter));
    QCOMPARE(one.size(), 1);
    const ConflictRecord expected = historyRows()[5];
    QCOMPARE(one[0].id, 6);
    QCOMPARE(one[0].seq, expected.seq);
    QCOMPARE(one[0].property, expected.property);
    QCOMPARE(one[0].winner, expected.winner);
    QCOMPARE(one[0].loser, expected.loser);
    QCOMPARE(one[0].uploaderCuid, u"dev-7"_s);
    QCOMPARE(one[0].atMs, 1500);
}

void TestStorage::expiry_removes_old_conflicts()
{
    OPEN(s, config());
    CommitBatch batch;
    batch.conflicts = historyRows();
    CHECK_OK(s->commit(batch));
    AuditRecord audit{0, 10, u"admin"_s, u"expire"_s, R"({"cuid":"dev-1"})"};
    CHECK_OK(s->appendAudit(audit));

    VALUE(report, s->expire(1400)); // at_ms below the horizon: 1000-1300
    QCOMPARE(report.conflictsRemoved, 4);
    VALUE(left, s->conflictsPage(ConflictFilter()));
    QCOMPARE(idsOf(left), (QList<qint64>{10, 9, 8, 7, 6, 5}));
    VALUE(again, s->expire(1400));
    QCOMPARE(again.conflictsRemoved, 0);
    // The audit is kept whatever its age.
    VALUE(audits, s->recentAudit(10));
    QCOMPARE(audits.size(), 1);
}

void TestStorage::objects_page_by_prefix_owner_kind_and_after_data()
{
    QTest::addColumn<ObjectFilter>("filter");
    QTest::addColumn<QStringList>("oids");
    auto filter = [](int limit) {
        ObjectFilter f;
        f.limit = limit;
        return f;
    };
    QTest::newRow("all, by oid") << filter(100)
                                 << QStringList{
                                        u"a"_s,         u"list"_s,          u"list.1"_s,
                                        u"list.10"_s,   u"list.1:item.1"_s, u"list.1:item.2"_s,
                                        u"list.2"_s,    u"lisu"_s,          u"m-1"_s,
                                        u"\u00e9-1"_s,  u"\u00ea"_s,        u"\U0001F600-1"_s,
                                        u"\U0001F601"_s};
    QTest::newRow("limit") << filter(3) << QStringList{u"a"_s, u"list"_s, u"list.1"_s};
    ObjectFilter f = filter(100);
    f.prefix = u"list"_s;
    QTest::newRow("prefix, not the next oid past its range")
        << f << QStringList{u"list"_s,          u"list.1"_s,        u"list.10"_s,
                            u"list.1:item.1"_s, u"list.1:item.2"_s, u"list.2"_s};
    f.prefix = u"list.1"_s;
    QTest::newRow("longer prefix")
        << f << QStringList{u"list.1"_s, u"list.10"_s, u"list.1:item.1"_s, u"list.1:item.2"_s};
    f.prefix = u"list.1:"_s;
    QTest::newRow("prefix ending in a separator")
        << f << QStringList{u"list.1:item.1"_s, u"list.1:item.2"_s};
    f.prefix = u"list."_s;
    f.owner = u"bob"_s;
    QTest::newRow("prefix and owner") << f << QStringList{u"list.1:item.2"_s, u"list.2"_s};
    f = filter(100);
    f.kind = u"item"_s;
    QTest::newRow("kind, tombstones included")
        << f << QStringList{u"list.1:item.1"_s, u"list.1:item.2"_s, u"lisu"_s};
    f.owner = u"alice"_s;
    f.kind = u"list"_s;
    QTest::newRow("owner and kind") << f << QStringList{u"list"_s, u"list.1"_s, u"list.10"_s};
    f = filter(2);
    f.prefix = u"list"_s;
    f.afterOid = u"list.10"_s;
    QTest::newRow("prefix, after and limit")
        << f << QStringList{u"list.1:item.1"_s, u"list.1:item.2"_s};
    f = filter(1);
    f.afterOid = u"lisu"_s;
    QTest::newRow("after, limit 1") << f << QStringList{u"m-1"_s};
    f = filter(100);
    f.prefix = u"\u00e9"_s;
    QTest::newRow("non-ASCII prefix") << f << QStringList{u"\u00e9-1"_s};
    f.prefix = u"\U0001F600"_s;
    QTest::newRow("prefix without a range end") << f << QStringList{u"\U0001F600-1"_s};
    f.prefix = u"z"_s;
    QTest::newRow("nothing matches") << f << QStringList{};
    f = filter(100);
    f.owner = u"carol"_s;
    f.kind = u"list"_s;
    QTest::newRow("owner and kind, nothing matches") << f << QStringList{};
    QTest::newRow("limit 0") << filter(0) << QStringList{};
}

void TestStorage::objects_page_by_prefix_owner_kind_and_after()
{
    QFETCH(ObjectFilter, filter);
    QFETCH(QStringList, oids);
    OPEN(s, config());
    CommitBatch batch;
    batch.objects = listedObjects();
    batch.lastSeq = batch.objects.size();
    CHECK_OK(s->commit(batch));
    VALUE(page, s->objectsPage(filter));
    QCOMPARE(oidsOf(page), oids);
    // Whole objects, as every other object read gives them.
    for (const engine::ObjectState &o : page) {
        const auto expected = std::find_if(batch.objects.cbegin(), batch.objects.cend(),
                                           [&](const auto &e) { return e.oid == o.oid; });
        QVERIFY(expected != batch.objects.cend());
        QCOMPARE(o, *expected);
    }
}

void TestStorage::objects_page_walks_forward_by_oid()
{
    OPEN(s, config());
    CommitBatch batch;
    batch.objects = listedObjects();
    batch.lastSeq = batch.objects.size();
    CHECK_OK(s->commit(batch));
    ObjectFilter filter;
    filter.prefix = u"list"_s;
    filter.limit = 4;
    QStringList seen;
    for (int pages = 0; pages < 10; ++pages) {
        VALUE(page, s->objectsPage(filter));
        QVERIFY(page.size() <= 4);
        if (page.isEmpty())
            break;
        seen += oidsOf(page);
        filter.afterOid = page.constLast().oid;
    }
    QCOMPARE(seen, (QStringList{u"list"_s, u"list.1"_s, u"list.10"_s, u"list.1:item.1"_s,
                                u"list.1:item.2"_s, u"list.2"_s}));
}

void TestStorage::access_changes_keep_who_and_what()
{
    OPEN(s, config());
    VALUE(none, s->recentAccessChanges(10));
    QVERIFY(none.isEmpty());

    CommitBatch batch;
    for (int i = 1; i <= 3; ++i) {
        AccessChange change;
        change.seq = i;
        change.oid = u"list-%1"_s.arg(i);
        change.before = R"({"users":["alice"]})";
        change.after = R"({"users":["alice","bob"]})";
        change.atMs = 100 + i;
        change.by = u"alice"_s;
        change.access = i == 2 ? u"public"_s : u"private"_s;
        if (i != 2) {
            change.granted = {u"user:bob"_s, u"group:st\u00e4ff \"x\""_s};
            change.revoked = {u"user:carol"_s};
        }
        batch.accessChanges.append(change);
    }
    batch.lastSeq = 3;
    CHECK_OK(s->commit(batch));

    VALUE(after, s->accessChangesAfter(1));
    QCOMPARE(after.size(), 2);
    QCOMPARE(after[0].seq, 2);
    QCOMPARE(after[0].access, u"public"_s);
    QCOMPARE(after[0].granted, QStringList());
    QCOMPARE(after[0].revoked, QStringList());
    const AccessChange &third = after[1];
    QCOMPARE(third.seq, 3);
    QCOMPARE(third.oid, u"list-3"_s);
    QCOMPARE(third.before, batch.accessChanges[2].before);
    QCOMPARE(third.after, batch.accessChanges[2].after);
    QCOMPARE(third.atMs, 103);
    QCOMPARE(third.by, u"alice"_s);
    QCOMPARE(third.access, u"private"_s);
    QCOMPARE(third.granted, (QStringList{u"user:bob"_s, u"group:st\u00e4ff \"x\""_s}));
    QCOMPARE(third.revoked, QStringList{u"user:carol"_s});

    VALUE(recent, s->recentAccessChanges(2));
    QCOMPARE(recent.size(), 2);
    QCOMPARE(recent[0].seq, 3);
    QCOMPARE(recent[1].seq, 2);
    QCOMPARE(recent[0].granted, third.granted);
    QCOMPARE(recent[0].by, u"alice"_s);
    VALUE(zero, s->recentAccessChanges(0));
    QVERIFY(zero.isEmpty());
}

void TestStorage::access_changes_written_before_the_admin_columns_read_as_empty()
{
    OPEN(s, config());
    // A row as schema 3 (2 on MariaDB) wrote it: only the original columns.
    QVERIFY(runSql({u"INSERT INTO access_changes (seq, oid, before_audience, after_audience, "
                    "at_ms) VALUES (5, 'old', '{}', '{}', 9)"_s}));
    VALUE(changes, s->recentAccessChanges(10));
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes[0].oid, u"old"_s);
    QCOMPARE(changes[0].by, QString());
    QCOMPARE(changes[0].access, QString());
    QCOMPARE(changes[0].granted, QStringList());
    QCOMPARE(changes[0].revoked, QStringList());
}

void TestStorage::audit_records_come_back_newest_first()
{
    OPEN(s, config());
    VALUE(none, s->recentAudit(10));
    QVERIFY(none.isEmpty());

    const QList<AuditRecord> records = {
        {0, 100, u"admin"_s, u"disconnect"_s, R"({"cuid":"dev-1"})"},
        {0, 200, u"root"_s, u"user"_s, R"({"op":"add","name":"b\u00f6b"})"},
        {0, 300, u"admin"_s, u"group"_s, QByteArray()}};
    QList<qint64> ids;
    for (const AuditRecord &record : records) {
        VALUE(id, s->appendAudit(record));
        QVERIFY(id > 0);
        if (!ids.isEmpty())
            QVERIFY(id > ids.constLast());
        ids.append(id);
    }

    VALUE(recent, s->recentAudit(2));
    QCOMPARE(recent.size(), 2);
    QCOMPARE(recent[0].id, ids[2]);
    QCOMPARE(recent[0].type, u"group"_s);
    QCOMPARE(recent[0].args, QByteArray("{}")); // no arguments: an empty object
    const AuditRecord &user = recent[1];
    QCOMPARE(user.id, ids[1]);
    QCOMPARE(user.atMs, 200);
    QCOMPARE(user.by, u"root"_s);
    QCOMPARE(user.type, u"user"_s);
    QCOMPARE(user.args, records[1].args);
    VALUE(all, s->recentAudit(10));
    QCOMPARE(all.size(), 3);
    QCOMPARE(all[2].id, ids[0]);
    VALUE(zero, s->recentAudit(0));
    QVERIFY(zero.isEmpty());
}

void TestStorage::forget_client_drops_its_cursor()
{
    OPEN(s, config());
    CommitBatch batch;
    batch.clients = {clientRecord(u"dev-a"_s, 10, 20, 7), clientRecord(u"dev-b"_s, 10, 20, 9)};
    batch.log = {logEntry(u"dev-a"_s, u"d-1"_s, 15)};
    CHECK_OK(s->commit(batch));

    CHECK_OK(s->forgetClient(u"dev-a"_s));
    VALUE(gone, s->client(u"dev-a"_s));
    QVERIFY(!gone.has_value());
    VALUE(left, s->clients());
    QCOMPARE(left.size(), 1);
    QCOMPARE(left[0].cuid, u"dev-b"_s);
    QCOMPARE(left[0].cursor, 9);
    // Its logged ids stay while the log keeps them: a repeat is still a repeat.
    VALUE(known, knownIdsOf(*s, u"dev-a"_s, {u"d-1"_s}));
    QCOMPARE(known.size(), 1);
    // Forgetting a device that is not known (any more) is no error.
    CHECK_OK(s->forgetClient(u"dev-a"_s));
    // Seen again, it starts from nothing.
    CHECK_OK(s->upsertClient(clientRecord(u"dev-a"_s, 30, 30, 0)));
    VALUE(back, s->client(u"dev-a"_s));
    QVERIFY(back.has_value());
    QCOMPARE(back->cursor, 0);
    QCOMPARE(back->firstSeenMs, 30);
}

void TestStorage::users_crud_and_token_version_bumps()
{
    OPEN(s, config());
    VALUE(missing, s->user(u"alice"_s));
    QVERIFY(!missing.has_value());

    UserRecord alice{u"alice"_s, u"$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA"_s, false, 0, 77};
    CHECK_OK(s->createUser(alice));
    CHECK_OK(s->createUser(UserRecord{u"bob"_s, QString(), false, 0, 78}));
    const Status duplicate = s->createUser(alice);
    QVERIFY(!duplicate.ok());
    QVERIFY(!duplicate.error().connectionLost);

    VALUE(loaded, s->user(u"alice"_s));
    QVERIFY(loaded.has_value());
    QCOMPARE(loaded->passwordHash, alice.passwordHash);
    QCOMPARE(loaded->disabled, false);
    QCOMPARE(loaded->tokenVersion, 0);
    QCOMPARE(loaded->createdMs, 77);

    CHECK_OK(s->setPasswordHash(u"alice"_s, u"$new"_s));
    VALUE(noneDisabled, s->disabledUsers());
    QCOMPARE(noneDisabled, QStringList());
    CHECK_OK(s->setDisabled(u"alice"_s, true));
    VALUE(changed, s->user(u"alice"_s));
    QCOMPARE(changed->passwordHash, u"$new"_s);
    QCOMPARE(changed->disabled, true);
    QCOMPARE(changed->tokenVersion, 2);
    VALUE(oneDisabled, s->disabledUsers());
    QCOMPARE(oneDisabled, QStringList{u"alice"_s});
    CHECK_OK(s->setDisabled(u"alice"_s, false));
    VALUE(enabled, s->user(u"alice"_s));
    QCOMPARE(enabled->disabled, false);
    QCOMPARE(enabled->tokenVersion, 3);
    VALUE(noneAgain, s->disabledUsers());
    QCOMPARE(noneAgain, QStringList());

    QVERIFY(!s->setPasswordHash(u"nobody"_s, u"x"_s).ok());
    QVERIFY(!s->setDisabled(u"nobody"_s, true).ok());

    VALUE(all, s->users());
    QCOMPARE(all.size(), 2);
    QCOMPARE(all[0].uuid, u"alice"_s);
    QCOMPARE(all[1].uuid, u"bob"_s);
    QCOMPARE(all[1].tokenVersion, 0);
}

void TestStorage::groups_crud()
{
    OPEN(s, config());
    CHECK_OK(s->createGroup(u"staff"_s));
    CHECK_OK(s->createGroup(u"admins"_s));
    QVERIFY(!s->createGroup(u"staff"_s).ok());
    QVERIFY(!s->addGroupMember(u"nope"_s, u"alice"_s).ok());

    CHECK_OK(s->addGroupMember(u"staff"_s, u"bob"_s));
    CHECK_OK(s->addGroupMember(u"staff"_s, u"alice"_s));
    CHECK_OK(s->addGroupMember(u"staff"_s, u"alice"_s)); // again: no change, no error
    CHECK_OK(s->addGroupMember(u"admins"_s, u"alice"_s));

    VALUE(groups, s->groups());
    QCOMPARE(groups, (QStringList{u"admins"_s, u"staff"_s}));
    VALUE(members, s->groupMembers(u"staff"_s));
    QCOMPARE(members, (QStringList{u"alice"_s, u"bob"_s}));
    VALUE(ofAlice, s->groupsOf(u"alice"_s));
    QCOMPARE(ofAlice, (QStringList{u"admins"_s, u"staff"_s}));

    CHECK_OK(s->removeGroupMember(u"staff"_s, u"bob"_s));
    VALUE(fewer, s->groupMembers(u"staff"_s));
    QCOMPARE(fewer, QStringList{u"alice"_s});

    CHECK_OK(s->removeGroup(u"admins"_s));
    QVERIFY(!s->removeGroup(u"admins"_s).ok());
    VALUE(left, s->groups());
    QCOMPARE(left, QStringList{u"staff"_s});
    VALUE(ofAliceNow, s->groupsOf(u"alice"_s));
    QCOMPARE(ofAliceNow, QStringList{u"staff"_s});
    // Re-creating a removed group starts empty.
    CHECK_OK(s->createGroup(u"admins"_s));
    VALUE(emptyAgain, s->groupMembers(u"admins"_s));
    QVERIFY(emptyAgain.isEmpty());
}

void TestStorage::failed_commit_rolls_back_and_storage_stays_usable()
{
    OPEN(s, config());
    // A trigger makes the last statement of the batch (the client upsert)
    // fail after the objects, log and conflicts went in.
    const QString trigger =
        m_backend == u"mysql"
            ? u"CREATE TRIGGER boom BEFORE INSERT ON clients FOR EACH ROW "
              "IF NEW.cuid = 'boom' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'boom'; "
              "END IF"_s
            : u"CREATE TRIGGER boom BEFORE INSERT ON clients WHEN NEW.cuid = 'boom' "
              "BEGIN SELECT RAISE(ABORT, 'boom'); END"_s;
    QVERIFY(runSql({trigger}));

    CommitBatch bad;
    bad.objects = {object(u"a"_s, 1)};
    bad.log = {logEntry(u"dev"_s, u"d-1"_s, 10)};
    ConflictRecord c;
    c.seq = 1;
    c.oid = u"a"_s;
    bad.conflicts = {c};
    bad.clients = {clientRecord(u"boom"_s, 1, 1, 0)};
    bad.lastSeq = 1;
    const Status failed = s->commit(bad);
    QVERIFY(!failed.ok());
    QVERIFY2(!failed.error().connectionLost, qPrintable(failed.error().message));

    VALUE(object, s->loadObject(u"a"_s));
    QVERIFY(!object.has_value());
    VALUE(known, knownIdsOf(*s, u"dev"_s, {u"d-1"_s}));
    QVERIFY(known.isEmpty());
    VALUE(conflicts, s->recentConflicts(10));
    QVERIFY(conflicts.isEmpty());
    VALUE(seq, s->lastSeq());
    QCOMPARE(seq, 0);

    bad.clients = {clientRecord(u"fine"_s, 1, 1, 0)};
    CHECK_OK(s->commit(bad));
    VALUE(seqAfter, s->lastSeq());
    QCOMPARE(seqAfter, 1);
}

void TestStorage::keys_up_to_the_limit_are_kept_longer_ones_refused()
{
    OPEN(s, config());
    const QString longest(kMaxKeyLength, QChar(u'\u00e9')); // two bytes each in UTF-8
    CommitBatch fits;
    fits.objects = {object(longest, 1)};
    fits.log = {logEntry(longest, longest, 1)};
    fits.log[0].oid = longest;
    fits.clients = {clientRecord(longest, 1, 1, 0)};
    fits.lastSeq = 1;
    CHECK_OK(s->commit(fits));
    VALUE(loaded, s->loadObject(longest));
    QVERIFY(loaded.has_value());
    VALUE(known, knownIdsOf(*s, longest, {longest}));
    QCOMPARE(known.size(), 1);

    const QString tooLong(kMaxKeyLength + 1, u'x');
    CommitBatch refused;
    refused.objects = {object(u"fine"_s, 2)};
    refused.log = {logEntry(u"dev"_s, tooLong, 2)};
    refused.lastSeq = 2;
    const Status failed = s->commit(refused);
    QVERIFY(!failed.ok());
    QVERIFY(!failed.error().connectionLost);
    VALUE(fine, s->loadObject(u"fine"_s));
    QVERIFY(!fine.has_value());
    QVERIFY(!s->createUser(UserRecord{tooLong, QString(), false, 0, 0}).ok());
    QVERIFY(!s->createGroup(tooLong).ok());
    QVERIFY(!s->upsertClient(clientRecord(tooLong, 1, 1, 0)).ok());
}

void TestStorage::calls_on_a_closed_storage_report_connection_lost()
{
    std::unique_ptr<Storage> s = createStorage(config(), nextConnectionName(), clock());
    QVERIFY(s);
    QVERIFY(!s->isOpen());
    const auto before = s->lastSeq();
    QVERIFY(!before.ok());
    QVERIFY(before.error().connectionLost);
    CHECK_OK(s->open());
    s->close();
    const Status commit = s->commit(CommitBatch{});
    QVERIFY(!commit.ok());
    QVERIFY(commit.error().connectionLost);
    const auto users = s->users();
    QVERIFY(!users.ok());
    QVERIFY(users.error().connectionLost);

    DatabaseConfig unknown;
    unknown.backend = u"oracle"_s;
    QVERIFY(!createStorage(unknown, nextConnectionName()));
}

void TestStorage::two_connections_work_concurrently()
{
    // The server's layout: the sync thread and the auth thread each own a
    // connection; both open at once on a fresh database (racing to migrate)
    // and write at the same time.
    const DatabaseConfig cfg = config();
    QMutex mutex;
    QStringList errors;
    auto record = [&](const QString &what, const StorageError &e) {
        QMutexLocker lock(&mutex);
        errors.append(what + u": "_s + errorOf(e));
    };
    const QString syncName = nextConnectionName();
    const QString authName = nextConnectionName();
    const Clock time = clock();

    std::unique_ptr<QThread> sync(QThread::create([&] {
        std::unique_ptr<Storage> s = createStorage(cfg, syncName, time);
        if (const Status st = s->open(); !st.ok())
            return record(u"sync open"_s, st.error());
        for (int b = 0; b < 50; ++b) {
            CommitBatch batch;
            for (int i = 0; i < 10; ++i) {
                const int n = b * 10 + i + 1;
                batch.objects.append(object(u"o%1"_s.arg(n), n));
                batch.log.append(logEntry(u"dev"_s, u"d%1"_s.arg(n), n));
            }
            batch.lastSeq = (b + 1) * 10;
            if (const Status st = s->commit(batch); !st.ok())
                return record(u"commit"_s, st.error());
        }
    }));
    std::unique_ptr<QThread> auth(QThread::create([&] {
        std::unique_ptr<Storage> s = createStorage(cfg, authName, time);
        if (const Status st = s->open(); !st.ok())
            return record(u"auth open"_s, st.error());
        for (int i = 0; i < 50; ++i) {
            const QString uuid = u"user%1"_s.arg(i);
            if (const Status st = s->createUser(UserRecord{uuid, u"h"_s, false, 0, i}); !st.ok())
                return record(u"createUser"_s, st.error());
            if (const Status st = s->setPasswordHash(uuid, u"h2"_s); !st.ok())
                return record(u"setPasswordHash"_s, st.error());
            if (const auto u = s->user(uuid); !u.ok())
                return record(u"user"_s, u.error());
            if (const auto seq = s->lastSeq(); !seq.ok())
                return record(u"lastSeq"_s, seq.error());
        }
    }));
    sync->start();
    auth->start();
    QVERIFY(sync->wait(120'000));
    QVERIFY(auth->wait(120'000));
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u"; "_s)));

    OPEN(s, cfg);
    VALUE(count, s->countObjectsAfter(0));
    QCOMPARE(count, 500);
    VALUE(users, s->users());
    QCOMPARE(users.size(), 50);
    QCOMPARE(users[0].tokenVersion, 1);
    VALUE(version, s->schemaVersion());
    QVERIFY(version >= 1);
}

void TestStorage::commit_throughput()
{
    OPEN(s, config());
    constexpr int kBatches = 100;
    constexpr int kPerBatch = 100; // objects, plus as many log entries
    QList<CommitBatch> batches;
    for (int b = 0; b < kBatches; ++b) {
        CommitBatch batch;
        for (int i = 0; i < kPerBatch; ++i) {
            const int n = b * kPerBatch + i + 1;
            engine::ObjectState o = object(u"ob-%1"_s.arg(n), n);
            o.props.insert(u"qty"_s, prop(n, n, u"dev-a"_s, u"d-%1"_s.arg(n)));
            batch.objects.append(o);
            batch.log.append(logEntry(u"dev-a"_s, u"d-%1"_s.arg(n), n));
        }
        batch.clients = {clientRecord(u"dev-a"_s, 1, b, b)};
        batch.lastSeq = (b + 1) * kPerBatch;
        batches.append(batch);
    }
    QElapsedTimer timer;
    timer.start();
    for (const CommitBatch &batch : std::as_const(batches))
        CHECK_OK(s->commit(batch));
    const qint64 ms = qMax<qint64>(1, timer.elapsed());
    const int rows = kBatches * kPerBatch * 2;
    qInfo("%s: %d rows in %d transactions: %lld ms, %lld rows/s", qPrintable(m_backend), rows,
          kBatches, ms, rows * 1000LL / ms);
    VALUE(count, s->countObjectsAfter(0));
    QCOMPARE(count, kBatches * kPerBatch);
}

void TestStorage::connection_loss_is_reported_and_reopen_recovers()
{
    if (m_backend != u"mysql" || qEnvironmentVariable("SENESCHAL_TEST_OUTAGE") != u"1")
        QSKIP("stops the server; runs alone as storage_mysql_outage");
    const QString dir = qEnvironmentVariable("SENESCHAL_TEST_MARIADB_DIR");
    const QString port = QString::number(m_config.port);
    const int timeoutMs = m_config.connectTimeoutS * 2000;

    // Whatever happens below, the server is up again for the tests after us.
    bool serverDown = false;
    auto restart = qScopeGuard([&] {
        if (serverDown)
            runScript(u"SENESCHAL_TEST_MARIADB_START"_s, {u"--keep"_s, dir, port});
    });

    OPEN(s, config());
    CommitBatch before;
    before.objects = {object(u"a"_s, 1)};
    before.lastSeq = 1;
    CHECK_OK(s->commit(before));

    serverDown = true;
    QVERIFY(runScript(u"SENESCHAL_TEST_MARIADB_STOP"_s, {dir}));

    CommitBatch during;
    during.objects = {object(u"b"_s, 2)};
    during.log = {logEntry(u"dev"_s, u"d-2"_s, 2)};
    during.lastSeq = 2;
    QElapsedTimer timer;
    timer.start();
    const Status lost = s->commit(during);
    QVERIFY(!lost.ok());
    QVERIFY2(lost.error().connectionLost, qPrintable(lost.error().message));
    QVERIFY2(timer.elapsed() < timeoutMs, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(!s->isOpen());
    const auto read = s->lastSeq();
    QVERIFY(!read.ok());
    QVERIFY(read.error().connectionLost);

    // What the sync service does: close, and try again later.
    s->close();
    timer.restart();
    const Status refused = s->open();
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().connectionLost, qPrintable(refused.error().message));
    QVERIFY2(timer.elapsed() < timeoutMs, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(!s->isOpen());

    QVERIFY(runScript(u"SENESCHAL_TEST_MARIADB_START"_s, {u"--keep"_s, dir, port}));
    serverDown = false;
    CHECK_OK(s->open());
    VALUE(seq, s->lastSeq());
    QCOMPARE(seq, 1); // the failed batch left nothing behind
    VALUE(b, s->loadObject(u"b"_s));
    QVERIFY(!b.has_value());
    CHECK_OK(s->commit(during));
    VALUE(seqAfter, s->lastSeq());
    QCOMPARE(seqAfter, 2);
    VALUE(known, knownIdsOf(*s, u"dev"_s, {u"d-2"_s}));
    QCOMPARE(known.size(), 1);
}

void TestStorage::hung_server_fails_within_the_timeouts()
{
    if (m_backend != u"mysql" || qEnvironmentVariable("SENESCHAL_TEST_OUTAGE") != u"1")
        QSKIP("freezes the server; runs alone as storage_mysql_outage");
    QFile pidFile(qEnvironmentVariable("SENESCHAL_TEST_MARIADB_DIR") + u"/mysqld.pid"_s);
    QVERIFY(pidFile.open(QIODevice::ReadOnly));
    const pid_t pid = pid_t(pidFile.readAll().trimmed().toLongLong());
    QVERIFY(pid > 0);

    // A frozen server (SIGSTOP) accepts TCP connections and answers nothing,
    // like a hung host: only the client timeouts end the wait.
    DatabaseConfig cfg = config();
    cfg.connectTimeoutS = 1;
    cfg.ioTimeoutS = 1;
    OPEN(s, cfg);
    CommitBatch batch;
    batch.objects = {object(u"a"_s, 1)};
    batch.lastSeq = 1;

    bool frozen = false;
    auto thaw = qScopeGuard([&] {
        if (frozen)
            ::kill(pid, SIGCONT);
    });
    QCOMPARE(::kill(pid, SIGSTOP), 0);
    frozen = true;

    QElapsedTimer timer;
    timer.start();
    const Status hung = s->commit(batch);
    const qint64 commitMs = timer.elapsed();
    QVERIFY(!hung.ok());
    QVERIFY2(hung.error().connectionLost, qPrintable(hung.error().message));
    s->close();
    timer.restart();
    const Status refused = s->open();
    const qint64 openMs = timer.elapsed();
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().connectionLost, qPrintable(refused.error().message));
    qInfo("frozen server: commit failed after %lld ms, open after %lld ms", commitMs, openMs);
    // The client library may retry a timed-out read, up to three times.
    QVERIFY2(commitMs < 4 * 1000 + 1000, qPrintable(QString::number(commitMs)));
    QVERIFY2(openMs < 4 * 1000 + 1000, qPrintable(QString::number(openMs)));

    QCOMPARE(::kill(pid, SIGCONT), 0);
    frozen = false;
    CHECK_OK(s->open());
    CHECK_OK(s->commit(batch));
    VALUE(seq, s->lastSeq());
    QCOMPARE(seq, 1);
}

QTEST_GUILESS_MAIN(TestStorage)
#include "tst_storage.moc"
