// LoggedIdFilter lets a dispatch skip the log's lookup; a wrong "new" would
// merge a repeated dispatch again (PROTOCOL.md 4), so it is checked never to
// rule out an id it was told of, nor anything for a device it does not hold.

#include "sync/loggedidfilter.h"

#include <QTest>

using namespace Qt::StringLiterals;
using seneschal::sync::LoggedIdFilter;

class LoggedIdFilterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rules_out_only_what_it_was_not_told_of()
    {
        LoggedIdFilter filter;
        QVERIFY(!filter.isDecided(u"phone"_s));
        QVERIFY(!filter.rulesOut(u"phone"_s, u"d-1"_s)); // not held: ask the log

        QStringList logged;
        for (int i = 0; i < 10000; i += 2)
            logged.append(u"d-%1"_s.arg(i));
        filter.load(u"phone"_s, logged);
        QVERIFY(filter.isDecided(u"phone"_s));
        for (int i = 0; i < 10000; ++i) {
            if (i % 2 == 0)
                QVERIFY2(!filter.rulesOut(u"phone"_s, u"d-%1"_s.arg(i)), qPrintable(logged[i / 2]));
        }
        int ruledOut = 0;
        for (int i = 1; i < 10000; i += 2)
            ruledOut += filter.rulesOut(u"phone"_s, u"d-%1"_s.arg(i)) ? 1 : 0;
        QCOMPARE(ruledOut, 5000); // 64-bit hashes: no collision among these
        // Another device is not held.
        QVERIFY(!filter.rulesOut(u"tablet"_s, u"d-1"_s));

        filter.add(u"phone"_s, u"d-1"_s);
        QVERIFY(!filter.rulesOut(u"phone"_s, u"d-1"_s));
        filter.add(u"tablet"_s, u"d-3"_s); // not held: ignored
        QVERIFY(!filter.isDecided(u"tablet"_s));

        filter.drop(u"phone"_s);
        QVERIFY(!filter.isDecided(u"phone"_s));
        QVERIFY(!filter.rulesOut(u"phone"_s, u"d-3"_s));
    }

    void a_refused_device_is_decided_and_never_ruled_out()
    {
        LoggedIdFilter filter;
        filter.refuse(u"phone"_s);
        QVERIFY(filter.isDecided(u"phone"_s));
        QVERIFY(!filter.rulesOut(u"phone"_s, u"d-1"_s));
        filter.load(u"phone"_s, {});
        QVERIFY(filter.rulesOut(u"phone"_s, u"d-1"_s));
        filter.clear();
        QVERIFY(!filter.isDecided(u"phone"_s));
    }
};

QTEST_GUILESS_MAIN(LoggedIdFilterTest)
#include "tst_loggedidfilter.moc"
