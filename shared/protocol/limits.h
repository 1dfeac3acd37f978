#pragma once

#include <QtGlobal>

namespace seneschal::protocol {

// Limits on what a client may send (PROTOCOL.md section 9.8); configurable.
struct Limits
{
    qint64 maxMessageBytes = 16 * 1024 * 1024;
    int maxProps = 1000;
    int maxDepth = 64;            // JSON nesting, the message object itself is depth 1
    int maxNameLength = 128;      // property names
    qint64 maxValueBytes = 16 * 1024 * 1024; // serialized size of one property value
};

} // namespace seneschal::protocol
