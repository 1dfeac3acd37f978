#pragma once

// Test helpers for client messages, shared by tst_codec and the fuzzer:
// field-wise equality (messages.h defines none) and encoding of any variant.

#include "protocol/codec.h"
#include "protocol/messages.h"

#include <QByteArray>
#include <QString>
#include <type_traits>
#include <variant>

namespace seneschal::protocol::testing {

inline bool sameFields(const Hello &a, const Hello &b)
{
    return a.protocol == b.protocol && a.cuid == b.cuid && a.since == b.since &&
           a.method == b.method && a.username == b.username && a.password == b.password &&
           a.token == b.token;
}

inline bool sameFields(const ClientDispatch &a, const ClientDispatch &b)
{
    return a.id == b.id && a.oid == b.oid && a.ts == b.ts && a.op == b.op && a.props == b.props &&
           a.kind == b.kind && a.parent == b.parent && a.access == b.access;
}

inline bool sameFields(const UploadEnd &, const UploadEnd &)
{
    return true;
}

inline bool sameFields(const ClientAck &a, const ClientAck &b)
{
    return a.seq == b.seq;
}

inline bool sameFields(const Share &a, const Share &b)
{
    return a.oid == b.oid && a.grant == b.grant && a.revoke == b.revoke && a.access == b.access;
}

inline bool sameFields(const Ping &, const Ping &)
{
    return true;
}

inline bool sameMessage(const ClientMessage &a, const ClientMessage &b)
{
    if (a.index() != b.index())
        return false;
    return std::visit(
        [&b](const auto &left) {
            return sameFields(left, std::get<std::decay_t<decltype(left)>>(b));
        },
        a);
}

inline QByteArray encodeClientMessage(const ClientMessage &message)
{
    return std::visit(
        [](const auto &m) -> QByteArray {
            using T = std::decay_t<decltype(m)>;
            if constexpr (std::is_same_v<T, Hello>)
                return encodeHello(m);
            else if constexpr (std::is_same_v<T, ClientDispatch>)
                return encodeClientDispatch(m);
            else if constexpr (std::is_same_v<T, UploadEnd>)
                return encodeUploadEnd();
            else if constexpr (std::is_same_v<T, ClientAck>)
                return encodeClientAck(m.seq);
            else if constexpr (std::is_same_v<T, Share>)
                return encodeShare(m);
            else
                return encodePing();
        },
        message);
}

// One line for a failure message: what a parse produced.
inline QByteArray describe(const std::variant<ClientMessage, ParseError> &result)
{
    if (const auto *error = std::get_if<ParseError>(&result)) {
        return QByteArray("error ") + errorCodeName(error->code).toUtf8() + ": " +
               error->message.toUtf8() + " (id " + error->dispatchId.toUtf8() + ", oid " +
               error->oid.toUtf8() + ")";
    }
    return "message " + encodeClientMessage(std::get<ClientMessage>(result));
}

} // namespace seneschal::protocol::testing
