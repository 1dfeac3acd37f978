// ViewerCounts decides whether a broadcast is encoded at all; a wrong "no"
// would lose a dispatch for a connected device, so it is checked against the
// definition (some attached viewer other than the excepted ones is admitted)
// on every combination of a small population.

#include "sync/viewercounts.h"

#include <QTest>

using namespace Qt::StringLiterals;
using seneschal::sync::Audience;
using seneschal::sync::Viewer;
using seneschal::sync::ViewerCounts;

class ViewerCountsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void agrees_with_a_walk_over_every_attached_viewer()
    {
        const QList<Viewer> population{{u"alice"_s, {u"family"_s}, false},
                                       {u"alice"_s, {u"family"_s}, false},
                                       {u"bob"_s, {u"family"_s, u"friends"_s}, false},
                                       {u"carol"_s, {u"friends"_s}, false},
                                       {u"root"_s, {}, true},
                                       {u"dave"_s, {}, false}};
        const QList<Audience> audiences{
            Audience{true, {}, {}},
            Audience{false, {u"alice"_s}, {}},
            Audience{false, {u"bob"_s}, {u"friends"_s}},
            Audience{false, {}, {u"family"_s}},
            Audience{false, {u"nobody"_s}, {u"nogroup"_s}},
            Audience{false, {u"dave"_s, u"carol"_s}, {}},
        };
        int checks = 0;
        // Every subset of the population attached, every audience, every
        // single excepted session of the subset and none.
        for (int attached = 0; attached < (1 << population.size()); ++attached) {
            ViewerCounts counts;
            QList<int> members;
            for (int i = 0; i < population.size(); ++i) {
                if (attached & (1 << i)) {
                    counts.add(population[i]);
                    members.append(i);
                }
            }
            // Adding and removing a stranger leaves the counts as they were.
            const Viewer stranger{u"eve"_s, {u"family"_s}, true};
            counts.add(stranger);
            counts.remove(stranger);
            for (const Audience &audience : audiences) {
                QList<int> exceptions{-1};
                exceptions += members;
                for (int except : exceptions) {
                    bool expected = false;
                    for (int i : members)
                        expected = expected || (i != except && audience.admits(population[i]));
                    QList<const Viewer *> exceptViewers;
                    if (except >= 0)
                        exceptViewers.append(&population[except]);
                    QCOMPARE(counts.admitsAnyoneBut(audience, exceptViewers), expected);
                    ++checks;
                }
            }
        }
        QVERIFY(checks > 1000);
    }
};

QTEST_GUILESS_MAIN(ViewerCountsTest)
#include "tst_viewercounts.moc"
