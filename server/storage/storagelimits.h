#pragma once

#include <QtGlobal>

namespace seneschal::storage {

// The longest key the storage keeps (oid, cuid, dispatch id, kind, parent,
// owner, property name, uuid, gid), in UTF-16 code units. The MySQL columns
// are VARCHAR(255) (an InnoDB key over two of them must fit 3072 bytes); the
// limit is checked up front on every backend so both accept the same data.
// A longer key fails the whole call, batch included: reject it at the
// protocol boundary.
inline constexpr qsizetype kMaxKeyLength = 255;

} // namespace seneschal::storage
