#include "codec.h"

#include "jsondepth.h"
#include "jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace seneschal::protocol {

namespace {

using namespace Qt::Literals::StringLiterals;
using engine::Access;
using engine::DispatchOp;
using Result = std::variant<ClientMessage, ParseError>;

// The largest integer a JavaScript Number holds exactly: clients are written
// in JavaScript, so a larger ts, since or seq could not have been meant.
constexpr qint64 kMaxSafeInteger = qint64(1) << 53;

constexpr qsizetype kMaxCuidLength = 64;
constexpr qsizetype kMaxOidLength = 128;
constexpr qsizetype kMaxDispatchIdLength = 64;
constexpr qsizetype kMaxKindLength = 64;
constexpr qsizetype kMaxUsernameLength = 256;
constexpr qsizetype kMaxTokenLength = 8192;
constexpr qsizetype kMaxPrincipalNameLength = 128;
// Client text quoted in an error message is cut here: the message goes back
// to the client and into logs, and must not grow with the input.
constexpr qsizetype kMaxQuotedLength = 64;

// The canonical encoding of a value (JsonWriter) is at most this many times
// the bytes it was parsed from: a raw control character becomes a six-byte
// \u00XX escape, every other construct grows less ("9e18" becomes 19 digits).
constexpr qint64 kMaxEncodingGrowth = 6;

bool isIdentifierUnit(char16_t unit)
{
    return (unit >= u'a' && unit <= u'z') || (unit >= u'A' && unit <= u'Z') ||
           (unit >= u'0' && unit <= u'9') || unit == u'.' || unit == u'_' || unit == u':' ||
           unit == u'-';
}

bool isIdentifier(QStringView text, qsizetype maxLength)
{
    if (text.isEmpty() || text.size() > maxLength)
        return false;
    for (const QChar c : text) {
        if (!isIdentifierUnit(c.unicode()))
            return false;
    }
    return true;
}

// PROTOCOL.md counts lengths in characters: a surrogate pair is one. Counting
// is needed only when the UTF-16 length alone cannot decide.
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

// Client text for an error message. Pass it through the multi-argument
// QString::arg(): a chained arg() would expand a "%1" inside it.
QString quoted(QStringView text)
{
    if (text.size() <= kMaxQuotedLength)
        return u'"' + text.toString() + u'"';
    return u'"' + text.left(kMaxQuotedLength).toString() + QStringLiteral("...\"");
}

// An integer in [minimum, 2^53]. QJsonValue keeps integral JSON numbers as
// qint64, so toInteger() is exact; it returns the default for fractions and
// for numbers outside qint64, and the default is below every minimum.
std::optional<qint64> safeInteger(const QJsonValue &json, qint64 minimum)
{
    if (!json.isDouble())
        return std::nullopt;
    const qint64 number = json.toInteger(std::numeric_limits<qint64>::min());
    if (number < minimum || number > kMaxSafeInteger)
        return std::nullopt;
    return number;
}

// Reads a string member once: QJsonValue::toString() converts and allocates.
bool readString(const QJsonValue &json, QString &text)
{
    if (!json.isString())
        return false;
    text = json.toString();
    return true;
}

bool isAbsent(const QJsonValue &json)
{
    return json.isUndefined() || json.isNull();
}

bool isPrincipal(QStringView text)
{
    for (const QStringView prefix : {QStringView(u"user:"), QStringView(u"group:")}) {
        if (text.startsWith(prefix))
            return hasLength(text.mid(prefix.size()), 1, kMaxPrincipalNameLength);
    }
    return false;
}

// Who the answer to a bad message is addressed to: a dispatch whose id was
// read gets a `reject` for it, a share whose oid was read names the oid.
struct ErrorContext
{
    QString dispatchId;
    QString oid;

    ParseError fail(ErrorCode code, QString message) const
    {
        return ParseError{code, std::move(message), dispatchId, oid};
    }
    ParseError invalid(QString message) const
    {
        return fail(ErrorCode::Invalid, std::move(message));
    }
};

const QString kOidRule = QStringLiteral("1-128 characters of A-Z a-z 0-9 . _ : -");
const QString kAccessRule = QStringLiteral("\"public\", \"private\" or \"inherit\"");

std::optional<Access> readAccess(const QJsonValue &json, bool &ok)
{
    ok = true;
    if (isAbsent(json))
        return std::nullopt;
    const auto access = json.isString() ? engine::accessFromName(json.toString()) : std::nullopt;
    ok = access.has_value();
    return access;
}

Result parseHello(const QJsonObject &message)
{
    const ErrorContext context;
    Hello hello;

    const QJsonValue protocol = message.value("protocol"_L1);
    if (protocol.isUndefined())
        return context.invalid(QStringLiteral("protocol is required"));
    if (safeInteger(protocol, 0) != kProtocolVersion)
        return context.invalid(QStringLiteral("protocol must be %1").arg(kProtocolVersion));
    hello.protocol = kProtocolVersion;

    const QJsonValue cuid = message.value("cuid"_L1);
    if (!readString(cuid, hello.cuid) || !isValidCuid(hello.cuid))
        return context.invalid(
            QStringLiteral("cuid must be 1-64 characters of A-Z a-z 0-9 . _ : -"));

    // A device that has nothing may leave `since` out.
    const QJsonValue since = message.value("since"_L1);
    if (!since.isUndefined()) {
        const auto number = safeInteger(since, 0);
        if (!number)
            return context.invalid(QStringLiteral("since must be an integer from 0 to 2^53"));
        hello.since = *number;
    }

    const QJsonValue authValue = message.value("auth"_L1);
    if (!authValue.isObject())
        return context.invalid(QStringLiteral("auth must be an object"));
    const QJsonObject auth = authValue.toObject();
    const QJsonValue method = auth.value("method"_L1);
    const QString methodName = method.toString();
    if (methodName == u"password") {
        hello.method = AuthMethod::Password;
        const QJsonValue username = auth.value("username"_L1);
        if (!readString(username, hello.username) ||
            !hasLength(hello.username, 1, kMaxUsernameLength))
            return context.invalid(
                QStringLiteral("auth.username must be a string of 1-256 characters"));
        const QJsonValue password = auth.value("password"_L1);
        if (!readString(password, hello.password) || hello.password.isEmpty())
            return context.invalid(QStringLiteral("auth.password must be a non-empty string"));
    } else if (methodName == u"jwt") {
        hello.method = AuthMethod::Jwt;
        const QJsonValue token = auth.value("token"_L1);
        if (!readString(token, hello.token) || !hasLength(hello.token, 1, kMaxTokenLength))
            return context.invalid(
                QStringLiteral("auth.token must be a string of 1-8192 characters"));
    } else {
        return context.invalid(QStringLiteral("auth.method must be \"password\" or \"jwt\""));
    }
    return ClientMessage{std::move(hello)};
}

Result parseDispatch(const QJsonObject &message, const Limits &limits, qsizetype messageBytes)
{
    ErrorContext context;
    ClientDispatch dispatch;

    const QJsonValue id = message.value("id"_L1);
    if (!readString(id, dispatch.id) || !isValidDispatchId(dispatch.id))
        return context.invalid(QStringLiteral("id must be a string of 1-64 characters"));
    context.dispatchId = dispatch.id;

    const QJsonValue oid = message.value("oid"_L1);
    if (!readString(oid, dispatch.oid) || !isValidOid(dispatch.oid))
        return context.invalid(QStringLiteral("oid must be ") + kOidRule);

    const QJsonValue ts = message.value("ts"_L1);
    if (ts.isUndefined())
        return context.invalid(QStringLiteral("ts is required"));
    const auto stamp = safeInteger(ts, 1);
    if (!stamp)
        return context.invalid(QStringLiteral("ts must be an integer from 1 to 2^53"));
    dispatch.ts = *stamp;

    const QJsonValue op = message.value("op"_L1);
    if (!op.isUndefined()) {
        const QString name = op.toString();
        if (op.isString() && name == u"put")
            dispatch.op = DispatchOp::Put;
        else if (op.isString() && name == u"delete")
            dispatch.op = DispatchOp::Delete;
        else
            return context.invalid(QStringLiteral("op must be \"put\" or \"delete\""));
    }

    const QJsonValue kind = message.value("kind"_L1);
    if (!isAbsent(kind)) {
        if (!readString(kind, dispatch.kind) || !hasLength(dispatch.kind, 1, kMaxKindLength))
            return context.invalid(QStringLiteral("kind must be a string of 1-64 characters"));
    }

    const QJsonValue parent = message.value("parent"_L1);
    if (!isAbsent(parent)) {
        if (!readString(parent, dispatch.parent) || !isValidOid(dispatch.parent))
            return context.invalid(QStringLiteral("parent must be null or an oid of ") + kOidRule);
    }

    bool accessOk = true;
    dispatch.access = readAccess(message.value("access"_L1), accessOk);
    if (!accessOk)
        return context.invalid(QStringLiteral("access must be ") + kAccessRule);
    if (dispatch.access == Access::Inherit && dispatch.parent.isEmpty())
        return context.invalid(QStringLiteral("access \"inherit\" needs a parent"));

    const QJsonValue propsValue = message.value("props"_L1);
    if (dispatch.op == DispatchOp::Delete) {
        if (!propsValue.isUndefined())
            return context.invalid(QStringLiteral("props is not allowed with op \"delete\""));
        return ClientMessage{std::move(dispatch)};
    }
    if (propsValue.isUndefined())
        return context.invalid(QStringLiteral("props is required unless op is \"delete\""));
    if (!propsValue.isObject())
        return context.invalid(QStringLiteral("props must be an object"));
    QJsonObject props = propsValue.toObject();
    if (props.size() > limits.maxProps)
        return context.fail(ErrorCode::TooLarge,
                            QStringLiteral("props has %1 properties, over the limit of %2")
                                .arg(props.size())
                                .arg(limits.maxProps));

    // No value can encode larger than this bound, so below the limit the
    // sizes need not be computed (the default limits make this the rule).
    const bool checkValueSizes = messageBytes * kMaxEncodingGrowth > limits.maxValueBytes;
    for (auto it = props.constBegin(); it != props.constEnd(); ++it) {
        const QString name = it.key();
        if (!hasLength(name, 1, limits.maxNameLength))
            return context.invalid(QStringLiteral("property name %1 must be 1-%2 characters")
                                       .arg(quoted(name), QString::number(limits.maxNameLength)));
        if (name.startsWith(u'_')) {
            if (name != engine::kDeletedProperty)
                return context.invalid(
                    QStringLiteral("property name %1 is reserved: names must not start with _")
                        .arg(quoted(name)));
            if (!it.value().isBool())
                return context.invalid(QStringLiteral("props._deleted must be a boolean"));
        }
        if (checkValueSizes) {
            const qsizetype bytes = JsonWriter::encodedSize(it.value());
            if (bytes > limits.maxValueBytes)
                return context.fail(ErrorCode::TooLarge,
                                    QStringLiteral("property %1 is %2 bytes, over the limit of %3")
                                        .arg(quoted(name), QString::number(bytes),
                                             QString::number(limits.maxValueBytes)));
        }
    }
    dispatch.props = std::move(props);
    return ClientMessage{std::move(dispatch)};
}

std::optional<ParseError> readPrincipals(const QJsonValue &json, const char *member,
                                         const ErrorContext &context, QStringList &principals)
{
    if (isAbsent(json))
        return std::nullopt;
    const QString rule = QStringLiteral(" must be an array of \"user:<uuid>\" or \"group:<gid>\""
                                        " (1-128 characters after the colon)");
    if (!json.isArray())
        return context.invalid(QLatin1StringView(member) + rule);
    const QJsonArray array = json.toArray();
    principals.reserve(array.size());
    for (const QJsonValue &element : array) {
        QString principal;
        if (!readString(element, principal) || !isPrincipal(principal))
            return context.invalid(QLatin1StringView(member) + rule);
        principals.append(principal);
    }
    return std::nullopt;
}

Result parseShare(const QJsonObject &message)
{
    ErrorContext context;
    Share share;

    const QJsonValue oid = message.value("oid"_L1);
    if (!readString(oid, share.oid) || !isValidOid(share.oid))
        return context.invalid(QStringLiteral("oid must be ") + kOidRule);
    context.oid = share.oid;

    if (auto error = readPrincipals(message.value("grant"_L1), "grant", context, share.grant))
        return *error;
    if (auto error = readPrincipals(message.value("revoke"_L1), "revoke", context, share.revoke))
        return *error;
    bool accessOk = true;
    share.access = readAccess(message.value("access"_L1), accessOk);
    if (!accessOk)
        return context.invalid(QStringLiteral("access must be ") + kAccessRule);
    // A share that changes nothing is a client bug worth reporting.
    if (share.grant.isEmpty() && share.revoke.isEmpty() && !share.access)
        return context.invalid(
            QStringLiteral("share needs a non-empty grant or revoke, or access"));
    return ClientMessage{std::move(share)};
}

Result parseAck(const QJsonObject &message)
{
    const auto seq = safeInteger(message.value("seq"_L1), 0);
    if (!seq)
        return ErrorContext{}.invalid(QStringLiteral("seq must be an integer from 0 to 2^53"));
    return ClientMessage{ClientAck{*seq}};
}

// For a message whose nesting is over the limit: still address the answer to
// the dispatch or share when its id or oid can be read, so a client can drop
// the offending dispatch from its outbox instead of resending it forever.
ParseError nestingError(const QJsonObject &message, QStringView type, const Limits &limits)
{
    ErrorContext context;
    if (type == u"dispatch") {
        const QString id = message.value("id"_L1).toString();
        if (isValidDispatchId(id))
            context.dispatchId = id;
    } else if (type == u"share") {
        const QString oid = message.value("oid"_L1).toString();
        if (isValidOid(oid))
            context.oid = oid;
    }
    return context.fail(ErrorCode::TooLarge,
                        QStringLiteral("JSON nesting is deeper than %1").arg(limits.maxDepth));
}

void writeAccess(JsonWriter &out, const std::optional<Access> &access)
{
    if (!access)
        return;
    out.raw(R"(,"access":)");
    out.string(engine::accessName(*access));
}

// The messages made of a type and a seq only.
QByteArray encodeTypeWithSeq(QByteArrayView head, qint64 seq)
{
    JsonWriter out(64);
    out.raw(head.data(), head.size());
    out.integer(seq);
    out.raw("}");
    return out.take();
}

} // namespace

bool isValidCuid(QStringView cuid)
{
    return isIdentifier(cuid, kMaxCuidLength);
}

bool isValidOid(QStringView oid)
{
    return isIdentifier(oid, kMaxOidLength);
}

bool isValidDispatchId(QStringView id)
{
    return hasLength(id, 1, kMaxDispatchIdLength);
}

std::variant<ClientMessage, ParseError> parseClientMessage(QByteArrayView json,
                                                           const Limits &limits)
{
    if (json.size() > limits.maxMessageBytes)
        return ParseError{ErrorCode::TooLarge,
                          QStringLiteral("message is %1 bytes, over the limit of %2")
                              .arg(json.size())
                              .arg(limits.maxMessageBytes),
                          {},
                          {}};

    // The scan is cheap next to parsing; it also keeps the limit independent
    // of QJsonDocument's own nesting limit.
    const bool tooDeep = jsonNestingExceeds(json, limits.maxDepth);

    QJsonParseError parseError;
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromRawData(json.data(), json.size()), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (tooDeep) // a limit of PROTOCOL.md 9.8: too_large, not invalid
            return ErrorContext{}.fail(
                ErrorCode::TooLarge,
                QStringLiteral("JSON nesting is deeper than %1").arg(limits.maxDepth));
        return ErrorContext{}.invalid(
            QStringLiteral("malformed JSON at offset %1: %2")
                .arg(QString::number(parseError.offset), parseError.errorString()));
    }
    if (!document.isObject())
        return ErrorContext{}.invalid(QStringLiteral("a message must be a JSON object"));
    const QJsonObject message = document.object();

    const QJsonValue typeValue = message.value("type"_L1);
    if (!typeValue.isString())
        return ErrorContext{}.invalid(QStringLiteral("type must be a string"));
    const QString type = typeValue.toString();
    if (tooDeep)
        return nestingError(message, type, limits);

    // Most frequent first.
    if (type == u"dispatch")
        return parseDispatch(message, limits, json.size());
    if (type == u"ack")
        return parseAck(message);
    if (type == u"ping")
        return ClientMessage{Ping{}};
    if (type == u"uploadEnd")
        return ClientMessage{UploadEnd{}};
    if (type == u"hello")
        return parseHello(message);
    if (type == u"share")
        return parseShare(message);
    return ErrorContext{}.invalid(QStringLiteral("type %1 is unknown").arg(quoted(type)));
}

// ---- server messages ----

QByteArray encodeWelcome(const Welcome &welcome)
{
    JsonWriter out(256 + welcome.token.size());
    out.raw(R"({"type":"welcome","protocol":)");
    out.integer(kProtocolVersion);
    out.raw(R"(,"uuid":)");
    out.string(welcome.uuid);
    out.raw(R"(,"cuid":)");
    out.string(welcome.cuid);
    out.raw(R"(,"groups":)");
    out.stringArray(welcome.groups);
    out.raw(R"(,"admin":)");
    out.boolean(welcome.admin);
    out.raw(R"(,"token":)");
    out.string(welcome.token);
    out.raw(R"(,"tokenExpires":)");
    out.integer(welcome.tokenExpires);
    out.raw(R"(,"serverTime":)");
    out.integer(welcome.serverTime);
    out.raw("}");
    return out.take();
}

QByteArray encodeRehydrateBegin()
{
    return QByteArrayLiteral(R"({"type":"rehydrateBegin"})");
}

QByteArray encodeAck(const ServerAck &ack)
{
    JsonWriter out(64 + 16 * (ack.ids.size() + ack.clamped.size()));
    out.raw(R"({"type":"ack","ids":)");
    out.stringArray(ack.ids);
    out.raw(R"(,"seq":)");
    out.integer(ack.seq);
    if (!ack.clamped.isEmpty()) {
        out.raw(R"(,"clamped":)");
        out.stringArray(ack.clamped);
    }
    out.raw("}");
    return out.take();
}

QByteArray encodeReject(const QString &dispatchId, ErrorCode code, const QString &message)
{
    JsonWriter out(96 + message.size());
    out.raw(R"({"type":"reject","id":)");
    out.string(dispatchId);
    out.raw(R"(,"code":)");
    out.string(errorCodeName(code));
    out.raw(R"(,"message":)");
    out.string(message);
    out.raw("}");
    return out.take();
}

QByteArray encodeRehydrateEnd(qint64 seq)
{
    return encodeTypeWithSeq(R"({"type":"rehydrateEnd","seq":)", seq);
}

QByteArray encodeDispatch(const engine::ObjectState &state)
{
    // Enough for a typical state at once: growing means copying.
    JsonWriter out(256 + 2 * (state.oid.size() + state.kind.size() + state.parent.size()) +
                   96 * state.props.size());
    const engine::Property *deleted = state.deletedProperty();
    out.raw(R"({"type":"dispatch","seq":)");
    out.integer(state.seq);
    out.raw(R"(,"oid":)");
    out.string(state.oid);
    out.raw(R"(,"kind":)");
    if (state.kind.isEmpty())
        out.null();
    else
        out.string(state.kind);
    out.raw(R"(,"parent":)");
    if (state.parent.isEmpty())
        out.null();
    else
        out.string(state.parent);
    out.raw(R"(,"deleted":)");
    out.boolean(deleted && deleted->value.toBool());

    // Both loops walk the same hash, so props and stamps come in one order.
    out.raw(R"(,"props":{)");
    bool first = true;
    for (auto it = state.props.cbegin(); it != state.props.cend(); ++it) {
        if (&it.value() == deleted)
            continue;
        if (!first)
            out.raw(",");
        first = false;
        out.string(it.key());
        out.raw(":");
        out.value(it->value);
    }
    out.raw(R"(},"stamps":{)");
    first = true;
    for (auto it = state.props.cbegin(); it != state.props.cend(); ++it) {
        if (!first)
            out.raw(",");
        first = false;
        out.string(it.key());
        out.raw(":[");
        out.integer(it->stamp.ts);
        out.raw(",");
        out.string(it->stamp.cuid);
        out.raw("]");
    }
    out.raw("}}");
    return out.take();
}

QByteArray encodeRevoke(qint64 seq, const QString &oid)
{
    JsonWriter out(64 + oid.size());
    out.raw(R"({"type":"revoke","seq":)");
    out.integer(seq);
    out.raw(R"(,"oid":)");
    out.string(oid);
    out.raw("}");
    return out.take();
}

QByteArray encodeReset(qint64 seq)
{
    return encodeTypeWithSeq(R"({"type":"reset","seq":)", seq);
}

QByteArray encodeSynced(qint64 seq)
{
    return encodeTypeWithSeq(R"({"type":"synced","seq":)", seq);
}

QByteArray encodeError(ErrorCode code, const QString &message, const QString &oid)
{
    JsonWriter out(96 + message.size() + oid.size());
    out.raw(R"({"type":"error","code":)");
    out.string(errorCodeName(code));
    if (!oid.isEmpty()) {
        out.raw(R"(,"oid":)");
        out.string(oid);
    }
    out.raw(R"(,"message":)");
    out.string(message);
    out.raw("}");
    return out.take();
}

QByteArray encodeRetryLater(ErrorCode code, const QString &message, qint64 retryAfterMs)
{
    JsonWriter out(112 + message.size());
    out.raw(R"({"type":"error","code":)");
    out.string(errorCodeName(code));
    out.raw(R"(,"message":)");
    out.string(message);
    out.raw(R"(,"retryAfterMs":)");
    out.integer(retryAfterMs);
    out.raw("}");
    return out.take();
}

QByteArray encodeShared(const QString &oid, qint64 seq)
{
    JsonWriter out(64 + oid.size());
    out.raw(R"({"type":"shared","oid":)");
    out.string(oid);
    out.raw(R"(,"seq":)");
    out.integer(seq);
    out.raw("}");
    return out.take();
}

QByteArray encodePong(qint64 serverTime)
{
    JsonWriter out(48);
    out.raw(R"({"type":"pong","serverTime":)");
    out.integer(serverTime);
    out.raw("}");
    return out.take();
}

// ---- client messages ----

QByteArray encodeHello(const Hello &hello)
{
    JsonWriter out(160 + hello.token.size());
    out.raw(R"({"type":"hello","protocol":)");
    out.integer(hello.protocol);
    out.raw(R"(,"cuid":)");
    out.string(hello.cuid);
    out.raw(R"(,"since":)");
    out.integer(hello.since);
    if (hello.method == AuthMethod::Jwt) {
        out.raw(R"(,"auth":{"method":"jwt","token":)");
        out.string(hello.token);
    } else {
        out.raw(R"(,"auth":{"method":"password","username":)");
        out.string(hello.username);
        out.raw(R"(,"password":)");
        out.string(hello.password);
    }
    out.raw("}}");
    return out.take();
}

QByteArray encodeClientDispatch(const ClientDispatch &dispatch)
{
    JsonWriter out(160 + 48 * dispatch.props.size());
    out.raw(R"({"type":"dispatch","id":)");
    out.string(dispatch.id);
    out.raw(R"(,"oid":)");
    out.string(dispatch.oid);
    out.raw(R"(,"ts":)");
    out.integer(dispatch.ts);
    if (dispatch.op == DispatchOp::Delete)
        out.raw(R"(,"op":"delete")");
    if (!dispatch.kind.isEmpty()) {
        out.raw(R"(,"kind":)");
        out.string(dispatch.kind);
    }
    if (!dispatch.parent.isEmpty()) {
        out.raw(R"(,"parent":)");
        out.string(dispatch.parent);
    }
    writeAccess(out, dispatch.access);
    // A delete carries no props (PROTOCOL.md 9.9); a put always does.
    if (dispatch.op == DispatchOp::Put) {
        out.raw(R"(,"props":)");
        out.object(dispatch.props);
    }
    out.raw("}");
    return out.take();
}

QByteArray encodeUploadEnd()
{
    return QByteArrayLiteral(R"({"type":"uploadEnd"})");
}

QByteArray encodeClientAck(qint64 seq)
{
    return encodeTypeWithSeq(R"({"type":"ack","seq":)", seq);
}

QByteArray encodeShare(const Share &share)
{
    JsonWriter out(64 + share.oid.size() + 24 * (share.grant.size() + share.revoke.size()));
    out.raw(R"({"type":"share","oid":)");
    out.string(share.oid);
    if (!share.grant.isEmpty()) {
        out.raw(R"(,"grant":)");
        out.stringArray(share.grant);
    }
    if (!share.revoke.isEmpty()) {
        out.raw(R"(,"revoke":)");
        out.stringArray(share.revoke);
    }
    writeAccess(out, share.access);
    out.raw("}");
    return out.take();
}

QByteArray encodePing()
{
    return QByteArrayLiteral(R"({"type":"ping"})");
}

} // namespace seneschal::protocol
