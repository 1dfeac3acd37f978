// The order of stamps: (ts, cuid, id), ts numerically, cuid and id bytewise
// as UTF-8 (PROTOCOL.md section 6).

#include "engine/stamp.h"
#include "engineprinters.h"
#include "seededrandom.h"

#include <QTest>
#include <algorithm>

using namespace Qt::StringLiterals;
using seneschal::engine::compareBytewise;
using seneschal::engine::Stamp;
using seneschal::test::SeededRandom;

namespace {

QString ucs4(char32_t codePoint)
{
    return QString::fromUcs4(&codePoint, 1);
}

std::strong_ordering utf8Order(const QString &a, const QString &b)
{
    const QByteArray x = a.toUtf8();
    const QByteArray y = b.toUtf8();
    const auto *px = reinterpret_cast<const unsigned char *>(x.constData());
    const auto *py = reinterpret_cast<const unsigned char *>(y.constData());
    return std::lexicographical_compare_three_way(px, px + x.size(), py, py + y.size());
}

} // namespace

// Tests compareBytewise and Stamp's ordering against UTF-8 byte order.
class TestStamp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bytewise_order_beyond_bmp_data();
    void bytewise_order_beyond_bmp();
    void bytewise_order_differs_from_qstring_compare_beyond_bmp();
    void bytewise_order_matches_utf8_for_random_strings();
    void stamp_orders_by_ts_then_cuid_then_id_data();
    void stamp_orders_by_ts_then_cuid_then_id();
    void stamp_equality_needs_ts_cuid_and_id();
    void null_stamp_is_below_every_real_stamp();
};

void TestStamp::bytewise_order_beyond_bmp_data()
{
    QTest::addColumn<QString>("lower");
    QTest::addColumn<QString>("higher");
    QTest::newRow("U+FFFF < U+10000") << ucs4(0xFFFF) << ucs4(0x10000);
    QTest::newRow("U+E000 < U+10000") << ucs4(0xE000) << ucs4(0x10000);
    QTest::newRow("U+FFFD < U+1F600") << ucs4(0xFFFD) << ucs4(0x1F600);
    QTest::newRow("U+D7FF < U+E000") << ucs4(0xD7FF) << ucs4(0xE000);
    QTest::newRow("U+D7FF < U+10000") << ucs4(0xD7FF) << ucs4(0x10000);
    QTest::newRow("U+10000 < U+10001") << ucs4(0x10000) << ucs4(0x10001);
    QTest::newRow("U+1F600 < U+10FFFF") << ucs4(0x1F600) << ucs4(0x10FFFF);
    QTest::newRow("U+007F < U+0080") << ucs4(0x7F) << ucs4(0x80);
    QTest::newRow("U+07FF < U+0800") << ucs4(0x7FF) << ucs4(0x800);
    QTest::newRow("after a common prefix") << u"a"_s + ucs4(0xFFFF) << u"a"_s + ucs4(0x10000);
    QTest::newRow("decided before the longer tail") << ucs4(0xFFFF) + u"zzz"_s << ucs4(0x10000);
    QTest::newRow("prefix first") << u"dev"_s << u"dev-7f3a"_s;
    QTest::newRow("empty first") << QString() << u"a"_s;
    QTest::newRow("upper case below lower case") << u"Zebra"_s << u"apple"_s;
    QTest::newRow("A < a") << u"dev-7f3A"_s << u"dev-7f3a"_s;
    QTest::newRow("'-' < '.'") << u"a-"_s << u"a."_s;
    QTest::newRow("'.' < '0'") << u"a."_s << u"a0"_s;
    QTest::newRow("':' < 'A'") << u"a:"_s << u"aA"_s;
    QTest::newRow("'Z' < '_'") << u"Z"_s << u"_"_s;
    QTest::newRow("'_' < 'a'") << u"_"_s << u"a"_s;
    QTest::newRow("digits, not numbers") << u"d-10"_s << u"d-9"_s;
}

void TestStamp::bytewise_order_beyond_bmp()
{
    QFETCH(QString, lower);
    QFETCH(QString, higher);
    QVERIFY(utf8Order(lower, higher) < 0); // the table itself is right
    QVERIFY(compareBytewise(lower, higher) < 0);
    QVERIFY(compareBytewise(higher, lower) > 0);
    QVERIFY(compareBytewise(lower, lower) == 0);
    QVERIFY(compareBytewise(higher, higher) == 0);
}

void TestStamp::bytewise_order_differs_from_qstring_compare_beyond_bmp()
{
    // Why compareBytewise exists: UTF-16 puts U+10000 (D800 DC00) before U+FFFF.
    QVERIFY(QString::compare(ucs4(0x10000), ucs4(0xFFFF)) < 0);
    QVERIFY(compareBytewise(ucs4(0x10000), ucs4(0xFFFF)) > 0);
}

void TestStamp::bytewise_order_matches_utf8_for_random_strings()
{
    // Code points around every boundary where UTF-16 and UTF-8 orders could part.
    const QList<char32_t> alphabet = {0x00,    0x2D,    0x41,    0x61,    0x7F,    0x80,
                                      0x7FF,   0x800,   0xD7FF,  0xE000,  0xFFFD,  0xFFFF,
                                      0x10000, 0x10001, 0x1F600, 0xFFFFF, 0x10FFFF};
    const quint64 seed = SeededRandom::seedFromEnvironment();
    SeededRandom random(seed);
    auto randomString = [&] {
        QString s;
        for (qint64 n = random.between(0, 4); n > 0; --n)
            s += ucs4(random.pick(alphabet));
        return s;
    };
    for (int i = 0; i < 20000; ++i) {
        const QString a = randomString();
        // Often share a prefix, so the comparison reaches deeper units.
        const QString b =
            random.percent(50) ? a.left(a.size() / 2) + randomString() : randomString();
        if (compareBytewise(a, b) != utf8Order(a, b)) {
            QFAIL(qPrintable(u"compareBytewise(%1, %2) disagrees with UTF-8 order; %3"_s.arg(
                seneschal::test::describe(Stamp{0, a, {}}),
                seneschal::test::describe(Stamp{0, b, {}}), SeededRandom::replayHint(seed))));
        }
    }
}

void TestStamp::stamp_orders_by_ts_then_cuid_then_id_data()
{
    QTest::addColumn<Stamp>("lower");
    QTest::addColumn<Stamp>("higher");
    QTest::newRow("ts decides first") << Stamp{100, u"z"_s, u"z"_s} << Stamp{101, u"a"_s, u"a"_s};
    QTest::newRow("ts numerically, not as text")
        << Stamp{9, u"a"_s, u"a"_s} << Stamp{10, u"a"_s, u"a"_s};
    QTest::newRow("negative ts") << Stamp{-1, u"z"_s, u"z"_s} << Stamp{0, u"a"_s, u"a"_s};
    QTest::newRow("equal ts: cuid before id")
        << Stamp{100, u"A"_s, u"z"_s} << Stamp{100, u"a"_s, u"a"_s};
    QTest::newRow("equal ts: cuid bytewise beyond BMP")
        << Stamp{100, ucs4(0xFFFF), u"z"_s} << Stamp{100, ucs4(0x10000), u"a"_s};
    QTest::newRow("equal ts and cuid: id")
        << Stamp{100, u"a"_s, u"d-1"_s} << Stamp{100, u"a"_s, u"d-2"_s};
    QTest::newRow("equal ts and cuid: id bytewise")
        << Stamp{100, u"a"_s, u"d-10"_s} << Stamp{100, u"a"_s, u"d-9"_s};
    QTest::newRow("equal ts and cuid: id beyond BMP")
        << Stamp{100, u"a"_s, ucs4(0xFFFF)} << Stamp{100, u"a"_s, ucs4(0x10000)};
}

void TestStamp::stamp_orders_by_ts_then_cuid_then_id()
{
    QFETCH(Stamp, lower);
    QFETCH(Stamp, higher);
    QVERIFY(lower < higher);
    QVERIFY(higher > lower);
    QVERIFY((lower <=> higher) == std::strong_ordering::less);
    QVERIFY(lower != higher);
}

void TestStamp::stamp_equality_needs_ts_cuid_and_id()
{
    const Stamp s{100, u"a"_s, u"d-1"_s};
    QCOMPARE(s, (Stamp{100, u"a"_s, u"d-1"_s}));
    QVERIFY((s <=> Stamp{100, u"a"_s, u"d-1"_s}) == 0);
    QVERIFY(s != (Stamp{101, u"a"_s, u"d-1"_s}));
    QVERIFY(s != (Stamp{100, u"A"_s, u"d-1"_s}));
    QVERIFY(s != (Stamp{100, u"a"_s, u"d-2"_s}));
}

void TestStamp::null_stamp_is_below_every_real_stamp()
{
    QVERIFY(Stamp{}.isNull());
    QVERIFY(!(Stamp{1, {}, {}}.isNull()));
    QVERIFY(Stamp{} < (Stamp{1, u"a"_s, u"d"_s}));
    QVERIFY(Stamp{} < (Stamp{0, u"a"_s, u"d"_s}));
}

QTEST_GUILESS_MAIN(TestStamp)
#include "tst_stamp.moc"
