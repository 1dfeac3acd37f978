#pragma once

#include <QByteArrayView>

namespace seneschal::protocol {

// The deepest nesting of objects and arrays in a JSON text (the outermost
// object or array is depth 1), found by a byte scan that skips strings. The
// scan stops as soon as the depth exceeds `limit` and returns limit + 1, so a
// hostile document costs no more than the bytes up to that point. The text
// need not be valid JSON; the result is meaningful only when it is.
int jsonNestingDepth(QByteArrayView json, int limit);

// Whether the nesting of a JSON text is deeper than `limit`. Most messages
// open fewer brackets than the limit in total, which a branch-free count
// shows at a fraction of the cost of the exact scan; only the others are
// scanned.
bool jsonNestingExceeds(QByteArrayView json, int limit);

} // namespace seneschal::protocol
