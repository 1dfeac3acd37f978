#pragma once

#include "client/syncclientoptions.h"

#include <optional>

// The times of the seed scenario (PROTOCOL.md section 6) and dispatch options
// at a given time, shared by the end-to-end tests that replay it.
namespace seneschal::test {

inline constexpr qint64 k0700 = 1764054000000; // 2025-11-25 07:00 UTC
inline constexpr qint64 kMinute = 60000;

// A dispatch at `ts` (the hybrid clock when unset), creating `kind`.
inline client::DispatchOptions opts(std::optional<qint64> ts, const QString &kind = {})
{
    client::DispatchOptions options;
    options.ts = ts;
    options.kind = kind;
    return options;
}

} // namespace seneschal::test
