#include "stamp.h"

namespace seneschal::engine {

namespace {
// Lifts surrogates (U+D800..U+DFFF) above U+E000..U+FFFF so that UTF-16 unit
// order matches code point order.
inline char16_t codePointOrderKey(char16_t unit) noexcept
{
    if (unit >= 0xD800) {
        return unit >= 0xE000 ? char16_t(unit - 0x800) : char16_t(unit + 0x2000);
    }
    return unit;
}
} // namespace

std::strong_ordering compareBytewise(const QString &a, const QString &b) noexcept
{
    const qsizetype n = qMin(a.size(), b.size());
    const QChar *pa = a.constData();
    const QChar *pb = b.constData();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t ua = pa[i].unicode();
        const char16_t ub = pb[i].unicode();
        if (ua != ub)
            return codePointOrderKey(ua) <=> codePointOrderKey(ub);
    }
    return a.size() <=> b.size();
}

} // namespace seneschal::engine
