#include "historygenerator.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

namespace seneschal::test {

using namespace Qt::StringLiterals;

HistoryGenerator::Options HistoryGenerator::protocolOptions()
{
    Options options;
    // '-' < '.' < digits < ':' < upper case < '_' < lower case, bytewise.
    options.cuids = {u"a"_s, u"A"_s, u"aa"_s,       u"a0"_s,       u"a."_s,        u"a-"_s,
                     u"B"_s, u"_"_s, u"dev-7f3a"_s, u"dev-7f3A"_s, u"dev-7f3a0"_s, u"dev-7f3"_s};
    options.oids = {u"ob1"_s, u"ob2"_s, u"list-9"_s};
    options.properties = {u"name"_s, u"qty"_s, u"location"_s, u"Name"_s, u"n"_s, u"note"_s};
    options.idPrefixes = {u""_s,
                          u"d-"_s,
                          u"D-"_s,
                          u"d-a"_s,
                          QString(QChar(0xE9)) + u"-"_s,     // é
                          QString(QChar(0xFFFD)) + u"-"_s,   // BMP, above the surrogates
                          QString(QChar(0xFFFF)) + u"-"_s,   // the last BMP code point
                          QString::fromUcs4(U"\U00010000-"), // the first beyond the BMP
                          QString::fromUcs4(U"\U0001F600-")};
    return options;
}

HistoryGenerator::Options HistoryGenerator::engineEdgeCaseOptions()
{
    Options options = protocolOptions();
    options.cuids +=
        {QString(QChar(0xE9)), QString(QChar(0xFFFF)), QString::fromUcs4(U"\U00010000"),
         u"a"_s + QString::fromUcs4(U"\U00010000"), u"a"_s + QString(QChar(0xFFFF))};
    return options;
}

HistoryGenerator::HistoryGenerator(Options options)
    : m_options(std::move(options))
{
    Q_ASSERT(!m_options.cuids.isEmpty() && !m_options.oids.isEmpty());
    Q_ASSERT(!m_options.properties.isEmpty() && !m_options.idPrefixes.isEmpty());
}

QJsonValue HistoryGenerator::randomValue(SeededRandom &random, int depth)
{
    static const QStringList strings = {
        u""_s,           u"test"_s,       u"store"_s, u"aisle"_s,
        u"food court"_s, u"Food Court"_s, u"2"_s,     QString::fromUcs4(U"caf\u00E9 \U0001F600")};
    switch (random.below(depth > 0 ? 5 : 8)) {
    case 0:
    case 1:
        return random.pick(strings);
    case 2:
        return u"v%1"_s.arg(random.next() % 1000);
    case 3:
        return qint64(random.between(-5, 5));
    case 4:
        return random.percent(50);
    case 5:
        return QJsonValue(QJsonValue::Null);
    case 6: {
        QJsonArray array;
        for (quint64 i = random.below(3); i > 0; --i)
            array.append(randomValue(random, depth + 1));
        return array;
    }
    default: {
        QJsonObject object;
        for (quint64 i = random.below(3); i > 0; --i)
            object.insert(u"k%1"_s.arg(random.below(3)), randomValue(random, depth + 1));
        return object;
    }
    }
}

QList<engine::Dispatch> HistoryGenerator::generate(SeededRandom &random) const
{
    const Options &o = m_options;
    const qsizetype length = qsizetype(random.between(o.minLength, o.maxLength));
    QList<engine::Dispatch> history;
    history.reserve(length);
    QHash<QString, int> counters; // ids are unique per cuid, and shared between cuids
    while (history.size() < length) {
        if (!history.isEmpty() && random.percent(o.duplicatePercent)) {
            history.append(random.pick(history));
            continue;
        }
        engine::Dispatch d;
        d.oid = random.pick(o.oids);
        d.cuid = random.pick(o.cuids);
        d.author = u"user-"_s + d.cuid;
        d.id = random.pick(o.idPrefixes) + QString::number(++counters[d.cuid]);
        d.ts = random.percent(o.farTsPercent) ? o.baseTs + random.between(0, 3600 * 1000)
                                              : o.baseTs + random.between(0, o.tsWindow - 1);
        d.kind = u"item"_s;
        const quint64 roll = random.below(100);
        if (roll < quint64(o.deletePercent)) {
            d.op = engine::DispatchOp::Delete;
        } else {
            if (roll < quint64(o.deletePercent + o.restorePercent))
                d.props.insert(engine::kDeletedProperty, false);
            const qint64 count = random.between(d.props.isEmpty() ? 1 : 0, o.maxPropsPerPut);
            for (qint64 i = 0; i < count; ++i)
                d.props.insert(random.pick(o.properties), randomValue(random));
        }
        history.append(d);
    }
    return history;
}

} // namespace seneschal::test
