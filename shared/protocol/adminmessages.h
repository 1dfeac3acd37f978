#pragma once

#include "errorcode.h"
#include "messages.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

// The admin interface of PROTOCOL.md section 10 (path /v1/admin), and the
// extensions docs/protocol.md adds to it (the `users` and `groups` queries).
// Rows travel as JSON objects: they may carry more members than the contract
// lists, and the console shows what it finds.
namespace seneschal::protocol::admin {

inline constexpr int kDefaultPageLimit = 100;
inline constexpr int kMaxPageLimit = 1000;
inline constexpr int kMaxReqLength = 64;

// WebSocket close codes of section 10.
namespace CloseCode {
inline constexpr int Forbidden = 4403;    // not an admin
inline constexpr int Disconnected = 4410; // an admin's `disconnect`
} // namespace CloseCode

enum class Topic { Devices, Stats, History, Access, Audit };
inline constexpr Topic kAllTopics[] = {Topic::Devices, Topic::Stats, Topic::History,
                                       Topic::Access, Topic::Audit};

QString topicName(Topic topic);
std::optional<Topic> topicFromName(QStringView name);

// ---- client to server: requests, each with its `req` ----

// `limit` is clamped to 1..kMaxPageLimit by the parser; `after` is what a
// previous result's `next` said (a number or a string on the wire, kept as
// text; empty: the first page).
struct Page
{
    int limit = kDefaultPageLimit;
    QString after;
};

struct Subscribe
{
    QList<Topic> topics;
};
struct Unsubscribe
{
    QList<Topic> topics;
};
struct QueueQuery
{
    QString cuid;
    Page page;
};
struct HistoryQuery
{
    QString oid;  // empty: any
    QString cuid; // empty: any (winner, loser or uploader)
    std::optional<qint64> fromMs;
    std::optional<qint64> toMs;
    Page page;
};
struct ObjectQuery
{
    QString oid;
};
struct ObjectsQuery
{
    QString owner;  // empty: any
    QString kind;   // empty: any
    QString prefix; // of the oid; empty: any
    Page page;
};
// Extensions (docs/protocol.md): the server's local users and groups.
struct UsersQuery
{
};
struct GroupsQuery
{
};
struct Disconnect
{
    QString cuid;
};
struct Expire
{
    QString cuid;
};
struct AdminShare
{
    Share share;
};
enum class UserOp { Add, Passwd, Disable, Enable };
struct UserAction
{
    UserOp op = UserOp::Add;
    QString name;
    QString password; // add (optional), passwd (required)
};
enum class GroupOp { Add, Remove, MemberAdd, MemberRemove };
struct GroupAction
{
    GroupOp op = GroupOp::Add;
    QString group;
    QString name; // the member, for member-add and member-remove
};

QString userOpName(UserOp op);
QString groupOpName(GroupOp op);

using RequestBody =
    std::variant<Subscribe, Unsubscribe, QueueQuery, HistoryQuery, ObjectQuery, ObjectsQuery,
                 UsersQuery, GroupsQuery, Disconnect, Expire, AdminShare, UserAction, GroupAction>;

struct Request
{
    QString req;
    RequestBody body;
};

// What arrives on /v1/admin: hello and ping as on /v1, or a request.
using AdminClientMessage = std::variant<Hello, Ping, Request>;

// A message that could not be accepted; `req` is set when it could be read,
// so the error answers that request.
struct AdminParseError
{
    ErrorCode code = ErrorCode::Invalid;
    QString message;
    QString req;
};

// ---- server to client ----

struct AdminError
{
    QString req; // empty for an error that answers no request
    ErrorCode code = ErrorCode::Invalid;
    QString message;
};
struct Snapshot
{
    QString req;
    Topic topic = Topic::Devices;
    QJsonArray rows;
};
enum class EventOp { Upsert, Remove };
struct Event
{
    Topic topic = Topic::Devices;
    EventOp op = EventOp::Upsert;
    QJsonObject row;
};
struct Result
{
    QString req;
    QJsonArray rows;
    QJsonValue next = QJsonValue::Null; // null, or the `after` of the next page
    std::optional<qint64> total;        // the queue query's
};
struct Done
{
    QString req;
};
struct Resync
{
    QList<Topic> topics;
};
struct Pong
{
    qint64 serverTime = 0;
};

using AdminServerMessage =
    std::variant<Welcome, AdminError, Snapshot, Event, Result, Done, Resync, Pong>;

// The key member of each topic's rows (section 10).
QString topicKey(Topic topic);

} // namespace seneschal::protocol::admin
