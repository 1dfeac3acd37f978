#include "mergeoracle.h"

#include <QByteArray>
#include <QSet>
#include <algorithm>

namespace seneschal::test {

namespace {
// -1, 0, 1 as unsigned byte strings compare.
int compareUtf8(const QString &a, const QString &b)
{
    const QByteArray x = a.toUtf8();
    const QByteArray y = b.toUtf8();
    const auto *px = reinterpret_cast<const unsigned char *>(x.constData());
    const auto *py = reinterpret_cast<const unsigned char *>(y.constData());
    if (std::lexicographical_compare(px, px + x.size(), py, py + y.size()))
        return -1;
    if (std::lexicographical_compare(py, py + y.size(), px, px + x.size()))
        return 1;
    return 0;
}
} // namespace

bool MergeOracle::stampLess(const engine::Stamp &a, const engine::Stamp &b)
{
    if (a.ts != b.ts)
        return a.ts < b.ts;
    if (const int c = compareUtf8(a.cuid, b.cuid); c != 0)
        return c < 0;
    return compareUtf8(a.id, b.id) < 0;
}

QList<std::pair<QString, QJsonValue>> MergeOracle::writesOf(const engine::Dispatch &dispatch)
{
    QList<std::pair<QString, QJsonValue>> writes;
    if (dispatch.op == engine::DispatchOp::Delete) {
        writes.append({engine::kDeletedProperty, QJsonValue(true)});
        return writes;
    }
    for (auto it = dispatch.props.constBegin(); it != dispatch.props.constEnd(); ++it)
        writes.append({it.key(), it.value()});
    return writes;
}

QHash<QString, MergeOracle::Props>
MergeOracle::expectedProps(const QList<engine::Dispatch> &dispatches)
{
    // Deliberately naive: for every (oid, property) pair scan every dispatch.
    QSet<std::pair<QString, QString>> touched;
    for (const engine::Dispatch &d : dispatches) {
        for (const auto &[name, value] : writesOf(d))
            touched.insert({d.oid, name});
    }
    QHash<QString, Props> expected;
    for (const auto &[oid, name] : touched) {
        bool found = false;
        engine::Property best;
        for (const engine::Dispatch &d : dispatches) {
            if (d.oid != oid)
                continue;
            for (const auto &[written, value] : writesOf(d)) {
                const engine::Stamp stamp{d.ts, d.cuid, d.id};
                if (written == name && (!found || stampLess(best.stamp, stamp))) {
                    best = engine::Property{value, stamp};
                    found = true;
                }
            }
        }
        expected[oid].insert(name, best);
    }
    return expected;
}

} // namespace seneschal::test
