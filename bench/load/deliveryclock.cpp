#include "deliveryclock.h"

#include <algorithm>

namespace seneschal::bench {

std::optional<qint64> DeliveryClock::firstAtOrAfter(qint64 seq) const
{
    const auto it = std::lower_bound(m_marks.cbegin(), m_marks.cend(), seq,
                                     [](const Mark &mark, qint64 s) { return mark.seq < s; });
    if (it == m_marks.cend())
        return std::nullopt;
    return it->us;
}

} // namespace seneschal::bench
