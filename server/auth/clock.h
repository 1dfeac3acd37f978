#pragma once

#include <QDateTime>
#include <functional>

namespace seneschal::auth {

// Milliseconds since the Unix epoch. Injected so tests can move time
// (token expiry, rate limit windows) without sleeping.
using Clock = std::function<qint64()>;

inline Clock systemClock()
{
    return [] { return QDateTime::currentMSecsSinceEpoch(); };
}

} // namespace seneschal::auth
