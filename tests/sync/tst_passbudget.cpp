// PassBudget keeps a pass near its target duration whatever a command costs:
// simulated backends with a large fixed commit cost (MariaDB-like) and a
// large per-command cost (SQLite-like) must each settle on a share whose
// passes stay within the target, and a slow pass must shrink it at once.

#include "sync/passbudget.h"

#include <QTest>

using seneschal::sync::PassBudget;

class PassBudgetTest : public QObject
{
    Q_OBJECT

    // Runs 200 capped passes of a backend costing fixedUs + perCommandUs per
    // command; returns the shares of the last 50 passes.
    static QList<int> settle(PassBudget &budget, qint64 fixedUs, qint64 perCommandUs)
    {
        QList<int> shares;
        for (int pass = 0; pass < 200; ++pass) {
            const int share = budget.sharedLimit();
            budget.record(fixedUs + perCommandUs * share, true);
            if (pass >= 150)
                shares.append(share);
        }
        return shares;
    }

private Q_SLOTS:
    void large_fixed_cost_grows_the_share_within_the_target()
    {
        PassBudget budget(25, 400, 15000);
        const QList<int> shares = settle(budget, 8000, 10); // target fits 700
        for (int share : shares) {
            QVERIFY2(share >= 200, qPrintable(QString::number(share)));
            QVERIFY(8000 + 10 * share <= 15000 || share == 400);
        }
    }

    void large_per_command_cost_keeps_the_share_small()
    {
        PassBudget budget(25, 400, 15000);
        const QList<int> shares = settle(budget, 1000, 100); // target fits 140
        for (int share : shares) {
            QVERIFY2(share >= 25 && share <= 140, qPrintable(QString::number(share)));
        }
        // Most passes are within the target, none more than twice over it.
        int within = 0;
        for (int share : shares) {
            within += 1000 + 100 * share <= 15000 ? 1 : 0;
            QVERIFY(1000 + 100 * share <= 30000);
        }
        QVERIFY2(within >= shares.size() * 3 / 4, qPrintable(QString::number(within)));
    }

    void a_slow_pass_halves_the_share_and_uncapped_passes_do_not_grow_it()
    {
        PassBudget budget(25, 400, 15000);
        settle(budget, 8000, 10);
        const int before = budget.sharedLimit();
        budget.record(40000, true);
        QCOMPARE(budget.sharedLimit(), before / 2);
        const int after = budget.sharedLimit();
        for (int i = 0; i < 20; ++i)
            budget.record(1000, false);
        QCOMPARE(budget.sharedLimit(), after);
        for (int i = 0; i < 20; ++i)
            budget.record(100000, true);
        QCOMPARE(budget.sharedLimit(), 25);
    }
};

QTEST_GUILESS_MAIN(PassBudgetTest)
#include "tst_passbudget.moc"
