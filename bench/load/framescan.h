#pragma once

#include <QByteArrayView>
#include <QtGlobal>

namespace seneschal::bench {

// Reads the few members the load generator needs straight from a server
// frame, without building a JSON document: the server's encoders write
// compact JSON with `type` first, and every frame is made by the bench's own
// clients, so a property name cannot appear inside a value by accident.
namespace framescan {

// The value of the first `"type":"..."` member.
QByteArrayView type(QByteArrayView frame);
// The integer after the first `"<name>":`, or `fallback`.
qint64 integer(QByteArrayView frame, QByteArrayView quotedNameColon, qint64 fallback = -1);
// The string after the first `"<name>":"`, or empty.
QByteArrayView string(QByteArrayView frame, QByteArrayView quotedNameColonQuote);
// Number of elements of the `"ids":[...]` array of an ack.
int ackedCount(QByteArrayView frame);

} // namespace framescan

} // namespace seneschal::bench
