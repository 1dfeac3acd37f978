#include "jsondepth.h"

#include <bit>
#include <cstring>

namespace seneschal::protocol {

int jsonNestingDepth(QByteArrayView json, int limit)
{
    const char *p = json.data();
    const char *const end = p + json.size();
    int depth = 0;
    int deepest = 0;
    while (p != end) {
        const char c = *p++;
        switch (c) {
        case '{':
        case '[':
            if (++depth > deepest) {
                deepest = depth;
                if (deepest > limit)
                    return limit + 1;
            }
            break;
        case '}':
        case ']':
            --depth;
            break;
        case '"':
            // Brackets inside strings do not nest; skip to the closing quote.
            while (p != end) {
                const char s = *p++;
                if (s == '"')
                    break;
                if (s == '\\' && p != end)
                    ++p;
            }
            break;
        default:
            break;
        }
    }
    return deepest;
}

bool jsonNestingExceeds(QByteArrayView json, int limit)
{
    // Counts '{' and '[' eight bytes at a time: the two differ only in bit
    // 0x20, so OR-ing that bit in and comparing with '{' finds both, and the
    // exact zero-byte test below has no false positives.
    constexpr quint64 kOnes7f = 0x7f7f7f7f7f7f7f7fULL;
    constexpr quint64 kCaseBit = 0x2020202020202020ULL;
    constexpr quint64 kBraces = 0x7b7b7b7b7b7b7b7bULL;
    const char *p = json.data();
    const qsizetype n = json.size();
    qsizetype openings = 0;
    qsizetype i = 0;
    for (; i + 8 <= n; i += 8) {
        quint64 word;
        std::memcpy(&word, p + i, sizeof word);
        const quint64 matched = (word | kCaseBit) ^ kBraces; // 0x00 where a bracket was
        const quint64 nonZero = ((matched & kOnes7f) + kOnes7f) | matched;
        openings += std::popcount(~nonZero & ~kOnes7f);
    }
    for (; i < n; ++i)
        openings += static_cast<qsizetype>((p[i] | 0x20) == '{');
    if (openings <= limit)
        return false;
    return jsonNestingDepth(json, limit) > limit;
}

} // namespace seneschal::protocol
