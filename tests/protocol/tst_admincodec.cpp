// Tests of the admin codec (PROTOCOL.md section 10): every request survives
// encodeRequest -> parseAdminClientMessage, each validation rule maps to the
// right error and keeps the req it could read, the server's messages survive
// encode -> parseAdminServerMessage, and the client parser tolerates what a
// newer server may add.

#include "adminmessagetools.h"
#include "protocol/admincodec.h"
#include "protocol/codec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace seneschal;
using namespace seneschal::protocol;
using namespace seneschal::protocol::admin;
using seneschal::protocol::admin::testing::describe;
using seneschal::protocol::admin::testing::sameRequest;
using seneschal::protocol::admin::testing::sameServerMessage;

namespace {

// QTest data columns need a metatype; the wrappers keep QMetaType from
// looking for an operator== the message structs do not have.
struct RequestCase
{
    Request request;
};
struct ServerCase
{
    QByteArray json;
    AdminServerMessage message;
};

QJsonObject objectOf(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("test data is not a JSON object: %s", json.constData());
    return document.object();
}

QJsonArray arrayOf(const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    if (!document.isArray())
        qFatal("test data is not a JSON array: %s", json.constData());
    return document.array();
}

std::variant<AdminClientMessage, AdminParseError> parse(const QByteArray &json,
                                                        const Limits &limits = {})
{
    return parseAdminClientMessage(json, limits);
}

// The request a frame parses to; fails the test otherwise.
std::optional<Request> requestOf(const QByteArray &json)
{
    const auto result = parse(json);
    if (!std::holds_alternative<AdminClientMessage>(result))
        return std::nullopt;
    const auto &message = std::get<AdminClientMessage>(result);
    if (!std::holds_alternative<Request>(message))
        return std::nullopt;
    return std::get<Request>(message);
}

QString repeated(QChar c, int count)
{
    return QString(count, c);
}

Request requestWith(const QString &req, RequestBody body)
{
    return Request{req, std::move(body)};
}

} // namespace

Q_DECLARE_METATYPE(RequestCase)
Q_DECLARE_METATYPE(ServerCase)

class TestAdminCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requests_round_trip_data();
    void requests_round_trip();
    void protocol_examples_parse_data();
    void protocol_examples_parse();
    void hello_and_ping_follow_the_device_rules();
    void validation_rules_data();
    void validation_rules();
    void page_limit_defaults_and_clamps_data();
    void page_limit_defaults_and_clamps();
    void after_may_be_an_integer_or_a_string_data();
    void after_may_be_an_integer_or_a_string();
    void unknown_members_are_ignored();
    void duplicate_topics_are_one_subscription();
    void password_is_read_only_where_it_means_something();
    void message_size_limit_applies();
    void nesting_limit_keeps_the_req();
    void server_messages_round_trip_data();
    void server_messages_round_trip();
    void server_messages_encode_byte_exact_data();
    void server_messages_encode_byte_exact();
    void client_parser_tolerates_unknown_members();
    void client_parser_reads_welcome_as_on_v1();
    void client_parser_reports_what_it_cannot_read_data();
    void client_parser_reports_what_it_cannot_read();
    void unknown_error_code_still_answers_its_req();
    void resync_skips_unknown_topics();
    void topic_names_and_keys();
    void op_names();
};

// ---- requests ----

void TestAdminCodec::requests_round_trip_data()
{
    QTest::addColumn<RequestCase>("input");

    QTest::newRow("subscribe_one") << RequestCase{requestWith(u"1"_s, Subscribe{{Topic::Devices}})};
    QTest::newRow("subscribe_all") << RequestCase{requestWith(
        u"r-2"_s,
        Subscribe{{Topic::Devices, Topic::Stats, Topic::History, Topic::Access, Topic::Audit}})};
    QTest::newRow("unsubscribe") << RequestCase{
        requestWith(u"3"_s, Unsubscribe{{Topic::Stats, Topic::Audit}})};

    QTest::newRow("queue_first_page")
        << RequestCase{requestWith(u"q"_s, QueueQuery{u"dev-7f3a"_s, Page{}})};
    QTest::newRow("queue_numeric_after")
        << RequestCase{requestWith(u"q"_s, QueueQuery{u"dev-7f3a"_s, Page{1000, u"4711"_s}})};
    QTest::newRow("queue_max_safe_after")
        << RequestCase{requestWith(u"q"_s, QueueQuery{u"dev-1"_s, Page{1, u"9007199254740992"_s}})};
    QTest::newRow("queue_text_after")
        << RequestCase{requestWith(u"q"_s, QueueQuery{u"dev-1"_s, Page{5, u"4711:ob1"_s}})};
    QTest::newRow("queue_digits_with_leading_zero_stay_text")
        << RequestCase{requestWith(u"q"_s, QueueQuery{u"dev-1"_s, Page{5, u"007"_s}})};
    QTest::newRow("queue_number_above_2^53_stays_text")
        << RequestCase{requestWith(u"q"_s, QueueQuery{u"dev-1"_s, Page{5, u"9007199254740993"_s}})};

    QTest::newRow("history_no_filter") << RequestCase{requestWith(u"h"_s, HistoryQuery{})};
    QTest::newRow("history_every_filter")
        << RequestCase{requestWith(u"h"_s, HistoryQuery{u"ob1"_s, u"dev-01bc"_s, 1764054000000,
                                                        1764055800000, Page{50, u"812"_s}})};
    QTest::newRow("history_from_zero")
        << RequestCase{requestWith(u"h"_s, HistoryQuery{{}, {}, 0, std::nullopt, Page{}})};

    QTest::newRow("object") << RequestCase{requestWith(u"o"_s, ObjectQuery{u"list-9"_s})};
    QTest::newRow("objects_no_filter") << RequestCase{requestWith(u"os"_s, ObjectsQuery{})};
    QTest::newRow("objects_every_filter") << RequestCase{requestWith(
        u"os"_s, ObjectsQuery{u"alice"_s, u"list"_s, u"list-"_s, Page{10, u"list-42"_s}})};
    QTest::newRow("objects_unicode_owner")
        << RequestCase{requestWith(u"os"_s, ObjectsQuery{u"ünïcødé 😀"_s, {}, {}, Page{}})};

    QTest::newRow("users") << RequestCase{requestWith(u"u"_s, UsersQuery{})};
    QTest::newRow("groups") << RequestCase{requestWith(u"g"_s, GroupsQuery{})};
    QTest::newRow("disconnect") << RequestCase{requestWith(u"d"_s, Disconnect{u"dev-7f3a"_s})};
    QTest::newRow("expire") << RequestCase{requestWith(u"e"_s, Expire{u"A.b_c:d-9"_s})};

    Share share;
    share.oid = u"list-9"_s;
    share.grant = {u"user:bob"_s, u"group:family"_s};
    share.revoke = {u"user:carol"_s};
    QTest::newRow("share_grant_revoke") << RequestCase{requestWith(u"s"_s, AdminShare{share})};
    Share publicShare;
    publicShare.oid = u"list-9"_s;
    publicShare.access = engine::Access::Public;
    QTest::newRow("share_access") << RequestCase{requestWith(u"s"_s, AdminShare{publicShare})};

    QTest::newRow("user_add_without_password")
        << RequestCase{requestWith(u"ua"_s, UserAction{UserOp::Add, u"bob"_s, {}})};
    QTest::newRow("user_add_with_password") << RequestCase{
        requestWith(u"ua"_s, UserAction{UserOp::Add, u"bob"_s, u"s3cret \"q\" \\ é"_s})};
    QTest::newRow("user_passwd") << RequestCase{
        requestWith(u"up"_s, UserAction{UserOp::Passwd, u"bob"_s, u"n3w"_s})};
    QTest::newRow("user_disable") << RequestCase{
        requestWith(u"ud"_s, UserAction{UserOp::Disable, u"bob"_s, {}})};
    QTest::newRow("user_enable") << RequestCase{
        requestWith(u"ue"_s, UserAction{UserOp::Enable, u"bob"_s, {}})};

    QTest::newRow("group_add") << RequestCase{
        requestWith(u"ga"_s, GroupAction{GroupOp::Add, u"family"_s, {}})};
    QTest::newRow("group_remove") << RequestCase{
        requestWith(u"gr"_s, GroupAction{GroupOp::Remove, u"family"_s, {}})};
    QTest::newRow("group_member_add") << RequestCase{
        requestWith(u"gm"_s, GroupAction{GroupOp::MemberAdd, u"family"_s, u"bob"_s})};
    QTest::newRow("group_member_remove") << RequestCase{
        requestWith(u"gm"_s, GroupAction{GroupOp::MemberRemove, u"family"_s, u"bob"_s})};

    QTest::newRow("req_of_64_characters")
        << RequestCase{requestWith(repeated(u'x', 64), UsersQuery{})};
    QTest::newRow("req_of_64_surrogate_pairs")
        << RequestCase{requestWith(QString(u"😀"_s).repeated(64), UsersQuery{})};
    QTest::newRow("req_with_quotes_and_unicode")
        << RequestCase{requestWith(u"\"é\\ 用\n"_s, UsersQuery{})};
}

void TestAdminCodec::requests_round_trip()
{
    QFETCH(RequestCase, input);
    const QByteArray json = encodeRequest(input.request);
    const auto result = parse(json);
    const auto *message = std::get_if<AdminClientMessage>(&result);
    QVERIFY2(message, describe(result).constData());
    const auto *request = std::get_if<Request>(message);
    QVERIFY2(request, describe(result).constData());
    QVERIFY2(sameRequest(*request, input.request),
             QByteArray(json + " -> " + describe(result)).constData());
    // Compact (Qt's compact form sorts the members but is as long), type first.
    QVERIFY(json.startsWith("{\"type\":"));
    QCOMPARE(QJsonDocument::fromJson(json).toJson(QJsonDocument::Compact).size(), json.size());
}

// The literal examples of section 10, as a console would write them.
void TestAdminCodec::protocol_examples_parse_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("req");

    QTest::newRow("subscribe")
        << QByteArray(R"({"type":"subscribe","req":"1","topics":["devices","stats"]})") << u"1"_s;
    QTest::newRow("unsubscribe") << QByteArray(
                                        R"({"type":"unsubscribe","req":"2","topics":["history"]})")
                                 << u"2"_s;
    QTest::newRow("queue")
        << QByteArray(R"({"type":"queue","req":"3","cuid":"dev-7f3a","limit":100,"after":null})")
        << u"3"_s;
    QTest::newRow("history")
        << QByteArray(
               R"({"type":"history","req":"4","oid":"ob1","cuid":null,"fromMs":1764054000000,)"
               R"("toMs":null,"limit":20,"after":77})")
        << u"4"_s;
    QTest::newRow("object") << QByteArray(R"({"type":"object","req":"5","oid":"ob1"})") << u"5"_s;
    QTest::newRow("objects")
        << QByteArray(
               R"({"type":"objects","req":"6","owner":"alice","kind":"list","prefix":"list-",)"
               R"("limit":1000,"after":"list-3"})")
        << u"6"_s;
    QTest::newRow("disconnect") << QByteArray(
                                       R"({"type":"disconnect","req":"7","cuid":"dev-7f3a"})")
                                << u"7"_s;
    QTest::newRow("expire") << QByteArray(R"({"type":"expire","req":"8","cuid":"dev-7f3a"})")
                            << u"8"_s;
    QTest::newRow("share")
        << QByteArray(
               R"({"type":"share","req":"9","oid":"list-9","grant":["user:bob","group:family"],)"
               R"("revoke":["user:carol"]})")
        << u"9"_s;
    QTest::newRow("share_access")
        << QByteArray(R"({"type":"share","req":"10","oid":"list-9","access":"public"})") << u"10"_s;
    QTest::newRow("user")
        << QByteArray(R"({"type":"user","req":"11","op":"add","name":"bob","password":"pw"})")
        << u"11"_s;
    QTest::newRow("group")
        << QByteArray(
               R"({"type":"group","req":"12","op":"member-add","group":"family","name":"bob"})")
        << u"12"_s;
    QTest::newRow("users") << QByteArray(R"({"type":"users","req":"13"})") << u"13"_s;
    QTest::newRow("groups") << QByteArray(R"({"type":"groups","req":"14"})") << u"14"_s;
}

void TestAdminCodec::protocol_examples_parse()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, req);
    const auto request = requestOf(json);
    QVERIFY2(request, describe(parse(json)).constData());
    QCOMPARE(request->req, req);
}

void TestAdminCodec::hello_and_ping_follow_the_device_rules()
{
    const QByteArray helloJson =
        R"({"type":"hello","protocol":1,"cuid":"console-1","since":0,)"
        R"("auth":{"method":"password","username":"admin","password":"pw"}})";
    auto result = parse(helloJson);
    QVERIFY2(std::holds_alternative<AdminClientMessage>(result), describe(result).constData());
    const auto *hello = std::get_if<Hello>(&std::get<AdminClientMessage>(result));
    QVERIFY(hello);
    QCOMPARE(hello->cuid, u"console-1"_s);
    QCOMPARE(hello->username, u"admin"_s);

    const QByteArray jwtJson = R"({"type":"hello","protocol":1,"cuid":"console-1",)"
                               R"("auth":{"method":"jwt","token":"eyJ.x.y"}})";
    result = parse(jwtJson);
    QVERIFY2(std::holds_alternative<AdminClientMessage>(result), describe(result).constData());
    QCOMPARE(std::get<Hello>(std::get<AdminClientMessage>(result)).token, u"eyJ.x.y"_s);

    result = parse(R"({"type":"ping"})");
    QVERIFY(std::holds_alternative<AdminClientMessage>(result));
    QVERIFY(std::holds_alternative<Ping>(std::get<AdminClientMessage>(result)));

    // A hello's error is the device parser's, addressed to no request.
    result = parse(R"({"type":"hello","req":"1","protocol":2,"cuid":"c","auth":{}})");
    const auto *error = std::get_if<AdminParseError>(&result);
    QVERIFY(error);
    QCOMPARE(error->code, ErrorCode::Invalid);
    QVERIFY(error->req.isEmpty());
    QVERIFY2(error->message.contains(u"protocol"_s), qPrintable(error->message));
}

// Each rule of section 10 and of the brief: the code, and the req the error
// answers (empty when it could not be read).
void TestAdminCodec::validation_rules_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("req");
    QTest::addColumn<QString>("mentions"); // a word the message must contain

    const int invalid = int(ErrorCode::Invalid);
    const QString none;

    // ---- the frame
    QTest::newRow("malformed_json") << QByteArray("{\"type\":") << invalid << none << u"JSON"_s;
    QTest::newRow("not_an_object") << QByteArray("[1,2]") << invalid << none << u"object"_s;
    QTest::newRow("type_missing") << QByteArray(R"({"req":"1"})") << invalid << none << u"type"_s;
    QTest::newRow("type_not_a_string")
        << QByteArray(R"({"type":7,"req":"1"})") << invalid << none << u"type"_s;
    QTest::newRow("type_unknown_with_req")
        << QByteArray(R"({"type":"reboot","req":"1"})") << invalid << u"1"_s << u"unknown"_s;
    QTest::newRow("type_unknown_without_req")
        << QByteArray(R"({"type":"reboot"})") << invalid << none << u"unknown"_s;
    QTest::newRow("device_message_on_admin_path")
        << QByteArray(R"({"type":"dispatch","req":"1","id":"d","oid":"o","ts":1,"props":{}})")
        << invalid << u"1"_s << u"unknown"_s;

    // ---- req
    QTest::newRow("req_missing") << QByteArray(R"({"type":"users"})") << invalid << none
                                 << u"req"_s;
    QTest::newRow("req_empty") << QByteArray(R"({"type":"users","req":""})") << invalid << none
                               << u"req"_s;
    QTest::newRow("req_65_characters")
        << (R"({"type":"users","req":")" + QByteArray(65, 'x') + R"("})") << invalid << none
        << u"req"_s;
    QTest::newRow("req_a_number") << QByteArray(R"({"type":"users","req":1})") << invalid << none
                                  << u"req"_s;
    QTest::newRow("req_null") << QByteArray(R"({"type":"users","req":null})") << invalid << none
                              << u"req"_s;

    // ---- subscribe / unsubscribe
    QTest::newRow("topics_missing")
        << QByteArray(R"({"type":"subscribe","req":"s"})") << invalid << u"s"_s << u"topics"_s;
    QTest::newRow("topics_empty") << QByteArray(R"({"type":"subscribe","req":"s","topics":[]})")
                                  << invalid << u"s"_s << u"topics"_s;
    QTest::newRow("topics_not_an_array")
        << QByteArray(R"({"type":"subscribe","req":"s","topics":"devices"})") << invalid << u"s"_s
        << u"topics"_s;
    QTest::newRow("topic_unknown")
        << QByteArray(R"({"type":"subscribe","req":"s","topics":["devices","weather"]})") << invalid
        << u"s"_s << u"weather"_s;
    QTest::newRow("topic_not_a_string")
        << QByteArray(R"({"type":"unsubscribe","req":"s","topics":[1]})") << invalid << u"s"_s
        << u"topics"_s;
    QTest::newRow("topic_wrong_case")
        << QByteArray(R"({"type":"unsubscribe","req":"s","topics":["Devices"]})") << invalid
        << u"s"_s << u"Devices"_s;

    // ---- pages
    QTest::newRow("limit_zero") << QByteArray(R"({"type":"queue","req":"q","cuid":"c","limit":0})")
                                << invalid << u"q"_s << u"limit"_s;
    QTest::newRow("limit_negative")
        << QByteArray(R"({"type":"queue","req":"q","cuid":"c","limit":-5})") << invalid << u"q"_s
        << u"limit"_s;
    QTest::newRow("limit_fraction") << QByteArray(R"({"type":"objects","req":"q","limit":2.5})")
                                    << invalid << u"q"_s << u"limit"_s;
    QTest::newRow("limit_a_string") << QByteArray(R"({"type":"history","req":"q","limit":"10"})")
                                    << invalid << u"q"_s << u"limit"_s;
    QTest::newRow("after_empty_string") << QByteArray(R"({"type":"history","req":"q","after":""})")
                                        << invalid << u"q"_s << u"after"_s;
    QTest::newRow("after_negative") << QByteArray(R"({"type":"history","req":"q","after":-1})")
                                    << invalid << u"q"_s << u"after"_s;
    QTest::newRow("after_fraction") << QByteArray(R"({"type":"history","req":"q","after":1.5})")
                                    << invalid << u"q"_s << u"after"_s;
    QTest::newRow("after_an_object") << QByteArray(R"({"type":"history","req":"q","after":{}})")
                                     << invalid << u"q"_s << u"after"_s;
    QTest::newRow("after_a_boolean") << QByteArray(R"({"type":"history","req":"q","after":true})")
                                     << invalid << u"q"_s << u"after"_s;

    // ---- identifiers
    QTest::newRow("queue_cuid_missing")
        << QByteArray(R"({"type":"queue","req":"q"})") << invalid << u"q"_s << u"cuid"_s;
    QTest::newRow("queue_cuid_bad_character")
        << QByteArray(R"({"type":"queue","req":"q","cuid":"dev 1"})") << invalid << u"q"_s
        << u"cuid"_s;
    QTest::newRow("queue_cuid_65_characters")
        << (R"({"type":"queue","req":"q","cuid":")" + QByteArray(65, 'c') + R"("})") << invalid
        << u"q"_s << u"cuid"_s;
    QTest::newRow("disconnect_cuid_missing")
        << QByteArray(R"({"type":"disconnect","req":"d"})") << invalid << u"d"_s << u"cuid"_s;
    QTest::newRow("disconnect_cuid_a_number")
        << QByteArray(R"({"type":"disconnect","req":"d","cuid":7})") << invalid << u"d"_s
        << u"cuid"_s;
    QTest::newRow("expire_cuid_empty")
        << QByteArray(R"({"type":"expire","req":"e","cuid":""})") << invalid << u"e"_s << u"cuid"_s;
    QTest::newRow("object_oid_missing")
        << QByteArray(R"({"type":"object","req":"o"})") << invalid << u"o"_s << u"oid"_s;
    QTest::newRow("object_oid_129_characters")
        << (R"({"type":"object","req":"o","oid":")" + QByteArray(129, 'o') + R"("})") << invalid
        << u"o"_s << u"oid"_s;
    QTest::newRow("object_oid_slash") << QByteArray(R"({"type":"object","req":"o","oid":"a/b"})")
                                      << invalid << u"o"_s << u"oid"_s;

    // ---- history filters
    QTest::newRow("history_oid_invalid")
        << QByteArray(R"({"type":"history","req":"h","oid":"a b"})") << invalid << u"h"_s
        << u"oid"_s;
    QTest::newRow("history_oid_empty")
        << QByteArray(R"({"type":"history","req":"h","oid":""})") << invalid << u"h"_s << u"oid"_s;
    QTest::newRow("history_cuid_a_number")
        << QByteArray(R"({"type":"history","req":"h","cuid":5})") << invalid << u"h"_s << u"cuid"_s;
    QTest::newRow("history_fromMs_a_string")
        << QByteArray(R"({"type":"history","req":"h","fromMs":"1764054000000"})") << invalid
        << u"h"_s << u"fromMs"_s;
    QTest::newRow("history_toMs_fraction")
        << QByteArray(R"({"type":"history","req":"h","toMs":1.5})") << invalid << u"h"_s
        << u"toMs"_s;
    QTest::newRow("history_toMs_negative")
        << QByteArray(R"({"type":"history","req":"h","toMs":-1})") << invalid << u"h"_s
        << u"toMs"_s;
    QTest::newRow("history_fromMs_above_2^53")
        << QByteArray(R"({"type":"history","req":"h","fromMs":9007199254740993})") << invalid
        << u"h"_s << u"fromMs"_s;

    // ---- objects filters
    QTest::newRow("objects_owner_a_number")
        << QByteArray(R"({"type":"objects","req":"os","owner":1})") << invalid << u"os"_s
        << u"owner"_s;
    QTest::newRow("objects_owner_empty")
        << QByteArray(R"({"type":"objects","req":"os","owner":""})") << invalid << u"os"_s
        << u"owner"_s;
    QTest::newRow("objects_kind_65_characters")
        << (R"({"type":"objects","req":"os","kind":")" + QByteArray(65, 'k') + R"("})") << invalid
        << u"os"_s << u"kind"_s;
    QTest::newRow("objects_prefix_bad_character")
        << QByteArray(R"({"type":"objects","req":"os","prefix":"list 9"})") << invalid << u"os"_s
        << u"prefix"_s;

    // ---- share (section 4's rules)
    QTest::newRow("share_changes_nothing")
        << QByteArray(R"({"type":"share","req":"s","oid":"list-9"})") << invalid << u"s"_s
        << u"grant"_s;
    QTest::newRow("share_empty_grant_and_revoke")
        << QByteArray(R"({"type":"share","req":"s","oid":"list-9","grant":[],"revoke":[]})")
        << invalid << u"s"_s << u"grant"_s;
    QTest::newRow("share_oid_missing")
        << QByteArray(R"({"type":"share","req":"s","grant":["user:bob"]})") << invalid << u"s"_s
        << u"oid"_s;
    QTest::newRow("share_bad_principal")
        << QByteArray(R"({"type":"share","req":"s","oid":"l","grant":["bob"]})") << invalid
        << u"s"_s << u"grant"_s;
    QTest::newRow("share_empty_principal_name")
        << QByteArray(R"({"type":"share","req":"s","oid":"l","revoke":["group:"]})") << invalid
        << u"s"_s << u"revoke"_s;
    QTest::newRow("share_bad_access")
        << QByteArray(R"({"type":"share","req":"s","oid":"l","access":"secret"})") << invalid
        << u"s"_s << u"access"_s;
    QTest::newRow("share_without_req")
        << QByteArray(R"({"type":"share","oid":"l","access":"public"})") << invalid << none
        << u"req"_s;

    // ---- user
    QTest::newRow("user_op_missing")
        << QByteArray(R"({"type":"user","req":"u","name":"bob"})") << invalid << u"u"_s << u"op"_s;
    QTest::newRow("user_op_unknown")
        << QByteArray(R"({"type":"user","req":"u","op":"delete","name":"bob"})") << invalid
        << u"u"_s << u"op"_s;
    QTest::newRow("user_name_missing")
        << QByteArray(R"({"type":"user","req":"u","op":"add"})") << invalid << u"u"_s << u"name"_s;
    QTest::newRow("user_name_empty")
        << QByteArray(R"({"type":"user","req":"u","op":"disable","name":""})") << invalid << u"u"_s
        << u"name"_s;
    QTest::newRow("user_name_257_characters")
        << (R"({"type":"user","req":"u","op":"enable","name":")" + QByteArray(257, 'n') + R"("})")
        << invalid << u"u"_s << u"name"_s;
    QTest::newRow("user_passwd_without_password")
        << QByteArray(R"({"type":"user","req":"u","op":"passwd","name":"bob"})") << invalid
        << u"u"_s << u"password"_s;
    QTest::newRow("user_passwd_null_password")
        << QByteArray(R"({"type":"user","req":"u","op":"passwd","name":"bob","password":null})")
        << invalid << u"u"_s << u"password"_s;
    QTest::newRow("user_passwd_empty_password")
        << QByteArray(R"({"type":"user","req":"u","op":"passwd","name":"bob","password":""})")
        << invalid << u"u"_s << u"password"_s;
    QTest::newRow("user_add_password_a_number")
        << QByteArray(R"({"type":"user","req":"u","op":"add","name":"bob","password":1234})")
        << invalid << u"u"_s << u"password"_s;

    // ---- group
    QTest::newRow("group_op_missing")
        << QByteArray(R"({"type":"group","req":"g","group":"family"})") << invalid << u"g"_s
        << u"op"_s;
    QTest::newRow("group_op_unknown")
        << QByteArray(R"({"type":"group","req":"g","op":"rename","group":"family"})") << invalid
        << u"g"_s << u"op"_s;
    QTest::newRow("group_group_missing") << QByteArray(R"({"type":"group","req":"g","op":"add"})")
                                         << invalid << u"g"_s << u"group"_s;
    QTest::newRow("group_group_129_characters")
        << (R"({"type":"group","req":"g","op":"remove","group":")" + QByteArray(129, 'g') + R"("})")
        << invalid << u"g"_s << u"group"_s;
    QTest::newRow("group_member_add_without_name")
        << QByteArray(R"({"type":"group","req":"g","op":"member-add","group":"family"})") << invalid
        << u"g"_s << u"name"_s;
    QTest::newRow("group_member_remove_name_empty")
        << QByteArray(
               R"({"type":"group","req":"g","op":"member-remove","group":"family","name":""})")
        << invalid << u"g"_s << u"name"_s;
}

void TestAdminCodec::validation_rules()
{
    QFETCH(QByteArray, json);
    QFETCH(int, code);
    QFETCH(QString, req);
    QFETCH(QString, mentions);
    const auto result = parse(json);
    const auto *error = std::get_if<AdminParseError>(&result);
    QVERIFY2(error, describe(result).constData());
    QCOMPARE(int(error->code), code);
    QCOMPARE(error->req, req);
    QVERIFY2(error->message.contains(mentions), qPrintable(error->message));
}

void TestAdminCodec::page_limit_defaults_and_clamps_data()
{
    QTest::addColumn<QByteArray>("limitMember");
    QTest::addColumn<int>("limit");

    QTest::newRow("absent") << QByteArray() << kDefaultPageLimit;
    QTest::newRow("null") << QByteArray(R"(,"limit":null)") << kDefaultPageLimit;
    QTest::newRow("one") << QByteArray(R"(,"limit":1)") << 1;
    QTest::newRow("thousand") << QByteArray(R"(,"limit":1000)") << 1000;
    QTest::newRow("thousand_and_one_clamped") << QByteArray(R"(,"limit":1001)") << kMaxPageLimit;
    QTest::newRow("huge_clamped") << QByteArray(R"(,"limit":9007199254740992)") << kMaxPageLimit;
    QTest::newRow("written_as_float") << QByteArray(R"(,"limit":50.0)") << 50;
}

void TestAdminCodec::page_limit_defaults_and_clamps()
{
    QFETCH(QByteArray, limitMember);
    QFETCH(int, limit);
    for (const QByteArray &head : {QByteArray(R"({"type":"queue","req":"q","cuid":"c")"),
                                   QByteArray(R"({"type":"history","req":"q")"),
                                   QByteArray(R"({"type":"objects","req":"q")")}) {
        const QByteArray json = head + limitMember + "}";
        const auto request = requestOf(json);
        QVERIFY2(request, describe(parse(json)).constData());
        const Page page = std::visit(
            [](const auto &body) -> Page {
                using T = std::decay_t<decltype(body)>;
                if constexpr (std::is_same_v<T, QueueQuery> || std::is_same_v<T, HistoryQuery> ||
                              std::is_same_v<T, ObjectsQuery>)
                    return body.page;
                else
                    return Page{-1, {}};
            },
            request->body);
        QCOMPARE(page.limit, limit);
        QVERIFY(page.after.isEmpty());
    }
}

void TestAdminCodec::after_may_be_an_integer_or_a_string_data()
{
    QTest::addColumn<QByteArray>("after");
    QTest::addColumn<QString>("text");

    QTest::newRow("absent") << QByteArray() << QString();
    QTest::newRow("null") << QByteArray("null") << QString();
    QTest::newRow("zero") << QByteArray("0") << u"0"_s;
    QTest::newRow("integer") << QByteArray("4711") << u"4711"_s;
    QTest::newRow("max_safe_integer") << QByteArray("9007199254740992") << u"9007199254740992"_s;
    QTest::newRow("integer_written_as_float") << QByteArray("12.0") << u"12"_s;
    QTest::newRow("string") << QByteArray(R"("list-3")") << u"list-3"_s;
    QTest::newRow("numeric_string") << QByteArray(R"("4711")") << u"4711"_s;
    QTest::newRow("unicode_string") << QByteArray(R"("ünï 😀")") << u"ünï 😀"_s;
}

void TestAdminCodec::after_may_be_an_integer_or_a_string()
{
    QFETCH(QByteArray, after);
    QFETCH(QString, text);
    QByteArray json = R"({"type":"queue","req":"q","cuid":"c")";
    if (!after.isEmpty())
        json += R"(,"after":)" + after;
    json += "}";
    const auto request = requestOf(json);
    QVERIFY2(request, describe(parse(json)).constData());
    QCOMPARE(std::get<QueueQuery>(request->body).page.after, text);
}

void TestAdminCodec::unknown_members_are_ignored()
{
    const auto request =
        requestOf(R"({"type":"expire","req":"e","cuid":"dev-1","reason":"lost","extra":[1,{}]})");
    QVERIFY(request);
    QCOMPARE(std::get<Expire>(request->body).cuid, u"dev-1"_s);

    // The extension queries have no members of their own, and ignore others'.
    const auto users = requestOf(R"({"type":"users","req":"u","limit":5,"name":"bob"})");
    QVERIFY(users);
    QVERIFY(std::holds_alternative<UsersQuery>(users->body));
}

void TestAdminCodec::duplicate_topics_are_one_subscription()
{
    const auto request =
        requestOf(R"({"type":"subscribe","req":"1","topics":["stats","devices","stats"]})");
    QVERIFY(request);
    const QList<Topic> expected{Topic::Stats, Topic::Devices};
    QCOMPARE(std::get<Subscribe>(request->body).topics, expected);
}

void TestAdminCodec::password_is_read_only_where_it_means_something()
{
    // disable and enable take no password: it is not carried past the parser.
    const auto disable =
        requestOf(R"({"type":"user","req":"u","op":"disable","name":"bob","password":"pw"})");
    QVERIFY(disable);
    QVERIFY(std::get<UserAction>(disable->body).password.isEmpty());
    // add without one is fine (the server may create a user who logs in by LDAP or JWT).
    const auto add = requestOf(R"({"type":"user","req":"u","op":"add","name":"bob"})");
    QVERIFY(add);
    QVERIFY(std::get<UserAction>(add->body).password.isEmpty());
    // A name on a group add or remove is ignored, not an error.
    const auto group =
        requestOf(R"({"type":"group","req":"g","op":"add","group":"family","name":"bob"})");
    QVERIFY(group);
    QVERIFY(std::get<GroupAction>(group->body).name.isEmpty());
}

void TestAdminCodec::message_size_limit_applies()
{
    Limits limits;
    limits.maxMessageBytes = 64;
    const QByteArray json = R"({"type":"object","req":"o","oid":")" + QByteArray(40, 'o') + R"("})";
    QVERIFY(json.size() > 64);
    const auto result = parse(json, limits);
    const auto *error = std::get_if<AdminParseError>(&result);
    QVERIFY(error);
    QCOMPARE(error->code, ErrorCode::TooLarge);
    QVERIFY(error->req.isEmpty()); // not read: reading it would mean parsing
    // The same frame under the default limits is fine.
    QVERIFY(requestOf(json));
}

void TestAdminCodec::nesting_limit_keeps_the_req()
{
    Limits limits;
    limits.maxDepth = 4;
    const QByteArray deep = R"({"type":"expire","req":"e","cuid":"c","x":[[[[1]]]]})";
    auto result = parse(deep, limits);
    auto *error = std::get_if<AdminParseError>(&result);
    QVERIFY(error);
    QCOMPARE(error->code, ErrorCode::TooLarge); // a limit of PROTOCOL.md 9.8
    QCOMPARE(error->req, u"e"_s);
    QVERIFY2(error->message.contains(u"nesting"_s), qPrintable(error->message));

    const QByteArray shallow = R"({"type":"expire","req":"e","cuid":"c","x":[[1]]})";
    result = parse(shallow, limits);
    QVERIFY2(std::holds_alternative<AdminClientMessage>(result), describe(result).constData());

    // A ping too deep is the device parser's error.
    result = parse(R"({"type":"ping","x":[[[[1]]]]})", limits);
    error = std::get_if<AdminParseError>(&result);
    QVERIFY(error);
    QVERIFY(error->req.isEmpty());
}

// ---- server messages ----

void TestAdminCodec::server_messages_round_trip_data()
{
    QTest::addColumn<ServerCase>("input");

    const QJsonArray deviceRows = arrayOf(
        R"([{"cuid":"dev-7f3a","uuid":"alice","online":true,"address":"10.0.0.7",)"
        R"("phase":"live","connectedAt":1764054000000,"lastSeen":1764054000500,"cursor":4711,)"
        R"("lag":3},{"cuid":"dev-01bc","uuid":"bob","online":false,"address":null,)"
        R"("phase":"offline","connectedAt":null,"lastSeen":1764000000000,"cursor":12,"lag":4702}])");
    QTest::newRow("snapshot_devices")
        << ServerCase{encodeSnapshot(u"1"_s, Topic::Devices, deviceRows),
                      AdminServerMessage{Snapshot{u"1"_s, Topic::Devices, deviceRows}}};
    QTest::newRow("snapshot_empty_history")
        << ServerCase{encodeSnapshot(u"r"_s, Topic::History, {}),
                      AdminServerMessage{Snapshot{u"r"_s, Topic::History, {}}}};

    const QJsonObject historyRow = objectOf(
        R"({"id":81,"seq":4712,"oid":"ob1","prop":"location","winner":{"value":"food court",)"
        R"("ts":1764055800000,"cuid":"dev-7f3a","id":"d-3"},"loser":{"value":"aisle",)"
        R"("ts":1764054000000,"cuid":"dev-01bc","id":"d-1"},"uploader":"dev-01bc","at":1})");
    QTest::newRow("event_upsert_history")
        << ServerCase{encodeEvent(Topic::History, EventOp::Upsert, historyRow),
                      AdminServerMessage{Event{Topic::History, EventOp::Upsert, historyRow}}};
    const QJsonObject device = objectOf(R"({"cuid":"dev-7f3a"})");
    QTest::newRow("event_remove_device")
        << ServerCase{encodeEvent(Topic::Devices, EventOp::Remove, device),
                      AdminServerMessage{Event{Topic::Devices, EventOp::Remove, device}}};
    const QJsonObject stats =
        objectOf(R"({"connections":3,"devices":10,"highestSeq":4712,"dispatchesPerSec":1.5,)"
                 R"("deliveriesPerSec":12.25,"uptimeMs":60000,"backend":"sqlite"})");
    QTest::newRow("event_stats") << ServerCase{
        encodeEvent(Topic::Stats, EventOp::Upsert, stats),
        AdminServerMessage{Event{Topic::Stats, EventOp::Upsert, stats}}};

    const QJsonArray queueRows =
        arrayOf(R"([{"seq":4713,"oid":"ob1","kind":"item","op":"dispatch"},)"
                R"({"seq":4714,"oid":"list-3","kind":"list","op":"revoke"}])");
    QTest::newRow("result_with_total_and_integer_next")
        << ServerCase{encodeResult(u"q"_s, queueRows, QJsonValue(4714), 9000),
                      AdminServerMessage{Result{u"q"_s, queueRows, QJsonValue(4714), 9000}}};
    QTest::newRow("result_last_page")
        << ServerCase{encodeResult(u"q"_s, queueRows, QJsonValue::Null),
                      AdminServerMessage{Result{u"q"_s, queueRows, QJsonValue::Null, {}}}};
    QTest::newRow("result_string_next") << ServerCase{
        encodeResult(u"os"_s, {}, QJsonValue(u"list-42"_s)),
        AdminServerMessage{Result{u"os"_s, {}, QJsonValue(u"list-42"_s), std::nullopt}}};
    QTest::newRow("result_total_zero")
        << ServerCase{encodeResult(u"q"_s, {}, QJsonValue::Null, 0),
                      AdminServerMessage{Result{u"q"_s, {}, QJsonValue::Null, 0}}};

    QTest::newRow("done") << ServerCase{encodeDone(u"d-1"_s), AdminServerMessage{Done{u"d-1"_s}}};
    QTest::newRow("error_with_req") << ServerCase{
        encodeAdminError(u"7"_s, ErrorCode::Forbidden, u"unknown cuid \"x\""_s),
        AdminServerMessage{AdminError{u"7"_s, ErrorCode::Forbidden, u"unknown cuid \"x\""_s}}};
    QTest::newRow("error_without_req") << ServerCase{
        encodeAdminError({}, ErrorCode::Invalid, u"type must be a string"_s),
        AdminServerMessage{AdminError{{}, ErrorCode::Invalid, u"type must be a string"_s}}};
    QTest::newRow("resync") << ServerCase{
        encodeResync({Topic::Devices, Topic::Audit}),
        AdminServerMessage{Resync{{Topic::Devices, Topic::Audit}}}};
    QTest::newRow("pong") << ServerCase{encodePong(1764054000456),
                                        AdminServerMessage{Pong{1764054000456}}};

    Welcome welcome;
    welcome.uuid = u"admin"_s;
    welcome.cuid = u"console-1"_s;
    welcome.groups = {u"admins"_s};
    welcome.admin = true;
    welcome.token = u"eyJ.a.b"_s;
    welcome.tokenExpires = 1766646000000;
    welcome.serverTime = 1764054000123;
    QTest::newRow("welcome") << ServerCase{encodeWelcome(welcome), AdminServerMessage{welcome}};
}

void TestAdminCodec::server_messages_round_trip()
{
    QFETCH(ServerCase, input);
    const auto parsed = parseAdminServerMessage(input.json);
    const auto *message = std::get_if<AdminServerMessage>(&parsed);
    // QVERIFY2 evaluates its description whether or not the check fails.
    QVERIFY2(message, message ? "" : qPrintable(std::get<QString>(parsed)));
    QVERIFY2(sameServerMessage(*message, input.message), input.json.constData());
    QCOMPARE(QJsonDocument::fromJson(input.json).toJson(QJsonDocument::Compact).size(),
             input.json.size());
}

void TestAdminCodec::server_messages_encode_byte_exact_data()
{
    QTest::addColumn<QByteArray>("actual");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("error_without_req")
        << encodeAdminError({}, ErrorCode::Invalid, u"bad"_s)
        << QByteArray(R"({"type":"error","code":"invalid","message":"bad"})");
    QTest::newRow("error_with_req")
        << encodeAdminError(u"4"_s, ErrorCode::Forbidden, u"no"_s)
        << QByteArray(R"({"type":"error","req":"4","code":"forbidden","message":"no"})");
    QTest::newRow("snapshot")
        << encodeSnapshot(u"1"_s, Topic::Stats, arrayOf(R"([{"connections":1}])"))
        << QByteArray(
               R"({"type":"snapshot","req":"1","topic":"stats","rows":[{"connections":1}]})");
    QTest::newRow("event_remove")
        << encodeEvent(Topic::Access, EventOp::Remove, objectOf(R"({"seq":5})"))
        << QByteArray(R"({"type":"event","topic":"access","op":"remove","row":{"seq":5}})");
    QTest::newRow("result_null_next_no_total")
        << encodeResult(u"h"_s, {}, QJsonValue::Null)
        << QByteArray(R"({"type":"result","req":"h","rows":[],"next":null})");
    QTest::newRow("result_undefined_next_is_null")
        << encodeResult(u"h"_s, {}, QJsonValue(QJsonValue::Undefined))
        << QByteArray(R"({"type":"result","req":"h","rows":[],"next":null})");
    QTest::newRow("result_integer_next_and_total")
        << encodeResult(u"q"_s, {}, QJsonValue(qint64(9007199254740992)), 12)
        << QByteArray(
               R"({"type":"result","req":"q","rows":[],"next":9007199254740992,"total":12})");
    QTest::newRow("result_string_next")
        << encodeResult(u"o"_s, {}, QJsonValue(u"ob\"1"_s))
        << QByteArray(R"({"type":"result","req":"o","rows":[],"next":"ob\"1"})");
    QTest::newRow("done") << encodeDone(u"x"_s) << QByteArray(R"({"type":"done","req":"x"})");
    QTest::newRow("resync_all")
        << encodeResync({Topic::Devices, Topic::Stats, Topic::History, Topic::Access, Topic::Audit})
        << QByteArray(
               R"({"type":"resync","topics":["devices","stats","history","access","audit"]})");
    QTest::newRow("request_queue_integer_after")
        << encodeRequest(Request{u"q"_s, QueueQuery{u"dev-1"_s, Page{10, u"4711"_s}}})
        << QByteArray(R"({"type":"queue","req":"q","cuid":"dev-1","limit":10,"after":4711})");
    QTest::newRow("request_queue_text_after")
        << encodeRequest(Request{u"q"_s, QueueQuery{u"dev-1"_s, Page{10, u"a1"_s}}})
        << QByteArray(R"({"type":"queue","req":"q","cuid":"dev-1","limit":10,"after":"a1"})");
    QTest::newRow("request_users") << encodeRequest(Request{u"u"_s, UsersQuery{}})
                                   << QByteArray(R"({"type":"users","req":"u"})");
    QTest::newRow("request_subscribe")
        << encodeRequest(Request{u"1"_s, Subscribe{{Topic::Devices, Topic::Stats}}})
        << QByteArray(R"({"type":"subscribe","req":"1","topics":["devices","stats"]})");
    QTest::newRow("request_user_disable_leaves_password_out")
        << encodeRequest(Request{u"u"_s, UserAction{UserOp::Disable, u"bob"_s, {}}})
        << QByteArray(R"({"type":"user","req":"u","op":"disable","name":"bob"})");
}

void TestAdminCodec::server_messages_encode_byte_exact()
{
    QFETCH(QByteArray, actual);
    QFETCH(QByteArray, expected);
    QCOMPARE(actual, expected);
}

void TestAdminCodec::client_parser_tolerates_unknown_members()
{
    const auto parsed =
        parseAdminServerMessage(R"({"type":"done","req":"x","affected":3,"future":{"a":[1]}})");
    QVERIFY(std::holds_alternative<AdminServerMessage>(parsed));
    QCOMPARE(std::get<Done>(std::get<AdminServerMessage>(parsed)).req, u"x"_s);

    const auto event = parseAdminServerMessage(
        R"({"type":"event","topic":"devices","op":"upsert","row":{"cuid":"c"},"coalesced":4})");
    QVERIFY(std::holds_alternative<AdminServerMessage>(event));
    QCOMPARE(std::get<Event>(std::get<AdminServerMessage>(event)).row.value(u"cuid"_s),
             QJsonValue(u"c"_s));
}

void TestAdminCodec::client_parser_reads_welcome_as_on_v1()
{
    const auto parsed = parseAdminServerMessage(
        R"({"type":"welcome","protocol":1,"uuid":"admin","cuid":"console-1","groups":["admins"],)"
        R"("admin":true,"token":"eyJ...","tokenExpires":1766646000000,"serverTime":1764054000123})");
    const auto *message = std::get_if<AdminServerMessage>(&parsed);
    QVERIFY(message);
    const auto &welcome = std::get<Welcome>(*message);
    QCOMPARE(welcome.uuid, u"admin"_s);
    QCOMPARE(welcome.cuid, u"console-1"_s);
    QCOMPARE(welcome.groups, QStringList{u"admins"_s});
    QVERIFY(welcome.admin);
    QCOMPARE(welcome.token, u"eyJ..."_s);
    QCOMPARE(welcome.tokenExpires, 1766646000000);
    QCOMPARE(welcome.serverTime, 1764054000123);
}

void TestAdminCodec::client_parser_reports_what_it_cannot_read_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("malformed") << QByteArray("{") << u"JSON"_s;
    QTest::newRow("array") << QByteArray("[]") << u"object"_s;
    QTest::newRow("unknown_type") << QByteArray(R"({"type":"dispatch"})") << u"dispatch"_s;
    QTest::newRow("no_type") << QByteArray(R"({"req":"1"})") << u"unknown"_s;
    QTest::newRow("snapshot_unknown_topic")
        << QByteArray(R"({"type":"snapshot","req":"1","topic":"weather","rows":[]})")
        << u"weather"_s;
    QTest::newRow("snapshot_without_rows")
        << QByteArray(R"({"type":"snapshot","req":"1","topic":"devices"})") << u"rows"_s;
    QTest::newRow("event_unknown_op")
        << QByteArray(R"({"type":"event","topic":"devices","op":"merge","row":{}})") << u"merge"_s;
    QTest::newRow("event_row_not_object")
        << QByteArray(R"({"type":"event","topic":"devices","op":"upsert","row":[]})") << u"row"_s;
    QTest::newRow("result_without_rows")
        << QByteArray(R"({"type":"result","req":"1","next":null})") << u"rows"_s;
    QTest::newRow("welcome_without_uuid") << QByteArray(R"({"type":"welcome"})") << u"uuid"_s;
}

void TestAdminCodec::client_parser_reports_what_it_cannot_read()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mentions);
    const auto parsed = parseAdminServerMessage(json);
    const auto *error = std::get_if<QString>(&parsed);
    QVERIFY(error);
    QVERIFY2(error->contains(mentions), qPrintable(*error));
}

void TestAdminCodec::unknown_error_code_still_answers_its_req()
{
    const auto parsed = parseAdminServerMessage(
        R"({"type":"error","req":"9","code":"teapot","message":"short and stout"})");
    const auto *message = std::get_if<AdminServerMessage>(&parsed);
    QVERIFY(message);
    const auto &error = std::get<AdminError>(*message);
    QCOMPARE(error.req, u"9"_s);
    QCOMPARE(error.code, ErrorCode::Invalid);
    QCOMPARE(error.message, u"teapot: short and stout"_s);
}

void TestAdminCodec::resync_skips_unknown_topics()
{
    const auto parsed =
        parseAdminServerMessage(R"({"type":"resync","topics":["devices","weather","audit"]})");
    const auto *message = std::get_if<AdminServerMessage>(&parsed);
    QVERIFY(message);
    const QList<Topic> expected{Topic::Devices, Topic::Audit};
    QCOMPARE(std::get<Resync>(*message).topics, expected);
}

void TestAdminCodec::topic_names_and_keys()
{
    for (const Topic topic : kAllTopics)
        QCOMPARE(topicFromName(topicName(topic)), std::optional<Topic>(topic));
    QCOMPARE(topicFromName(u"weather"), std::nullopt);
    QCOMPARE(topicFromName(u""), std::nullopt);
    QCOMPARE(topicKey(Topic::Devices), u"cuid"_s);
    QCOMPARE(topicKey(Topic::History), u"id"_s);
    QCOMPARE(topicKey(Topic::Access), u"seq"_s);
    QCOMPARE(topicKey(Topic::Audit), u"id"_s);
    QCOMPARE(topicKey(Topic::Stats), u"key"_s); // one row, {"key":"server",...}
}

void TestAdminCodec::op_names()
{
    QCOMPARE(userOpName(UserOp::Add), u"add"_s);
    QCOMPARE(userOpName(UserOp::Passwd), u"passwd"_s);
    QCOMPARE(userOpName(UserOp::Disable), u"disable"_s);
    QCOMPARE(userOpName(UserOp::Enable), u"enable"_s);
    QCOMPARE(groupOpName(GroupOp::Add), u"add"_s);
    QCOMPARE(groupOpName(GroupOp::Remove), u"remove"_s);
    QCOMPARE(groupOpName(GroupOp::MemberAdd), u"member-add"_s);
    QCOMPARE(groupOpName(GroupOp::MemberRemove), u"member-remove"_s);
}

QTEST_GUILESS_MAIN(TestAdminCodec)
#include "tst_admincodec.moc"
