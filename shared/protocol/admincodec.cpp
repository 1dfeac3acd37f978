#include "admincodec.h"

#include "codec.h"
#include "jsondepth.h"
#include "jsonwriter.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <limits>

namespace seneschal::protocol::admin {

namespace {

using namespace Qt::Literals::StringLiterals;
using ParseResult = std::variant<AdminClientMessage, AdminParseError>;

// The same bounds as codec.cpp: clients are written in JavaScript, whose
// Number holds integers exactly up to 2^53.
constexpr qint64 kMaxSafeInteger = qint64(1) << 53;
constexpr qsizetype kMaxUserNameLength = 256;  // a login name, as in hello's auth.username
constexpr qsizetype kMaxGroupNameLength = 128; // as after "group:" in a principal
constexpr qsizetype kMaxKindLength = 64;       // as a dispatch's kind
constexpr qsizetype kMaxQuotedLength = 64;

// PROTOCOL.md counts lengths in characters: a surrogate pair is one.
bool hasLength(QStringView text, qsizetype minLength, qsizetype maxLength)
{
    if (text.size() < minLength)
        return false;
    if (text.size() <= maxLength)
        return true;
    if (text.size() > 2 * maxLength)
        return false;
    qsizetype characters = text.size();
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text[i].isHighSurrogate() && text[i + 1].isLowSurrogate()) {
            --characters;
            ++i;
        }
    }
    return characters >= minLength && characters <= maxLength;
}

// A req follows the rule of a dispatch id (1-64 characters, any of them), so
// the device codec's check is the one to use.
bool isValidReq(QStringView req)
{
    return isValidDispatchId(req);
}

// Client text for an error message; pass it through the multi-argument
// QString::arg() so a "%1" inside it is not expanded.
QString quoted(QStringView text)
{
    if (text.size() <= kMaxQuotedLength)
        return u'"' + text.toString() + u'"';
    return u'"' + text.left(kMaxQuotedLength).toString() + QStringLiteral("...\"");
}

bool isAbsent(const QJsonValue &json)
{
    return json.isUndefined() || json.isNull();
}

// An integer in [minimum, 2^53]; fractions and numbers outside qint64 give
// toInteger()'s default, which lies below every minimum.
std::optional<qint64> safeInteger(const QJsonValue &json, qint64 minimum)
{
    if (!json.isDouble())
        return std::nullopt;
    const qint64 number = json.toInteger(std::numeric_limits<qint64>::min());
    if (number < minimum || number > kMaxSafeInteger)
        return std::nullopt;
    return number;
}

bool readString(const QJsonValue &json, QString &text)
{
    if (!json.isString())
        return false;
    text = json.toString();
    return true;
}

// The request's own error context: every failure after its req was read
// answers that req.
struct RequestContext
{
    QString req;

    AdminParseError invalid(QString message) const
    {
        return AdminParseError{ErrorCode::Invalid, std::move(message), req};
    }
};

const QString kCuidRule = QStringLiteral("1-64 characters of A-Z a-z 0-9 . _ : -");
const QString kOidRule = QStringLiteral("1-128 characters of A-Z a-z 0-9 . _ : -");

std::optional<AdminParseError> readCuid(const QJsonObject &message, const RequestContext &context,
                                        QString &cuid)
{
    if (!readString(message.value("cuid"_L1), cuid) || !isValidCuid(cuid))
        return context.invalid(QStringLiteral("cuid must be ") + kCuidRule);
    return std::nullopt;
}

std::optional<AdminParseError> readOid(const QJsonObject &message, const RequestContext &context,
                                       QString &oid)
{
    if (!readString(message.value("oid"_L1), oid) || !isValidOid(oid))
        return context.invalid(QStringLiteral("oid must be ") + kOidRule);
    return std::nullopt;
}

// An optional filter: absent or null means "any"; a string must pass `valid`,
// so that an empty string is not silently read as "any".
template<typename Valid>
std::optional<AdminParseError> readOptional(const QJsonObject &message, QLatin1StringView member,
                                            const RequestContext &context, const QString &rule,
                                            Valid valid, QString &text)
{
    const QJsonValue json = message.value(member);
    if (isAbsent(json))
        return std::nullopt;
    if (!readString(json, text) || !valid(text))
        return context.invalid(member + QStringLiteral(" must be null or ") + rule);
    return std::nullopt;
}

std::optional<AdminParseError> readOptionalMs(const QJsonObject &message, QLatin1StringView member,
                                              const RequestContext &context,
                                              std::optional<qint64> &ms)
{
    const QJsonValue json = message.value(member);
    if (isAbsent(json))
        return std::nullopt;
    ms = safeInteger(json, 0);
    if (!ms)
        return context.invalid(member +
                               QStringLiteral(" must be null or an integer from 0 to 2^53"));
    return std::nullopt;
}

std::optional<AdminParseError> readPage(const QJsonObject &message, const RequestContext &context,
                                        Page &page)
{
    const QJsonValue limit = message.value("limit"_L1);
    if (!isAbsent(limit)) {
        // Any integer from 1 up is accepted and clamped: a console asking for
        // "everything" gets the largest page rather than an error.
        const auto number = safeInteger(limit, 1);
        if (!number)
            return context.invalid(QStringLiteral("limit must be an integer of at least 1"));
        page.limit = int(qMin<qint64>(*number, kMaxPageLimit));
    }

    // Kept as text: the server decides what its cursors are, and both
    // spellings of a number page the same way.
    const QJsonValue after = message.value("after"_L1);
    if (isAbsent(after))
        return std::nullopt;
    if (after.isString()) {
        page.after = after.toString();
        if (page.after.isEmpty())
            return context.invalid(
                QStringLiteral("after must be null, an integer or a non-empty string"));
        return std::nullopt;
    }
    const auto number = safeInteger(after, 0);
    if (!number)
        return context.invalid(
            QStringLiteral("after must be null, an integer from 0 to 2^53 or a non-empty string"));
    page.after = QString::number(*number);
    return std::nullopt;
}

std::optional<AdminParseError> readTopics(const QJsonObject &message, const RequestContext &context,
                                          QList<Topic> &topics)
{
    const QJsonValue json = message.value("topics"_L1);
    const QString rule =
        QStringLiteral("topics must be a non-empty array of \"devices\", \"stats\", \"history\","
                       " \"access\" or \"audit\"");
    if (!json.isArray() || json.toArray().isEmpty())
        return context.invalid(rule);
    for (const QJsonValue &element : json.toArray()) {
        const auto topic = element.isString() ? topicFromName(element.toString()) : std::nullopt;
        if (!topic) {
            if (element.isString())
                return context.invalid(
                    QStringLiteral("topic %1 is unknown; ").arg(quoted(element.toString())) + rule);
            return context.invalid(rule);
        }
        // A topic named twice is one subscription.
        if (!topics.contains(*topic))
            topics.append(*topic);
    }
    return std::nullopt;
}

ParseResult request(const RequestContext &context, RequestBody body)
{
    return AdminClientMessage{Request{context.req, std::move(body)}};
}

ParseResult parseTopics(const QJsonObject &message, const RequestContext &context, bool subscribe)
{
    QList<Topic> topics;
    if (auto error = readTopics(message, context, topics))
        return *error;
    if (subscribe)
        return request(context, Subscribe{std::move(topics)});
    return request(context, Unsubscribe{std::move(topics)});
}

ParseResult parseQueue(const QJsonObject &message, const RequestContext &context)
{
    QueueQuery query;
    if (auto error = readCuid(message, context, query.cuid))
        return *error;
    if (auto error = readPage(message, context, query.page))
        return *error;
    return request(context, std::move(query));
}

ParseResult parseHistory(const QJsonObject &message, const RequestContext &context)
{
    HistoryQuery query;
    if (auto error = readOptional(message, "oid"_L1, context, kOidRule, isValidOid, query.oid))
        return *error;
    if (auto error = readOptional(message, "cuid"_L1, context, kCuidRule, isValidCuid, query.cuid))
        return *error;
    if (auto error = readOptionalMs(message, "fromMs"_L1, context, query.fromMs))
        return *error;
    if (auto error = readOptionalMs(message, "toMs"_L1, context, query.toMs))
        return *error;
    if (auto error = readPage(message, context, query.page))
        return *error;
    return request(context, std::move(query));
}

ParseResult parseObject(const QJsonObject &message, const RequestContext &context)
{
    ObjectQuery query;
    if (auto error = readOid(message, context, query.oid))
        return *error;
    return request(context, std::move(query));
}

ParseResult parseObjects(const QJsonObject &message, const RequestContext &context)
{
    ObjectsQuery query;
    const auto validOwner = [](QStringView text) { return hasLength(text, 1, kMaxUserNameLength); };
    const auto validKind = [](QStringView text) { return hasLength(text, 1, kMaxKindLength); };
    if (auto error =
            readOptional(message, "owner"_L1, context,
                         QStringLiteral("a string of 1-256 characters"), validOwner, query.owner))
        return *error;
    if (auto error =
            readOptional(message, "kind"_L1, context, QStringLiteral("a string of 1-64 characters"),
                         validKind, query.kind))
        return *error;
    // A prefix of an oid is made of the characters of an oid.
    if (auto error =
            readOptional(message, "prefix"_L1, context, kOidRule, isValidOid, query.prefix))
        return *error;
    if (auto error = readPage(message, context, query.page))
        return *error;
    return request(context, std::move(query));
}

// The admin share is the device share with a req: its members and rules are
// those of section 4, so the device parser reads it from the same text (it
// ignores `req` as an unknown member).
ParseResult parseAdminShare(QByteArrayView json, const Limits &limits,
                            const RequestContext &context)
{
    auto parsed = parseClientMessage(json, limits);
    if (auto *error = std::get_if<ParseError>(&parsed))
        return AdminParseError{error->code, std::move(error->message), context.req};
    auto *share = std::get_if<Share>(&std::get<ClientMessage>(parsed));
    if (!share)
        return context.invalid(QStringLiteral("share could not be read"));
    return request(context, AdminShare{std::move(*share)});
}

ParseResult parseUser(const QJsonObject &message, const RequestContext &context)
{
    UserAction action;
    const QString op = message.value("op"_L1).toString();
    if (op == u"add")
        action.op = UserOp::Add;
    else if (op == u"passwd")
        action.op = UserOp::Passwd;
    else if (op == u"disable")
        action.op = UserOp::Disable;
    else if (op == u"enable")
        action.op = UserOp::Enable;
    else
        return context.invalid(
            QStringLiteral(R"(op must be "add", "passwd", "disable" or "enable")"));

    if (!readString(message.value("name"_L1), action.name) ||
        !hasLength(action.name, 1, kMaxUserNameLength))
        return context.invalid(QStringLiteral("name must be a string of 1-256 characters"));

    // Read only where it means something: a disable never carries a secret
    // further than the parser.
    if (action.op == UserOp::Add || action.op == UserOp::Passwd) {
        const QJsonValue password = message.value("password"_L1);
        const bool required = action.op == UserOp::Passwd;
        if (isAbsent(password) && required)
            return context.invalid(QStringLiteral("password is required for op \"passwd\""));
        if (!isAbsent(password) &&
            (!readString(password, action.password) || action.password.isEmpty()))
            return context.invalid(QStringLiteral("password must be a non-empty string"));
    }
    return request(context, std::move(action));
}

ParseResult parseGroup(const QJsonObject &message, const RequestContext &context)
{
    GroupAction action;
    const QString op = message.value("op"_L1).toString();
    if (op == u"add")
        action.op = GroupOp::Add;
    else if (op == u"remove")
        action.op = GroupOp::Remove;
    else if (op == u"member-add")
        action.op = GroupOp::MemberAdd;
    else if (op == u"member-remove")
        action.op = GroupOp::MemberRemove;
    else
        return context.invalid(
            QStringLiteral(R"(op must be "add", "remove", "member-add" or "member-remove")"));

    if (!readString(message.value("group"_L1), action.group) ||
        !hasLength(action.group, 1, kMaxGroupNameLength))
        return context.invalid(QStringLiteral("group must be a string of 1-128 characters"));

    if (action.op == GroupOp::MemberAdd || action.op == GroupOp::MemberRemove) {
        if (!readString(message.value("name"_L1), action.name) ||
            !hasLength(action.name, 1, kMaxUserNameLength))
            return context.invalid(
                QStringLiteral("name must be a string of 1-256 characters for op %1")
                    .arg(quoted(op)));
    }
    return request(context, std::move(action));
}

// Hello and ping are the device protocol's own; their errors answer no
// request.
ParseResult fromDeviceParser(QByteArrayView json, const Limits &limits)
{
    auto parsed = parseClientMessage(json, limits);
    if (auto *error = std::get_if<ParseError>(&parsed))
        return AdminParseError{error->code, std::move(error->message), {}};
    auto &message = std::get<ClientMessage>(parsed);
    if (auto *hello = std::get_if<Hello>(&message))
        return AdminClientMessage{std::move(*hello)};
    if (std::holds_alternative<Ping>(message))
        return AdminClientMessage{Ping{}};
    return AdminParseError{ErrorCode::Invalid, QStringLiteral("unexpected message"), {}};
}

enum class RequestType {
    Subscribe,
    Unsubscribe,
    Queue,
    History,
    Object,
    Objects,
    Users,
    Groups,
    Disconnect,
    Expire,
    Share,
    User,
    Group,
};

std::optional<RequestType> requestType(QStringView type)
{
    static constexpr std::pair<QStringView, RequestType> kTypes[] = {
        {u"subscribe", RequestType::Subscribe},   {u"unsubscribe", RequestType::Unsubscribe},
        {u"queue", RequestType::Queue},           {u"history", RequestType::History},
        {u"object", RequestType::Object},         {u"objects", RequestType::Objects},
        {u"users", RequestType::Users},           {u"groups", RequestType::Groups},
        {u"disconnect", RequestType::Disconnect}, {u"expire", RequestType::Expire},
        {u"share", RequestType::Share},           {u"user", RequestType::User},
        {u"group", RequestType::Group},
    };
    for (const auto &[name, value] : kTypes) {
        if (name == type)
            return value;
    }
    return std::nullopt;
}

// ---- encoding helpers

void writeReq(JsonWriter &out, const QString &req)
{
    out.raw(R"(,"req":)");
    out.string(req);
}

void writeTopics(JsonWriter &out, const QList<Topic> &topics)
{
    out.raw("[");
    bool first = true;
    for (const Topic topic : topics) {
        if (!first)
            out.raw(",");
        first = false;
        out.string(topicName(topic));
    }
    out.raw("]");
}

// A cursor that reads as a JSON integer goes back as one: the server's
// `next` was most likely that integer, and it reads both spellings alike.
bool isCanonicalInteger(QStringView text)
{
    if (text.isEmpty() || text.size() > 16 || (text.size() > 1 && text.front() == u'0'))
        return false;
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return text.toLongLong() <= kMaxSafeInteger;
}

void writePage(JsonWriter &out, const Page &page)
{
    out.raw(R"(,"limit":)");
    out.integer(page.limit);
    if (page.after.isEmpty())
        return;
    out.raw(R"(,"after":)");
    if (isCanonicalInteger(page.after))
        out.integer(page.after.toLongLong());
    else
        out.string(page.after);
}

template<qsizetype N>
void writeOptional(JsonWriter &out, const char (&member)[N], const QString &text)
{
    if (text.isEmpty())
        return;
    out.raw(member);
    out.string(text);
}

template<qsizetype N>
void writeOptional(JsonWriter &out, const char (&member)[N], const std::optional<qint64> &number)
{
    if (!number)
        return;
    out.raw(member);
    out.integer(*number);
}

// The body of each request after `"type":...,"req":...`.
struct RequestWriter
{
    JsonWriter &out;

    QStringView operator()(const Subscribe &body) const
    {
        out.raw(R"(,"topics":)");
        writeTopics(out, body.topics);
        return u"subscribe";
    }
    QStringView operator()(const Unsubscribe &body) const
    {
        out.raw(R"(,"topics":)");
        writeTopics(out, body.topics);
        return u"unsubscribe";
    }
    QStringView operator()(const QueueQuery &body) const
    {
        out.raw(R"(,"cuid":)");
        out.string(body.cuid);
        writePage(out, body.page);
        return u"queue";
    }
    QStringView operator()(const HistoryQuery &body) const
    {
        writeOptional(out, R"(,"oid":)", body.oid);
        writeOptional(out, R"(,"cuid":)", body.cuid);
        writeOptional(out, R"(,"fromMs":)", body.fromMs);
        writeOptional(out, R"(,"toMs":)", body.toMs);
        writePage(out, body.page);
        return u"history";
    }
    QStringView operator()(const ObjectQuery &body) const
    {
        out.raw(R"(,"oid":)");
        out.string(body.oid);
        return u"object";
    }
    QStringView operator()(const ObjectsQuery &body) const
    {
        writeOptional(out, R"(,"owner":)", body.owner);
        writeOptional(out, R"(,"kind":)", body.kind);
        writeOptional(out, R"(,"prefix":)", body.prefix);
        writePage(out, body.page);
        return u"objects";
    }
    QStringView operator()(const UsersQuery &) const { return u"users"; }
    QStringView operator()(const GroupsQuery &) const { return u"groups"; }
    QStringView operator()(const Disconnect &body) const
    {
        out.raw(R"(,"cuid":)");
        out.string(body.cuid);
        return u"disconnect";
    }
    QStringView operator()(const Expire &body) const
    {
        out.raw(R"(,"cuid":)");
        out.string(body.cuid);
        return u"expire";
    }
    QStringView operator()(const AdminShare &body) const
    {
        out.raw(R"(,"oid":)");
        out.string(body.share.oid);
        if (!body.share.grant.isEmpty()) {
            out.raw(R"(,"grant":)");
            out.stringArray(body.share.grant);
        }
        if (!body.share.revoke.isEmpty()) {
            out.raw(R"(,"revoke":)");
            out.stringArray(body.share.revoke);
        }
        if (body.share.access) {
            out.raw(R"(,"access":)");
            out.string(engine::accessName(*body.share.access));
        }
        return u"share";
    }
    QStringView operator()(const UserAction &body) const
    {
        out.raw(R"(,"op":)");
        out.string(userOpName(body.op));
        out.raw(R"(,"name":)");
        out.string(body.name);
        writeOptional(out, R"(,"password":)", body.password);
        return u"user";
    }
    QStringView operator()(const GroupAction &body) const
    {
        out.raw(R"(,"op":)");
        out.string(groupOpName(body.op));
        out.raw(R"(,"group":)");
        out.string(body.group);
        writeOptional(out, R"(,"name":)", body.name);
        return u"group";
    }
};

// ---- client-side parsing of server messages

using ServerResult = std::variant<AdminServerMessage, QString>;

QString readReq(const QJsonObject &message)
{
    return message.value("req"_L1).toString();
}

std::optional<Topic> readTopic(const QJsonObject &message)
{
    const QJsonValue topic = message.value("topic"_L1);
    return topic.isString() ? topicFromName(topic.toString()) : std::nullopt;
}

ServerResult parseWelcome(const QJsonObject &message)
{
    Welcome welcome;
    if (!readString(message.value("uuid"_L1), welcome.uuid))
        return QStringLiteral("welcome without a uuid");
    welcome.cuid = message.value("cuid"_L1).toString();
    for (const QJsonValue &group : message.value("groups"_L1).toArray())
        welcome.groups.append(group.toString());
    welcome.admin = message.value("admin"_L1).toBool();
    welcome.token = message.value("token"_L1).toString();
    welcome.tokenExpires = message.value("tokenExpires"_L1).toInteger();
    welcome.serverTime = message.value("serverTime"_L1).toInteger();
    return AdminServerMessage{std::move(welcome)};
}

ServerResult parseErrorMessage(const QJsonObject &message)
{
    AdminError error;
    error.req = readReq(message);
    const QString code = message.value("code"_L1).toString();
    error.message = message.value("message"_L1).toString();
    if (const auto known = errorCodeFromName(code)) {
        error.code = *known;
    } else {
        // A code newer than this client still answers its request; the
        // message keeps what it was.
        error.code = ErrorCode::Invalid;
        error.message = code + QStringLiteral(": ") + error.message;
    }
    return AdminServerMessage{std::move(error)};
}

ServerResult parseSnapshot(const QJsonObject &message)
{
    Snapshot snapshot;
    snapshot.req = readReq(message);
    const auto topic = readTopic(message);
    if (!topic)
        return QStringLiteral("snapshot of an unknown topic %1")
            .arg(quoted(message.value("topic"_L1).toString()));
    snapshot.topic = *topic;
    const QJsonValue rows = message.value("rows"_L1);
    if (!rows.isArray())
        return QStringLiteral("snapshot without a rows array");
    snapshot.rows = rows.toArray();
    return AdminServerMessage{std::move(snapshot)};
}

ServerResult parseEvent(const QJsonObject &message)
{
    Event event;
    const auto topic = readTopic(message);
    if (!topic)
        return QStringLiteral("event of an unknown topic %1")
            .arg(quoted(message.value("topic"_L1).toString()));
    event.topic = *topic;
    const QString op = message.value("op"_L1).toString();
    if (op == u"upsert")
        event.op = EventOp::Upsert;
    else if (op == u"remove")
        event.op = EventOp::Remove;
    else
        return QStringLiteral("event with an unknown op %1").arg(quoted(op));
    const QJsonValue row = message.value("row"_L1);
    if (!row.isObject())
        return QStringLiteral("event without a row object");
    event.row = row.toObject();
    return AdminServerMessage{std::move(event)};
}

ServerResult parseResult(const QJsonObject &message)
{
    Result result;
    result.req = readReq(message);
    const QJsonValue rows = message.value("rows"_L1);
    if (!rows.isArray())
        return QStringLiteral("result without a rows array");
    result.rows = rows.toArray();
    const QJsonValue next = message.value("next"_L1);
    if (next.isString() || next.isDouble())
        result.next = next;
    const QJsonValue total = message.value("total"_L1);
    if (total.isDouble())
        result.total = total.toInteger();
    return AdminServerMessage{std::move(result)};
}

ServerResult parseResync(const QJsonObject &message)
{
    Resync resync;
    // Topics this client does not know are none of its business.
    for (const QJsonValue &name : message.value("topics"_L1).toArray()) {
        if (const auto topic = topicFromName(name.toString()))
            resync.topics.append(*topic);
    }
    return AdminServerMessage{std::move(resync)};
}

} // namespace

// ---- names

QString topicName(Topic topic)
{
    switch (topic) {
    case Topic::Devices:
        return QStringLiteral("devices");
    case Topic::Stats:
        return QStringLiteral("stats");
    case Topic::History:
        return QStringLiteral("history");
    case Topic::Access:
        return QStringLiteral("access");
    case Topic::Audit:
        return QStringLiteral("audit");
    }
    return {};
}

std::optional<Topic> topicFromName(QStringView name)
{
    for (const Topic topic : kAllTopics) {
        if (name == topicName(topic))
            return topic;
    }
    return std::nullopt;
}

QString topicKey(Topic topic)
{
    switch (topic) {
    case Topic::Devices:
        return QStringLiteral("cuid");
    case Topic::Stats:
        return QStringLiteral("key"); // its one row has "key":"server"
    case Topic::History:
    case Topic::Audit:
        return QStringLiteral("id");
    case Topic::Access:
        return QStringLiteral("seq");
    }
    return {};
}

QString userOpName(UserOp op)
{
    switch (op) {
    case UserOp::Add:
        return QStringLiteral("add");
    case UserOp::Passwd:
        return QStringLiteral("passwd");
    case UserOp::Disable:
        return QStringLiteral("disable");
    case UserOp::Enable:
        return QStringLiteral("enable");
    }
    return {};
}

QString groupOpName(GroupOp op)
{
    switch (op) {
    case GroupOp::Add:
        return QStringLiteral("add");
    case GroupOp::Remove:
        return QStringLiteral("remove");
    case GroupOp::MemberAdd:
        return QStringLiteral("member-add");
    case GroupOp::MemberRemove:
        return QStringLiteral("member-remove");
    }
    return {};
}

// ---- server side: parsing requests

std::variant<AdminClientMessage, AdminParseError> parseAdminClientMessage(QByteArrayView json,
                                                                          const Limits &limits)
{
    if (json.size() > limits.maxMessageBytes)
        return AdminParseError{ErrorCode::TooLarge,
                               QStringLiteral("message is %1 bytes, over the limit of %2")
                                   .arg(json.size())
                                   .arg(limits.maxMessageBytes),
                               {}};

    const bool tooDeep = jsonNestingExceeds(json, limits.maxDepth);
    const QString nestingMessage =
        tooDeep ? QStringLiteral("JSON nesting is deeper than %1").arg(limits.maxDepth) : QString();

    QJsonParseError parseError;
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromRawData(json.data(), json.size()), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (tooDeep) // a limit of PROTOCOL.md 9.8: too_large, not invalid
            return AdminParseError{ErrorCode::TooLarge, nestingMessage, {}};
        return AdminParseError{
            ErrorCode::Invalid,
            QStringLiteral("malformed JSON at offset %1: %2")
                .arg(QString::number(parseError.offset), parseError.errorString()),
            {}};
    }
    if (!document.isObject())
        return AdminParseError{
            ErrorCode::Invalid, QStringLiteral("a message must be a JSON object"), {}};
    const QJsonObject message = document.object();

    const QJsonValue typeValue = message.value("type"_L1);
    if (!typeValue.isString())
        return AdminParseError{ErrorCode::Invalid, QStringLiteral("type must be a string"), {}};
    const QString type = typeValue.toString();
    if (type == u"ping" || type == u"hello")
        return fromDeviceParser(json, limits);

    // Everything else is a request: from here on, an error answers its req
    // whenever that could be read.
    RequestContext context;
    QString req;
    const bool reqValid = readString(message.value("req"_L1), req) && isValidReq(req);
    if (reqValid)
        context.req = req;

    const auto kind = requestType(type);
    if (!kind)
        return context.invalid(QStringLiteral("type %1 is unknown").arg(quoted(type)));
    if (!reqValid)
        return context.invalid(
            QStringLiteral("req must be a string of 1-%1 characters").arg(kMaxReqLength));
    if (tooDeep)
        return AdminParseError{ErrorCode::TooLarge, nestingMessage, context.req};

    switch (*kind) {
    case RequestType::Subscribe:
        return parseTopics(message, context, true);
    case RequestType::Unsubscribe:
        return parseTopics(message, context, false);
    case RequestType::Queue:
        return parseQueue(message, context);
    case RequestType::History:
        return parseHistory(message, context);
    case RequestType::Object:
        return parseObject(message, context);
    case RequestType::Objects:
        return parseObjects(message, context);
    case RequestType::Users:
        return request(context, UsersQuery{});
    case RequestType::Groups:
        return request(context, GroupsQuery{});
    case RequestType::Disconnect: {
        Disconnect body;
        if (auto error = readCuid(message, context, body.cuid))
            return *error;
        return request(context, std::move(body));
    }
    case RequestType::Expire: {
        Expire body;
        if (auto error = readCuid(message, context, body.cuid))
            return *error;
        return request(context, std::move(body));
    }
    case RequestType::Share:
        return parseAdminShare(json, limits, context);
    case RequestType::User:
        return parseUser(message, context);
    case RequestType::Group:
        return parseGroup(message, context);
    }
    return context.invalid(QStringLiteral("type %1 is unknown").arg(quoted(type)));
}

// ---- server side: encoding

QByteArray encodeAdminError(const QString &req, ErrorCode code, const QString &message)
{
    JsonWriter out(96 + req.size() + message.size());
    out.raw(R"({"type":"error")");
    if (!req.isEmpty())
        writeReq(out, req);
    out.raw(R"(,"code":)");
    out.string(errorCodeName(code));
    out.raw(R"(,"message":)");
    out.string(message);
    out.raw("}");
    return out.take();
}

QByteArray encodeSnapshot(const QString &req, Topic topic, const QJsonArray &rows)
{
    JsonWriter out(64 + 128 * rows.size());
    out.raw(R"({"type":"snapshot")");
    writeReq(out, req);
    out.raw(R"(,"topic":)");
    out.string(topicName(topic));
    out.raw(R"(,"rows":)");
    out.array(rows);
    out.raw("}");
    return out.take();
}

QByteArray encodeEvent(Topic topic, EventOp op, const QJsonObject &row)
{
    JsonWriter out(64 + 24 * row.size());
    out.raw(R"({"type":"event","topic":)");
    out.string(topicName(topic));
    out.raw(op == EventOp::Upsert ? R"(,"op":"upsert","row":)" : R"(,"op":"remove","row":)");
    out.object(row);
    out.raw("}");
    return out.take();
}

QByteArray encodeResult(const QString &req, const QJsonArray &rows, const QJsonValue &next,
                        std::optional<qint64> total)
{
    JsonWriter out(64 + 128 * rows.size());
    out.raw(R"({"type":"result")");
    writeReq(out, req);
    out.raw(R"(,"rows":)");
    out.array(rows);
    out.raw(R"(,"next":)");
    // The contract allows null or a cursor; anything else would be a
    // server bug and reads as the last page.
    if (next.isString() || next.isDouble())
        out.value(next);
    else
        out.null();
    if (total) {
        out.raw(R"(,"total":)");
        out.integer(*total);
    }
    out.raw("}");
    return out.take();
}

QByteArray encodeDone(const QString &req)
{
    JsonWriter out(48 + req.size());
    out.raw(R"({"type":"done")");
    writeReq(out, req);
    out.raw("}");
    return out.take();
}

QByteArray encodeResync(const QList<Topic> &topics)
{
    JsonWriter out(64);
    out.raw(R"({"type":"resync","topics":)");
    writeTopics(out, topics);
    out.raw("}");
    return out.take();
}

// ---- client side

QByteArray encodeRequest(const Request &request)
{
    JsonWriter body(128);
    const QStringView type = std::visit(RequestWriter{body}, request.body);
    const QByteArray members = body.take();

    JsonWriter out(48 + request.req.size() + members.size());
    out.raw(R"({"type":)");
    out.string(type);
    writeReq(out, request.req);
    out.raw(members.constData(), members.size());
    out.raw("}");
    return out.take();
}

std::variant<AdminServerMessage, QString> parseAdminServerMessage(QByteArrayView json)
{
    QJsonParseError parseError;
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromRawData(json.data(), json.size()), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return QStringLiteral("malformed JSON at offset %1: %2")
            .arg(QString::number(parseError.offset), parseError.errorString());
    if (!document.isObject())
        return QStringLiteral("a message must be a JSON object");
    const QJsonObject message = document.object();
    const QString type = message.value("type"_L1).toString();

    // Most frequent first.
    if (type == u"event")
        return parseEvent(message);
    if (type == u"result")
        return parseResult(message);
    if (type == u"done")
        return AdminServerMessage{Done{readReq(message)}};
    if (type == u"snapshot")
        return parseSnapshot(message);
    if (type == u"pong")
        return AdminServerMessage{Pong{message.value("serverTime"_L1).toInteger()}};
    if (type == u"error")
        return parseErrorMessage(message);
    if (type == u"resync")
        return parseResync(message);
    if (type == u"welcome")
        return parseWelcome(message);
    return QStringLiteral("type %1 is unknown").arg(quoted(type));
}

} // namespace seneschal::protocol::admin
