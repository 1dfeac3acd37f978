// Properties of the merge rule over seeded random histories (PROTOCOL.md
// section 6): any arrival order gives the same master copy, duplicates change
// nothing, the result equals a brute-force oracle, reduce agrees. The oracle
// is also shown to catch deliberately wrong merges, so these tests can fail.
//
// SENESCHAL_SEED=N replays a run, SENESCHAL_CASES=N sets its size (default
// 10000), SENESCHAL_CASE=I runs only case I of it.

#include "dispatchbuilder.h"
#include "engine/merge.h"
#include "engineprinters.h"
#include "historygenerator.h"
#include "mergeoracle.h"
#include "seededrandom.h"

#include <QElapsedTimer>
#include <QTest>
#include <functional>
#include <iterator>

using namespace Qt::StringLiterals;
using seneschal::engine::Dispatch;
using seneschal::engine::kDeletedProperty;
using seneschal::engine::MergeOutcome;
using seneschal::engine::ObjectState;
using seneschal::engine::Property;
using seneschal::engine::PropertyConflict;
using seneschal::engine::Stamp;
using seneschal::test::describe;
using seneschal::test::DispatchBuilder;
using seneschal::test::HistoryGenerator;
using seneschal::test::MergeOracle;
using seneschal::test::SeededRandom;

namespace {

using Props = QHash<QString, Property>;
using States = QHash<QString, ObjectState>;
using MergeFunction = std::function<void(ObjectState &, const Dispatch &)>;

States applyAll(const QList<Dispatch> &order, const MergeFunction &mergeFn)
{
    States states;
    for (const Dispatch &d : order)
        mergeFn(states[d.oid], d);
    return states;
}

void engineMerge(ObjectState &state, const Dispatch &dispatch)
{
    seneschal::engine::merge(state, dispatch);
}

// The first oid whose props differ between two results, or an empty string.
QString firstDifference(const States &a, const States &b)
{
    for (auto it = a.constBegin(); it != a.constEnd(); ++it) {
        if (!b.contains(it.key()) || b.value(it.key()).props != it->props)
            return it.key();
    }
    for (auto it = b.constBegin(); it != b.constEnd(); ++it) {
        if (!a.contains(it.key()))
            return it.key();
    }
    return {};
}

QString firstDifference(const States &actual, const QHash<QString, Props> &expected)
{
    for (auto it = expected.constBegin(); it != expected.constEnd(); ++it) {
        if (actual.value(it.key()).props != *it)
            return it.key();
    }
    for (auto it = actual.constBegin(); it != actual.constEnd(); ++it) {
        if (!expected.contains(it.key()))
            return it.key();
    }
    return {};
}

// A few arrival orders of one history: reversed, by descending stamp (every
// later write first), and random shuffles.
QList<QList<Dispatch>> otherOrders(const QList<Dispatch> &history, SeededRandom &random,
                                   int shuffles)
{
    QList<QList<Dispatch>> orders;
    orders.append(QList<Dispatch>(history.crbegin(), history.crend()));
    QList<Dispatch> byStamp = history;
    std::stable_sort(byStamp.begin(), byStamp.end(), [](const Dispatch &a, const Dispatch &b) {
        return MergeOracle::stampLess(Stamp{b.ts, b.cuid, b.id}, Stamp{a.ts, a.cuid, a.id});
    });
    orders.append(byStamp);
    for (int i = 0; i < shuffles; ++i) {
        QList<Dispatch> shuffled = history;
        random.shuffle(shuffled);
        orders.append(shuffled);
    }
    return orders;
}

// --- Deliberately wrong merges, to show the checks below catch them. ---

// Compares like the engine but through a caller-given stamp order.
void perPropertyMerge(ObjectState &state, const Dispatch &d,
                      const std::function<bool(const Stamp &, const Stamp &)> &less)
{
    state.created = true;
    state.oid = d.oid;
    const Stamp stamp{d.ts, d.cuid, d.id};
    for (const auto &[name, value] : MergeOracle::writesOf(d)) {
        auto it = state.props.find(name);
        if (it == state.props.end() || less(it->stamp, stamp))
            state.props.insert(name, Property{value, stamp});
    }
}

void mutantIgnoresId(ObjectState &state, const Dispatch &d)
{
    perPropertyMerge(state, d, [](const Stamp &a, const Stamp &b) {
        return std::pair(a.ts, a.cuid.toUtf8()) < std::pair(b.ts, b.cuid.toUtf8());
    });
}

void mutantIgnoresCuid(ObjectState &state, const Dispatch &d)
{
    perPropertyMerge(state, d, [](const Stamp &a, const Stamp &b) {
        return std::pair(a.ts, a.id.toUtf8()) < std::pair(b.ts, b.id.toUtf8());
    });
}

void mutantComparesUtf16(ObjectState &state, const Dispatch &d)
{
    perPropertyMerge(state, d, [](const Stamp &a, const Stamp &b) {
        if (a.ts != b.ts)
            return a.ts < b.ts;
        if (const int c = QString::compare(a.cuid, b.cuid); c != 0)
            return c < 0;
        return QString::compare(a.id, b.id) < 0;
    });
}

void mutantLastArrivalWins(ObjectState &state, const Dispatch &d)
{
    perPropertyMerge(state, d, [](const Stamp &, const Stamp &) { return true; });
}

// Whole-object merge: a dispatch newer than everything stored replaces the
// object's properties; an older one is dropped entirely.
void mutantWholeObject(ObjectState &state, const Dispatch &d)
{
    const Stamp stamp{d.ts, d.cuid, d.id};
    for (const Property &p : std::as_const(state.props)) {
        if (!MergeOracle::stampLess(p.stamp, stamp))
            return;
    }
    state.created = true;
    state.oid = d.oid;
    state.props.clear();
    for (const auto &[name, value] : MergeOracle::writesOf(d))
        state.props.insert(name, Property{value, stamp});
}

// Whole-dispatch merge: the dispatch wins or loses all its properties at once,
// against the newest stamp among the properties it names.
void mutantWholeDispatch(ObjectState &state, const Dispatch &d)
{
    const Stamp stamp{d.ts, d.cuid, d.id};
    const auto writes = MergeOracle::writesOf(d);
    for (const auto &[name, value] : writes) {
        if (state.props.contains(name) && !MergeOracle::stampLess(state.props[name].stamp, stamp))
            return;
    }
    state.created = true;
    for (const auto &[name, value] : writes)
        state.props.insert(name, Property{value, stamp});
}

struct Mutant
{
    const char *name;
    void (*merge)(ObjectState &, const Dispatch &);
    // Whether arrival order changes its result; the others only the oracle sees.
    bool orderDependent;
};

const Mutant kMutants[] = {
    {"tie rule ignores the id", mutantIgnoresId, true},
    {"tie rule ignores the cuid", mutantIgnoresCuid, true},
    {"ties compared by UTF-16 unit", mutantComparesUtf16, false},
    {"last arrival wins", mutantLastArrivalWins, true},
    {"whole-object merge", mutantWholeObject, false},
    {"whole-dispatch merge", mutantWholeDispatch, true},
};

} // namespace

// Checks the engine's merge against the rule's properties over random
// histories, and checks that those checks catch wrong merges.
class TestMergeProperties : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void random_histories_converge_in_any_order();
    void duplicates_inserted_anywhere_change_nothing();
    void merge_matches_brute_force_oracle();
    void merge_outcome_matches_oracle_at_every_step();
    void reduce_matches_oracle_and_sequential_merge();
    void reduced_state_brings_any_replica_to_master_copy();
    void staged_upload_ends_like_merging_each_dispatch();
    void checks_catch_broken_merges_data();
    void checks_catch_broken_merges();
    void cleanupTestCase();

private:
    // Runs `check` on every case of the run (or the one SENESCHAL_CASE names).
    // `check` returns an empty string on success, else what went wrong.
    void forEachCase(const std::function<QString(SeededRandom &, const QList<Dispatch> &)> &check,
                     int cases = -1);

    quint64 m_seed = 0;
    int m_cases = 10000;
    qint64 m_onlyCase = -1;
    HistoryGenerator m_generator{HistoryGenerator::engineEdgeCaseOptions()};
    struct CachedCase
    {
        QList<Dispatch> history;
        SeededRandom random; // as generation left it
    };
    QHash<int, CachedCase> m_cache;
    qint64 m_merges = 0;
    qint64 m_histories = 0;
    QElapsedTimer m_timer;
};

void TestMergeProperties::initTestCase()
{
    m_seed = SeededRandom::seedFromEnvironment();
    m_cases = int(SeededRandom::integerFromEnvironment("SENESCHAL_CASES", 10000));
    m_onlyCase = SeededRandom::integerFromEnvironment("SENESCHAL_CASE", -1);
    qInfo("%s, %d cases per test", qPrintable(SeededRandom::replayHint(m_seed)), m_cases);
    m_timer.start();
}

void TestMergeProperties::cleanupTestCase()
{
    qInfo("%lld histories generated, %lld dispatch merges, %lld ms", m_histories, m_merges,
          m_timer.elapsed());
}

void TestMergeProperties::forEachCase(
    const std::function<QString(SeededRandom &, const QList<Dispatch> &)> &check, int cases)
{
    if (cases < 0)
        cases = m_cases;
    for (int i = 0; i < cases; ++i) {
        if (m_onlyCase >= 0 && i != m_onlyCase)
            continue;
        // Each case's history is generated once and shared by every test; each
        // test continues the case's generator from where generation left it.
        auto it = m_cache.constFind(i);
        if (it == m_cache.constEnd()) {
            SeededRandom random = SeededRandom::forCase(m_seed, quint64(i));
            QList<Dispatch> history = m_generator.generate(random);
            it = m_cache.emplace(i, CachedCase{std::move(history), random});
            ++m_histories;
        }
        const CachedCase &cached = *it;
        SeededRandom random = cached.random;
        const QString failure = check(random, cached.history);
        if (!failure.isEmpty()) {
            QFAIL(qPrintable(u"%1\nreplay: %2\nhistory:\n%3"_s.arg(
                failure, SeededRandom::replayHint(m_seed, i), describe(cached.history))));
        }
    }
}

void TestMergeProperties::random_histories_converge_in_any_order()
{
    forEachCase([this](SeededRandom &random, const QList<Dispatch> &history) -> QString {
        const States reference = applyAll(history, engineMerge);
        m_merges += history.size();
        for (const QList<Dispatch> &order : otherOrders(history, random, 2)) {
            const States states = applyAll(order, engineMerge);
            m_merges += order.size();
            if (const QString oid = firstDifference(reference, states); !oid.isEmpty()) {
                return u"order changed the result for %1:\n in history order: %2\n in this "
                       u"order: %3\norder:\n%4"_s.arg(oid, describe(reference.value(oid).props),
                                                      describe(states.value(oid).props),
                                                      describe(order));
            }
        }
        return {};
    });
}

void TestMergeProperties::duplicates_inserted_anywhere_change_nothing()
{
    forEachCase([this](SeededRandom &random, const QList<Dispatch> &history) -> QString {
        // The history already holds re-sends; without them the result is the same.
        QList<Dispatch> unique;
        QSet<std::pair<QString, QString>> seen;
        for (const Dispatch &d : history) {
            if (!seen.contains({d.cuid, d.id})) {
                seen.insert({d.cuid, d.id});
                unique.append(d);
            }
        }
        const States reference = applyAll(unique, engineMerge);

        // Copies of random dispatches at random places, in a random order.
        QList<Dispatch> noisy = history;
        random.shuffle(noisy);
        for (qint64 n = random.between(1, 5); n > 0; --n) {
            noisy.insert(qsizetype(random.below(quint64(noisy.size()) + 1)), random.pick(history));
        }
        States states = applyAll(noisy, engineMerge);
        m_merges += unique.size() + noisy.size();
        if (const QString oid = firstDifference(reference, states); !oid.isEmpty()) {
            return u"duplicates changed the result for %1:\n without: %2\n with: %3"_s.arg(
                oid, describe(reference.value(oid).props), describe(states.value(oid).props));
        }

        // Once merged, a dispatch merged again changes nothing and creates nothing.
        for (const Dispatch &d : history) {
            ObjectState &state = states[d.oid];
            const ObjectState before = state;
            const MergeOutcome outcome = seneschal::engine::merge(state, d);
            ++m_merges;
            if (state != before || outcome.changedAnything()) {
                return u"re-merging %1 changed %2 into %3"_s.arg(describe(d), describe(before),
                                                                 describe(state));
            }
        }
        return {};
    });
}

void TestMergeProperties::merge_matches_brute_force_oracle()
{
    forEachCase([this](SeededRandom &random, const QList<Dispatch> &history) -> QString {
        const auto expected = MergeOracle::expectedProps(history);
        QList<Dispatch> order = history;
        random.shuffle(order);
        const States states = applyAll(order, engineMerge);
        m_merges += order.size();
        if (const QString oid = firstDifference(states, expected); !oid.isEmpty()) {
            return u"merge disagrees with the oracle on %1:\n merge:  %2\n oracle: %3\norder:\n%4"_s
                .arg(oid, describe(states.value(oid).props), describe(expected.value(oid)),
                     describe(order));
        }
        for (auto it = states.constBegin(); it != states.constEnd(); ++it) {
            const Props &props = expected.value(it.key());
            const bool deleted = props.value(kDeletedProperty).value.toBool();
            if (!it->exists() || it->isDeleted() != deleted)
                return u"%1: exists or deleted wrong: %2"_s.arg(it.key(), describe(*it));
        }
        return {};
    });
}

void TestMergeProperties::merge_outcome_matches_oracle_at_every_step()
{
    // Replays an order while tracking, independently, the winning write of
    // each property so far; every merge must report exactly the changes,
    // losses and conflicts that follow from it.
    forEachCase([this](SeededRandom &random, const QList<Dispatch> &history) -> QString {
        QList<Dispatch> order = history;
        random.shuffle(order);
        States states;
        QHash<QString, Props> best;
        for (const Dispatch &d : order) {
            const bool isNew = !states.contains(d.oid);
            const MergeOutcome outcome = seneschal::engine::merge(states[d.oid], d);
            ++m_merges;
            const Stamp stamp{d.ts, d.cuid, d.id};
            QStringList changed;
            QStringList lost;
            QList<PropertyConflict> conflicts;
            Props &known = best[d.oid];
            for (const auto &[name, value] : MergeOracle::writesOf(d)) {
                const Property incoming{value, stamp};
                if (!known.contains(name)) {
                    changed.append(name);
                    known.insert(name, incoming);
                    continue;
                }
                const Property stored = known.value(name);
                if (stored.stamp == stamp)
                    continue;
                const bool wins = MergeOracle::stampLess(stored.stamp, stamp);
                (wins ? changed : lost).append(name);
                if (stored.stamp.cuid != stamp.cuid) {
                    conflicts.append(wins ? PropertyConflict{name, incoming, stored}
                                          : PropertyConflict{name, stored, incoming});
                }
                if (wins)
                    known.insert(name, incoming);
            }
            bool conflictsMatch = conflicts.size() == outcome.conflicts.size();
            for (qsizetype i = 0; conflictsMatch && i < conflicts.size(); ++i) {
                const PropertyConflict &a = conflicts.at(i);
                const PropertyConflict &b = outcome.conflicts.at(i);
                conflictsMatch =
                    a.property == b.property && a.winner == b.winner && a.loser == b.loser;
            }
            if (outcome.created != isNew || outcome.changed != changed || outcome.lost != lost ||
                !conflictsMatch) {
                return u"merging %1 reported created=%2 changed=[%3] lost=[%4] %5 conflicts; "
                       u"expected created=%6 changed=[%7] lost=[%8] %9 conflicts"_s
                           .arg(describe(d), outcome.created ? u"true"_s : u"false"_s,
                                outcome.changed.join(u','), outcome.lost.join(u','))
                           .arg(outcome.conflicts.size())
                           .arg(isNew ? u"true"_s : u"false"_s, changed.join(u','), lost.join(u','))
                           .arg(conflicts.size());
            }
        }
        return {};
    });
}

void TestMergeProperties::reduce_matches_oracle_and_sequential_merge()
{
    forEachCase([this](SeededRandom &random, const QList<Dispatch> &history) -> QString {
        QList<Dispatch> order = history;
        random.shuffle(order);
        const QList<ObjectState> reduced = seneschal::engine::reduce(order);
        const States sequential = applyAll(order, engineMerge);
        const auto expected = MergeOracle::expectedProps(order);
        m_merges += 2 * order.size();
        QStringList firstAppearance;
        for (const Dispatch &d : order) {
            if (!firstAppearance.contains(d.oid))
                firstAppearance.append(d.oid);
        }
        if (reduced.size() != firstAppearance.size())
            return u"reduce gave %1 states for %2 oids"_s.arg(reduced.size())
                .arg(firstAppearance.size());
        for (qsizetype i = 0; i < reduced.size(); ++i) {
            const ObjectState &state = reduced.at(i);
            if (state.oid != firstAppearance.at(i))
                return u"reduce state %1 is %2, expected %3"_s.arg(i).arg(state.oid,
                                                                          firstAppearance.at(i));
            if (state != sequential.value(state.oid) || state.props != expected.value(state.oid)) {
                return u"reduce of %1 gave %2\n sequential merge: %3\n oracle: %4"_s.arg(
                    state.oid, describe(state), describe(sequential.value(state.oid)),
                    describe(expected.value(state.oid)));
            }
        }
        return {};
    });
}

void TestMergeProperties::reduced_state_brings_any_replica_to_master_copy()
{
    // A device that saw any part of the history, sent the reduced state of
    // each oid (the spool), ends with the master copy.
    forEachCase([this](SeededRandom &random, const QList<Dispatch> &history) -> QString {
        QList<Dispatch> order = history;
        random.shuffle(order);
        const QList<ObjectState> reduced = seneschal::engine::reduce(order);
        QList<Dispatch> seen = history;
        random.shuffle(seen);
        seen.resize(qsizetype(random.below(quint64(seen.size()) + 1)));
        States replica = applyAll(seen, engineMerge);
        m_merges += order.size() + seen.size();
        for (const ObjectState &state : reduced) {
            for (const Dispatch &d : DispatchBuilder::fromStamps(state)) {
                seneschal::engine::merge(replica[d.oid], d);
                ++m_merges;
            }
            if (replica.value(state.oid).props != state.props) {
                return u"replica of %1 after the spool: %2\n master: %3"_s.arg(
                    state.oid, describe(replica.value(state.oid).props), describe(state.props));
            }
        }
        return {};
    });
}

void TestMergeProperties::staged_upload_ends_like_merging_each_dispatch()
{
    // One device's dispatches, reduced per oid while it uploads and merged
    // at uploadEnd (mergeStaged), leave the master copy as merging each of
    // them would; the outcome names exactly the properties that changed.
    forEachCase([this](SeededRandom &random, const QList<Dispatch> &history) -> QString {
        QList<Dispatch> order = history;
        random.shuffle(order);
        const QString uploader = order.at(qsizetype(random.below(quint64(order.size())))).cuid;
        QList<Dispatch> others;
        QList<Dispatch> uploaded;
        for (const Dispatch &d : std::as_const(order))
            (d.cuid == uploader ? uploaded : others).append(d);
        const States expected = applyAll(others + uploaded, engineMerge);
        States master = applyAll(others, engineMerge);
        m_merges += 2 * order.size() + uploaded.size();
        for (const ObjectState &staged : seneschal::engine::reduce(uploaded)) {
            const ObjectState before = master.value(staged.oid);
            ObjectState &state = master[staged.oid];
            const MergeOutcome outcome = seneschal::engine::mergeStaged(state, staged);
            if (state != expected.value(staged.oid)) {
                return u"staged upload of %1 by %2 gave %3\n merging each: %4"_s.arg(
                    staged.oid, uploader, describe(state), describe(expected.value(staged.oid)));
            }
            QStringList changed;
            for (auto it = state.props.constBegin(); it != state.props.constEnd(); ++it) {
                if (!before.props.contains(it.key()) || before.props.value(it.key()) != *it)
                    changed.append(it.key());
            }
            QStringList reported = outcome.changed;
            changed.sort();
            reported.sort();
            if (reported != changed || outcome.created == before.created) {
                return u"staged upload of %1 by %2 reported changed %3 (created %4), the master "
                       u"copy changed %5 (existed %6)"_s
                           .arg(staged.oid, uploader, reported.join(u','))
                           .arg(outcome.created)
                           .arg(changed.join(u','))
                           .arg(before.created);
            }
        }
        return {};
    });
}

void TestMergeProperties::checks_catch_broken_merges_data()
{
    QTest::addColumn<int>("mutant");
    QTest::addColumn<bool>("orderDependent");
    for (int i = 0; i < int(std::size(kMutants)); ++i)
        QTest::newRow(kMutants[i].name) << i << kMutants[i].orderDependent;
}

void TestMergeProperties::checks_catch_broken_merges()
{
    QFETCH(int, mutant);
    QFETCH(bool, orderDependent);
    const MergeFunction mergeFn = kMutants[mutant].merge;
    // The same generator and checks as above, on a fixed seed so this test is
    // deterministic; each broken merge must be caught within these cases.
    const int cases = 2000;
    int caughtByOracle = 0;
    int caughtByOrder = 0;
    for (int i = 0; i < cases && (caughtByOracle == 0 || caughtByOrder == 0); ++i) {
        SeededRandom random = SeededRandom::forCase(20251125, quint64(i));
        const QList<Dispatch> history = m_generator.generate(random);
        ++m_histories;
        const States reference = applyAll(history, mergeFn);
        if (!firstDifference(reference, MergeOracle::expectedProps(history)).isEmpty())
            ++caughtByOracle;
        for (const QList<Dispatch> &order : otherOrders(history, random, 1)) {
            if (!firstDifference(reference, applyAll(order, mergeFn)).isEmpty()) {
                ++caughtByOrder;
                break;
            }
        }
    }
    QVERIFY2(caughtByOracle > 0, "the oracle check missed a broken merge");
    if (orderDependent)
        QVERIFY2(caughtByOrder > 0, "the order check missed an order-dependent merge");
    else
        QCOMPARE(caughtByOrder, 0); // only the oracle can see this one
}

QTEST_GUILESS_MAIN(TestMergeProperties)
#include "tst_mergeproperties.moc"
