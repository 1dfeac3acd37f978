#pragma once

#include <QString>
#include <QtGlobal>

#include <compare>

namespace seneschal::engine {

// Compares two strings by Unicode code point, which is the same order as
// comparing their UTF-8 bytes. PROTOCOL.md section 6 orders cuid and dispatch
// id "bytewise"; QString::compare orders by UTF-16 unit, which differs for
// characters beyond the BMP.
std::strong_ordering compareBytewise(const QString &a, const QString &b) noexcept;

// The identity of one write to one property: (ts, cuid, dispatch id). The
// greater stamp wins; nothing else decides (PROTOCOL.md section 6).
struct Stamp
{
    qint64 ts = 0;
    QString cuid;
    QString id;

    bool isNull() const noexcept { return ts == 0 && cuid.isEmpty() && id.isEmpty(); }
    friend std::strong_ordering operator<=>(const Stamp &a, const Stamp &b) noexcept
    {
        if (a.ts != b.ts)
            return a.ts <=> b.ts;
        if (auto c = compareBytewise(a.cuid, b.cuid); c != 0)
            return c;
        return compareBytewise(a.id, b.id);
    }
    friend bool operator==(const Stamp &a, const Stamp &b) noexcept
    {
        return a.ts == b.ts && a.cuid == b.cuid && a.id == b.id;
    }
};

} // namespace seneschal::engine
