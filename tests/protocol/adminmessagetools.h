#pragma once

// Test helpers for the admin messages (adminmessages.h defines no equality):
// field-wise comparison of requests and server messages, and one line
// describing a parse result for failure messages.

#include "clientmessagetools.h"
#include "protocol/admincodec.h"
#include "protocol/adminmessages.h"

#include <QByteArray>
#include <type_traits>
#include <variant>

namespace seneschal::protocol::admin::testing {

inline bool samePage(const Page &a, const Page &b)
{
    return a.limit == b.limit && a.after == b.after;
}

inline bool sameBody(const Subscribe &a, const Subscribe &b)
{
    return a.topics == b.topics;
}
inline bool sameBody(const Unsubscribe &a, const Unsubscribe &b)
{
    return a.topics == b.topics;
}
inline bool sameBody(const QueueQuery &a, const QueueQuery &b)
{
    return a.cuid == b.cuid && samePage(a.page, b.page);
}
inline bool sameBody(const HistoryQuery &a, const HistoryQuery &b)
{
    return a.oid == b.oid && a.cuid == b.cuid && a.fromMs == b.fromMs && a.toMs == b.toMs &&
           samePage(a.page, b.page);
}
inline bool sameBody(const ObjectQuery &a, const ObjectQuery &b)
{
    return a.oid == b.oid;
}
inline bool sameBody(const ObjectsQuery &a, const ObjectsQuery &b)
{
    return a.owner == b.owner && a.kind == b.kind && a.prefix == b.prefix &&
           samePage(a.page, b.page);
}
inline bool sameBody(const UsersQuery &, const UsersQuery &)
{
    return true;
}
inline bool sameBody(const GroupsQuery &, const GroupsQuery &)
{
    return true;
}
inline bool sameBody(const Disconnect &a, const Disconnect &b)
{
    return a.cuid == b.cuid;
}
inline bool sameBody(const Expire &a, const Expire &b)
{
    return a.cuid == b.cuid;
}
inline bool sameBody(const AdminShare &a, const AdminShare &b)
{
    return protocol::testing::sameFields(a.share, b.share);
}
inline bool sameBody(const UserAction &a, const UserAction &b)
{
    return a.op == b.op && a.name == b.name && a.password == b.password;
}
inline bool sameBody(const GroupAction &a, const GroupAction &b)
{
    return a.op == b.op && a.group == b.group && a.name == b.name;
}

inline bool sameRequest(const Request &a, const Request &b)
{
    if (a.req != b.req || a.body.index() != b.body.index())
        return false;
    return std::visit(
        [&b](const auto &left) {
            return sameBody(left, std::get<std::decay_t<decltype(left)>>(b.body));
        },
        a.body);
}

inline bool sameServerFields(const Welcome &a, const Welcome &b)
{
    return a.uuid == b.uuid && a.cuid == b.cuid && a.groups == b.groups && a.admin == b.admin &&
           a.token == b.token && a.tokenExpires == b.tokenExpires && a.serverTime == b.serverTime;
}
inline bool sameServerFields(const AdminError &a, const AdminError &b)
{
    return a.req == b.req && a.code == b.code && a.message == b.message;
}
inline bool sameServerFields(const Snapshot &a, const Snapshot &b)
{
    return a.req == b.req && a.topic == b.topic && a.rows == b.rows;
}
inline bool sameServerFields(const Event &a, const Event &b)
{
    return a.topic == b.topic && a.op == b.op && a.row == b.row;
}
inline bool sameServerFields(const Result &a, const Result &b)
{
    return a.req == b.req && a.rows == b.rows && a.next == b.next && a.total == b.total;
}
inline bool sameServerFields(const Done &a, const Done &b)
{
    return a.req == b.req;
}
inline bool sameServerFields(const Resync &a, const Resync &b)
{
    return a.topics == b.topics;
}
inline bool sameServerFields(const Pong &a, const Pong &b)
{
    return a.serverTime == b.serverTime;
}

inline bool sameServerMessage(const AdminServerMessage &a, const AdminServerMessage &b)
{
    if (a.index() != b.index())
        return false;
    return std::visit(
        [&b](const auto &left) {
            return sameServerFields(left, std::get<std::decay_t<decltype(left)>>(b));
        },
        a);
}

// One line for a failure message: what a parse of a client frame produced.
inline QByteArray describe(const std::variant<AdminClientMessage, AdminParseError> &result)
{
    if (const auto *error = std::get_if<AdminParseError>(&result)) {
        return QByteArray("error ") + errorCodeName(error->code).toUtf8() + ": " +
               error->message.toUtf8() + " (req " + error->req.toUtf8() + ")";
    }
    const auto &message = std::get<AdminClientMessage>(result);
    if (const auto *request = std::get_if<Request>(&message))
        return "request " + encodeRequest(*request);
    if (const auto *hello = std::get_if<Hello>(&message))
        return "hello " + encodeHello(*hello);
    return "ping";
}

} // namespace seneschal::protocol::admin::testing
