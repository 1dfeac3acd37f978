#pragma once

#include "engine/objectstate.h"
#include "limits.h"
#include "messages.h"

#include <QByteArray>
#include <QByteArrayView>
#include <variant>

namespace seneschal::protocol {

// Parses and validates one client text frame (UTF-8 JSON) into a typed
// message. Every rule of PROTOCOL.md sections 2, 4 and 9 that can be checked
// without server state is checked here; the error names the offending member.
std::variant<ClientMessage, ParseError> parseClientMessage(QByteArrayView json,
                                                           const Limits &limits);

// Server messages, each encoded as one compact JSON object (UTF-8).
QByteArray encodeWelcome(const Welcome &welcome);
QByteArray encodeRehydrateBegin();
QByteArray encodeAck(const ServerAck &ack);
QByteArray encodeReject(const QString &dispatchId, ErrorCode code, const QString &message);
QByteArray encodeRehydrateEnd(qint64 seq);
// A dispatch carrying every property of `state` (use engine::project for a
// partial one). `_deleted` is never a member of `props`: it becomes
// `deleted`, and its stamp appears in `stamps` when present.
QByteArray encodeDispatch(const engine::ObjectState &state);
QByteArray encodeRevoke(qint64 seq, const QString &oid);
QByteArray encodeReset(qint64 seq);
QByteArray encodeSynced(qint64 seq);
QByteArray encodeError(ErrorCode code, const QString &message, const QString &oid = {});
// An error that says when to try again (`retryAfterMs`): a full server
// (unavailable) or a connection limit (rate_limited).
QByteArray encodeRetryLater(ErrorCode code, const QString &message, qint64 retryAfterMs);
QByteArray encodeShared(const QString &oid, qint64 seq);
QByteArray encodePong(qint64 serverTime);

// Client side: encoders for the client messages and a parser for server
// messages, used by SyncClient, the tests and the benchmark.
QByteArray encodeHello(const Hello &hello);
QByteArray encodeClientDispatch(const ClientDispatch &dispatch);
QByteArray encodeUploadEnd();
QByteArray encodeClientAck(qint64 seq);
QByteArray encodeShare(const Share &share);
QByteArray encodePing();

// Validation helpers shared with the server (identifier rules of section 2).
bool isValidCuid(QStringView cuid);
bool isValidOid(QStringView oid);
bool isValidDispatchId(QStringView id);

} // namespace seneschal::protocol
