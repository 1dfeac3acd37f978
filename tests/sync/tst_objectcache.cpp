// ObjectCache::markAbsent lets an upload's merge skip the lookup of the
// objects it creates. A wrong "absent" would write the upload over another
// user's object, so the generation is checked to change whenever an object
// that may be in storage leaves memory.

#include "storage/sqlite/sqlitestorage.h"
#include "sync/objectcache.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace seneschal;
using seneschal::sync::ObjectCache;

namespace {

engine::ObjectState object(const QString &oid, qint64 seq)
{
    engine::ObjectState state;
    state.oid = oid;
    state.kind = u"item"_s;
    state.owner = u"alice"_s;
    state.seq = seq;
    state.access = engine::Access::Private;
    return state;
}

} // namespace

class ObjectCacheTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        storage::DatabaseConfig config;
        config.backend = u"sqlite"_s;
        config.path = m_dir.filePath(u"cache-%1.sqlite"_s.arg(++m_databases));
        m_storage = std::make_unique<storage::SqliteStorage>(
            config, u"tst_objectcache_%1"_s.arg(m_databases), [] { return qint64(1000); });
        QVERIFY(m_storage->open());
        storage::CommitBatch batch;
        batch.objects = {object(u"stored"_s, 1)};
        batch.lastSeq = 1;
        QVERIFY(m_storage->commit(batch));
    }
    void cleanup() { m_storage.reset(); }

    void marked_absent_objects_are_not_looked_up()
    {
        ObjectCache cache(*m_storage);
        cache.beginPass();
        // Told "absent" at the current generation, the cache believes it
        // without asking storage, except for what it holds.
        QVERIFY(cache.markAbsent({u"stored"_s, u"new"_s}, cache.generation()));
        auto stored = cache.find(u"stored"_s);
        QVERIFY(stored);
        QVERIFY(!stored.value());
        cache.endPass();
        // The marks hold for one pass.
        cache.beginPass();
        stored = cache.find(u"stored"_s);
        QVERIFY(stored && stored.value());
        cache.endPass();
        // Held in memory: never marked absent.
        cache.beginPass();
        QVERIFY(cache.markAbsent({u"stored"_s}, cache.generation()));
        stored = cache.find(u"stored"_s);
        QVERIFY(stored && stored.value());
    }

    void a_rollback_or_clear_moves_the_generation_on()
    {
        ObjectCache cache(*m_storage);
        const quint64 before = cache.generation();
        cache.beginPass();
        QVERIFY(cache.edit(u"stored"_s));
        cache.endPass();
        QCOMPARE(cache.generation(), before); // a committed pass keeps it

        cache.beginPass();
        QVERIFY(cache.edit(u"stored"_s));
        cache.rollbackPass(); // "stored" left memory; it is in storage
        QVERIFY(cache.generation() != before);
        cache.beginPass();
        QVERIFY(!cache.markAbsent({u"stored"_s}, before));
        auto stored = cache.find(u"stored"_s);
        QVERIFY(stored && stored.value());

        const quint64 afterRollback = cache.generation();
        cache.clear();
        QVERIFY(cache.generation() != afterRollback);
        QVERIFY(!cache.markAbsent({u"stored"_s}, afterRollback));
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<storage::SqliteStorage> m_storage;
    int m_databases = 0;
};

QTEST_GUILESS_MAIN(ObjectCacheTest)
#include "tst_objectcache.moc"
