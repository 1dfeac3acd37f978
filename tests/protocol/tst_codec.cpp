// Tests of the protocol codec: client messages parse and round-trip, bad
// input maps to the right error code, server messages encode to exactly the
// objects of PROTOCOL.md section 5, limits are configurable.

#include "clientmessagetools.h"
#include "protocol/codec.h"
#include "protocol/errorcode.h"
#include "protocol/jsondepth.h"
#include "protocol/jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <iterator>
#include <limits>
#include <random>

using namespace seneschal;
using namespace seneschal::protocol;
using seneschal::protocol::testing::describe;
using seneschal::protocol::testing::encodeClientMessage;
using seneschal::protocol::testing::sameMessage;

namespace {

// QTest data columns need a metatype; wrapping the variant keeps QMetaType
// from looking for an operator== the message structs do not have.
struct MessageCase
{
    ClientMessage message;
};

engine::Property prop(QJsonValue value, qint64 ts, const QString &cuid)
{
    return engine::Property{std::move(value), engine::Stamp{ts, cuid, QStringLiteral("d-x")}};
}

QJsonObject objectOf(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("test data is not a JSON object: %s", json.constData());
    return document.object();
}

QByteArray repeated(char c, int count)
{
    return QByteArray(count, c);
}

// A dispatch whose props member is `props` (raw JSON).
QByteArray dispatchWithProps(const QByteArray &props)
{
    return R"({"type":"dispatch","id":"d-1","oid":"ob1","ts":1764054000000,"props":)" + props + "}";
}

// A dispatch with one extra member (raw JSON, with its leading comma).
QByteArray dispatchWith(const QByteArray &members)
{
    return R"({"type":"dispatch","id":"d-1","oid":"ob1","ts":1764054000000)" + members +
           R"(,"props":{"a":1}})";
}

QByteArray nestedArrays(int depth)
{
    return repeated('[', depth) + repeated(']', depth);
}

} // namespace

Q_DECLARE_METATYPE(MessageCase)

class TestCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void client_messages_round_trip_data();
    void client_messages_round_trip();
    void protocol_examples_parse();
    void malformed_input_is_rejected_data();
    void malformed_input_is_rejected();
    void delete_with_props_is_invalid();
    void inherit_without_parent_is_invalid();
    void dispatch_error_after_readable_id_carries_dispatch_id();
    void share_error_after_readable_oid_carries_oid();
    void unknown_members_are_ignored();
    void absent_since_means_zero();
    void null_optional_members_mean_absent();
    void deleted_property_may_be_put_as_boolean();
    void limits_are_configurable_data();
    void limits_are_configurable();
    void server_messages_encode_to_expected_objects_data();
    void server_messages_encode_to_expected_objects();
    void fixed_messages_encode_byte_exact_data();
    void fixed_messages_encode_byte_exact();
    void dispatch_never_puts_deleted_into_props();
    void property_values_encode_exactly_data();
    void property_values_encode_exactly();
    void encoded_strings_survive_a_parse_round_trip();
    void nesting_depth_scan_skips_strings_data();
    void nesting_depth_scan_skips_strings();
    void nesting_quick_check_agrees_with_exact_scan();
    void identifiers_follow_section_2_data();
    void identifiers_follow_section_2();
    void error_codes_round_trip_by_name();
};

// ---- round trips ----

void TestCodec::client_messages_round_trip_data()
{
    QTest::addColumn<MessageCase>("input");

    Hello password;
    password.cuid = QStringLiteral("dev-7f3a");
    password.since = 4711;
    password.username = QStringLiteral("alice");
    password.password = QStringLiteral("s3cret \"quoted\" \\ é");
    QTest::newRow("hello_with_password") << MessageCase{password};

    Hello jwt;
    jwt.cuid = QStringLiteral("A.b_c:d-9");
    jwt.since = qint64(1) << 53;
    jwt.method = AuthMethod::Jwt;
    jwt.token = QStringLiteral("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.sig");
    QTest::newRow("hello_with_jwt_and_max_since") << MessageCase{jwt};

    Hello unicode = password;
    unicode.since = 0;
    unicode.username = QStringLiteral("ünïcødé 😀 用户");
    QTest::newRow("hello_with_unicode_username") << MessageCase{unicode};

    ClientDispatch put;
    put.id = QStringLiteral("d-0001");
    put.oid = QStringLiteral("ob1");
    put.ts = 1764054000000;
    put.props = objectOf(R"({"qty":"2","location":"aisle"})");
    QTest::newRow("dispatch_put") << MessageCase{put};

    ClientDispatch del;
    del.id = QStringLiteral("d-0002");
    del.oid = QStringLiteral("ob1");
    del.ts = 1764055800000;
    del.op = engine::DispatchOp::Delete;
    QTest::newRow("dispatch_delete") << MessageCase{del};

    ClientDispatch created = put;
    created.oid = QStringLiteral("img-1");
    created.kind = QStringLiteral("image");
    created.parent = QStringLiteral("list-9");
    created.access = engine::Access::Inherit;
    QTest::newRow("dispatch_with_kind_parent_inherit") << MessageCase{created};

    ClientDispatch privateList = put;
    privateList.kind = QStringLiteral("list");
    privateList.access = engine::Access::Private;
    QTest::newRow("dispatch_private_list") << MessageCase{privateList};

    ClientDispatch values = put;
    values.ts = qint64(1) << 53;
    values.props = objectOf(R"({"int":1764054000000,"big":9007199254740993,"neg":-7,"frac":0.25,)"
                            R"("exp":1e300,"t":true,"f":false,"n":null,"s":"a\"b\\c\n\u0001/",)"
                            R"("nested":{"a":[1,[2,{"b":null}],"x"],"o":{}},"arr":[]})");
    QTest::newRow("dispatch_with_every_value_type") << MessageCase{values};

    ClientDispatch unicodeProps = put;
    unicodeProps.id = QStringLiteral("ïd-😀");
    unicodeProps.props = objectOf("{\"n\xc3\xa4me\":\"\xe7\x94\xa8\xf0\x9f\x98\x80\","
                                  "\"lone\":\"\\ud800x\\udc00\"}");
    QTest::newRow("dispatch_with_unicode_and_lone_surrogates") << MessageCase{unicodeProps};

    ClientDispatch restore = put;
    restore.props = objectOf(R"({"_deleted":false})");
    QTest::newRow("dispatch_restoring_with_deleted_false") << MessageCase{restore};

    ClientDispatch empty = put;
    empty.props = QJsonObject();
    QTest::newRow("dispatch_put_with_empty_props") << MessageCase{empty};

    QTest::newRow("upload_end") << MessageCase{UploadEnd{}};
    QTest::newRow("ack_zero") << MessageCase{ClientAck{0}};
    QTest::newRow("ack_max_safe_integer") << MessageCase{ClientAck{qint64(1) << 53}};

    Share share;
    share.oid = QStringLiteral("list-9");
    share.grant = QStringList{QStringLiteral("user:bob"), QStringLiteral("group:family")};
    share.revoke = QStringList{QStringLiteral("user:carol")};
    QTest::newRow("share_grant_and_revoke") << MessageCase{share};

    Share publicShare;
    publicShare.oid = QStringLiteral("list-9");
    publicShare.access = engine::Access::Public;
    QTest::newRow("share_access_only") << MessageCase{publicShare};

    QTest::newRow("ping") << MessageCase{Ping{}};
}

void TestCodec::client_messages_round_trip()
{
    QFETCH(MessageCase, input);
    const QByteArray json = encodeClientMessage(input.message);
    const auto result = parseClientMessage(json, Limits{});
    QVERIFY2(std::holds_alternative<ClientMessage>(result), describe(result).constData());
    QVERIFY2(sameMessage(std::get<ClientMessage>(result), input.message), json.constData());
    // Encoding is deterministic: the parsed message encodes to the same bytes.
    QCOMPARE(encodeClientMessage(std::get<ClientMessage>(result)), json);
}

void TestCodec::protocol_examples_parse()
{
    // Every client example of PROTOCOL.md section 4, verbatim.
    const QList<QByteArray> examples = {
        R"({"type":"hello","protocol":1,"cuid":"dev-7f3a","since":0,
 "auth":{"method":"password","username":"alice","password":"s3cret"}})",
        R"({"type":"hello","protocol":1,"cuid":"dev-7f3a","since":4711,
 "auth":{"method":"jwt","token":"eyJ..."}})",
        R"({"type":"dispatch","id":"d-0001","oid":"ob1","ts":1764054000000,
 "props":{"qty":"2","location":"aisle"}})",
        R"({"type":"dispatch","id":"d-0002","oid":"ob1","ts":1764055800000,"op":"delete"})",
        R"({"type":"dispatch","id":"d-0003","oid":"list-9","ts":1764055800000,
 "kind":"list","access":"private","props":{"title":"Groceries"}})",
        R"({"type":"dispatch","id":"d-0004","oid":"img-1","ts":1764055800000,
 "kind":"image","parent":"list-9","access":"inherit","props":{"png":"iVBORw0..."}})",
        R"({"type":"uploadEnd"})",
        R"({"type":"ack","seq":4811})",
        R"({"type":"share","oid":"list-9","grant":["user:bob","group:family"],"revoke":["user:carol"]})",
        R"({"type":"share","oid":"list-9","access":"public"})",
        R"({"type":"ping"})",
    };
    for (const QByteArray &example : examples) {
        const auto result = parseClientMessage(example, Limits{});
        QVERIFY2(std::holds_alternative<ClientMessage>(result),
                 QByteArray(example + " -> " + describe(result)).constData());
    }

    const auto hello =
        std::get<Hello>(std::get<ClientMessage>(parseClientMessage(examples.at(0), Limits{})));
    QCOMPARE(hello.cuid, QStringLiteral("dev-7f3a"));
    QCOMPARE(hello.username, QStringLiteral("alice"));
    QCOMPARE(hello.password, QStringLiteral("s3cret"));

    const auto image = std::get<ClientDispatch>(
        std::get<ClientMessage>(parseClientMessage(examples.at(5), Limits{})));
    QCOMPARE(image.id, QStringLiteral("d-0004"));
    QCOMPARE(image.ts, Q_INT64_C(1764055800000));
    QCOMPARE(image.kind, QStringLiteral("image"));
    QCOMPARE(image.parent, QStringLiteral("list-9"));
    QVERIFY(image.access == engine::Access::Inherit);
    QCOMPARE(image.props.value(QLatin1StringView("png")).toString(), QStringLiteral("iVBORw0..."));
}

// ---- malformed input ----

void TestCodec::malformed_input_is_rejected_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("dispatchId");
    QTest::addColumn<QString>("oid");
    QTest::addColumn<QString>("mentions"); // the error message names the member

    const int invalid = static_cast<int>(ErrorCode::Invalid);
    const int tooLarge = static_cast<int>(ErrorCode::TooLarge);
    const QString none;
    const QString d1 = QStringLiteral("d-1");
    const QString list9 = QStringLiteral("list-9");
    auto row = [&](const char *name, const QByteArray &json, int code, const QString &dispatchId,
                   const QString &oid, const char *mentions) {
        QTest::newRow(name) << json << code << dispatchId << oid << QString::fromUtf8(mentions);
    };
    const QByteArray hello = R"({"type":"hello","protocol":1,"cuid":"dev-1","since":0,)";
    const QByteArray password =
        R"("auth":{"method":"password","username":"alice","password":"x"}})";

    // Not a message at all.
    row("not_json_is_invalid", "hello there", invalid, none, none, "JSON");
    row("empty_frame_is_invalid", "", invalid, none, none, "JSON");
    row("truncated_object_is_invalid", R"({"type":"ping")", invalid, none, none, "JSON");
    row("trailing_garbage_is_invalid", R"({"type":"ping"} x)", invalid, none, none, "JSON");
    row("invalid_utf8_is_invalid", "{\"type\":\"ping\",\"x\":\"\xff\"}", invalid, none, none,
        "JSON");
    row("top_level_array_is_invalid", "[]", invalid, none, none, "object");
    row("top_level_string_is_invalid", R"("ping")", invalid, none, none, "JSON");
    row("missing_type_is_invalid", "{}", invalid, none, none, "type");
    row("numeric_type_is_invalid", R"({"type":1})", invalid, none, none, "type");
    row("unknown_type_is_invalid", R"({"type":"pong"})", invalid, none, none, "type");
    row("type_is_case_sensitive", R"({"type":"Ping"})", invalid, none, none, "type");
    row("nesting_beyond_qt_limit_is_too_large", nestedArrays(5000), tooLarge, none, none,
        "nesting");

    // hello
    row("hello_without_protocol_is_invalid", R"({"type":"hello","cuid":"dev-1",)" + password,
        invalid, none, none, "protocol");
    row("hello_protocol_2_is_invalid", R"({"type":"hello","protocol":2,"cuid":"dev-1",)" + password,
        invalid, none, none, "protocol");
    row("hello_protocol_as_string_is_invalid",
        R"({"type":"hello","protocol":"1","cuid":"dev-1",)" + password, invalid, none, none,
        "protocol");
    row("hello_fractional_protocol_is_invalid",
        R"({"type":"hello","protocol":1.5,"cuid":"dev-1",)" + password, invalid, none, none,
        "protocol");
    row("hello_without_cuid_is_invalid", R"({"type":"hello","protocol":1,)" + password, invalid,
        none, none, "cuid");
    row("hello_cuid_with_space_is_invalid",
        R"({"type":"hello","protocol":1,"cuid":"dev 1",)" + password, invalid, none, none, "cuid");
    row("hello_cuid_with_slash_is_invalid",
        R"({"type":"hello","protocol":1,"cuid":"dev/1",)" + password, invalid, none, none, "cuid");
    row("hello_empty_cuid_is_invalid", R"({"type":"hello","protocol":1,"cuid":"",)" + password,
        invalid, none, none, "cuid");
    row("hello_cuid_of_65_chars_is_invalid",
        R"({"type":"hello","protocol":1,"cuid":")" + repeated('c', 65) + "\"," + password, invalid,
        none, none, "cuid");
    row("hello_negative_since_is_invalid",
        R"({"type":"hello","protocol":1,"cuid":"dev-1","since":-1,)" + password, invalid, none,
        none, "since");
    row("hello_fractional_since_is_invalid",
        R"({"type":"hello","protocol":1,"cuid":"dev-1","since":1.5,)" + password, invalid, none,
        none, "since");
    row("hello_since_beyond_2_53_is_invalid",
        R"({"type":"hello","protocol":1,"cuid":"dev-1","since":9007199254740993,)" + password,
        invalid, none, none, "since");
    row("hello_without_auth_is_invalid", R"({"type":"hello","protocol":1,"cuid":"dev-1"})", invalid,
        none, none, "auth");
    row("hello_auth_as_string_is_invalid",
        R"({"type":"hello","protocol":1,"cuid":"dev-1","auth":"alice:x"})", invalid, none, none,
        "auth");
    row("hello_unknown_auth_method_is_invalid", hello + R"("auth":{"method":"kerberos"}})", invalid,
        none, none, "auth.method");
    row("hello_password_without_username_is_invalid",
        hello + R"("auth":{"method":"password","password":"x"}})", invalid, none, none,
        "auth.username");
    row("hello_empty_password_is_invalid",
        hello + R"("auth":{"method":"password","username":"alice","password":""}})", invalid, none,
        none, "auth.password");
    row("hello_username_of_257_chars_is_invalid",
        hello + R"("auth":{"method":"password","username":")" + repeated('u', 257) +
            R"(","password":"x"}})",
        invalid, none, none, "auth.username");
    row("hello_empty_token_is_invalid", hello + R"("auth":{"method":"jwt","token":""}})", invalid,
        none, none, "auth.token");
    row("hello_token_of_8193_chars_is_invalid",
        hello + R"("auth":{"method":"jwt","token":")" + repeated('t', 8193) + "\"}}", invalid, none,
        none, "auth.token");

    // dispatch: no readable id, so an `error`
    row("dispatch_without_id_is_invalid", R"({"type":"dispatch","oid":"ob1","ts":1,"props":{}})",
        invalid, none, none, "id");
    row("dispatch_numeric_id_is_invalid",
        R"({"type":"dispatch","id":7,"oid":"ob1","ts":1,"props":{}})", invalid, none, none, "id");
    row("dispatch_empty_id_is_invalid",
        R"({"type":"dispatch","id":"","oid":"ob1","ts":1,"props":{}})", invalid, none, none, "id");
    row("dispatch_id_of_65_chars_is_invalid",
        R"({"type":"dispatch","id":")" + repeated('i', 65) + R"(","oid":"ob1","ts":1,"props":{}})",
        invalid, none, none, "id");

    // dispatch: readable id, so a `reject` for it
    row("dispatch_without_oid_is_rejected", R"({"type":"dispatch","id":"d-1","ts":1,"props":{}})",
        invalid, d1, none, "oid");
    row("dispatch_oid_with_slash_is_rejected",
        R"({"type":"dispatch","id":"d-1","oid":"ob/1","ts":1,"props":{}})", invalid, d1, none,
        "oid");
    row("dispatch_oid_of_129_chars_is_rejected",
        R"({"type":"dispatch","id":"d-1","oid":")" + repeated('o', 129) + R"(","ts":1,"props":{}})",
        invalid, d1, none, "oid");
    row("dispatch_without_ts_is_rejected",
        R"({"type":"dispatch","id":"d-1","oid":"ob1","props":{}})", invalid, d1, none, "ts");
    row("dispatch_ts_as_string_is_rejected",
        R"({"type":"dispatch","id":"d-1","oid":"ob1","ts":"1764054000000","props":{}})", invalid,
        d1, none, "ts");
    row("dispatch_ts_zero_is_rejected",
        R"({"type":"dispatch","id":"d-1","oid":"ob1","ts":0,"props":{}})", invalid, d1, none, "ts");
    row("dispatch_negative_ts_is_rejected",
        R"({"type":"dispatch","id":"d-1","oid":"ob1","ts":-5,"props":{}})", invalid, d1, none,
        "ts");
    row("dispatch_fractional_ts_is_rejected",
        R"({"type":"dispatch","id":"d-1","oid":"ob1","ts":1764054000000.5,"props":{}})", invalid,
        d1, none, "ts");
    row("dispatch_ts_beyond_2_53_is_rejected",
        R"({"type":"dispatch","id":"d-1","oid":"ob1","ts":9007199254740993,"props":{}})", invalid,
        d1, none, "ts");
    row("dispatch_ts_1e300_is_rejected",
        R"({"type":"dispatch","id":"d-1","oid":"ob1","ts":1e300,"props":{}})", invalid, d1, none,
        "ts");
    row("dispatch_unknown_op_is_rejected", dispatchWith(R"(,"op":"upsert")"), invalid, d1, none,
        "op");
    row("dispatch_numeric_op_is_rejected", dispatchWith(R"(,"op":1)"), invalid, d1, none, "op");
    row("delete_with_props_is_invalid",
        R"({"type":"dispatch","id":"d-1","oid":"ob1","ts":1,"op":"delete","props":{"a":1}})",
        invalid, d1, none, "props");
    row("delete_with_empty_props_is_invalid",
        R"({"type":"dispatch","id":"d-1","oid":"ob1","ts":1,"op":"delete","props":{}})", invalid,
        d1, none, "props");
    row("put_without_props_is_invalid", R"({"type":"dispatch","id":"d-1","oid":"ob1","ts":1})",
        invalid, d1, none, "props");
    row("props_as_array_is_invalid", dispatchWithProps("[1,2]"), invalid, d1, none, "props");
    row("props_as_string_is_invalid", dispatchWithProps(R"("qty=2")"), invalid, d1, none, "props");
    row("props_null_is_invalid", dispatchWithProps("null"), invalid, d1, none, "props");
    row("empty_property_name_is_invalid", dispatchWithProps(R"({"":1})"), invalid, d1, none,
        "property name");
    row("property_name_with_underscore_is_invalid", dispatchWithProps(R"({"_owner":"bob"})"),
        invalid, d1, none, "_owner");
    row("deleted_property_must_be_boolean", dispatchWithProps(R"({"_deleted":"yes"})"), invalid, d1,
        none, "_deleted");
    row("percent_signs_in_names_are_quoted_literally",
        dispatchWithProps("{\"%1%2" + repeated('x', 130) + "\":1}"), invalid, d1, none,
        "\"%1%2xxx");
    row("property_name_of_129_chars_is_invalid",
        dispatchWithProps("{\"" + repeated('n', 129) + "\":1}"), invalid, d1, none,
        "property name");
    row("numeric_kind_is_invalid", dispatchWith(R"(,"kind":5)"), invalid, d1, none, "kind");
    row("empty_kind_is_invalid", dispatchWith(R"(,"kind":"")"), invalid, d1, none, "kind");
    row("kind_of_65_chars_is_invalid", dispatchWith(R"(,"kind":")" + repeated('k', 65) + "\""),
        invalid, d1, none, "kind");
    row("parent_with_space_is_invalid", dispatchWith(R"(,"parent":"list 9")"), invalid, d1, none,
        "parent");
    row("numeric_parent_is_invalid", dispatchWith(R"(,"parent":9)"), invalid, d1, none, "parent");
    row("unknown_access_is_invalid", dispatchWith(R"(,"access":"shared")"), invalid, d1, none,
        "access");
    row("inherit_without_parent_is_invalid", dispatchWith(R"(,"access":"inherit")"), invalid, d1,
        none, "inherit");
    row("dispatch_nested_deeper_than_64_is_rejected_too_large",
        dispatchWithProps(R"({"deep":)" + nestedArrays(63) + "}"), tooLarge, d1, none, "nesting");
    {
        QByteArray props = "{";
        for (int i = 0; i <= 1000; ++i)
            props += (i ? ",\"p" : "\"p") + QByteArray::number(i) + "\":1";
        props += "}";
        row("more_than_1000_props_are_too_large", dispatchWithProps(props), tooLarge, d1, none,
            "props");
    }

    // ack
    row("ack_without_seq_is_invalid", R"({"type":"ack"})", invalid, none, none, "seq");
    row("ack_negative_seq_is_invalid", R"({"type":"ack","seq":-1})", invalid, none, none, "seq");
    row("ack_seq_as_string_is_invalid", R"({"type":"ack","seq":"4811"})", invalid, none, none,
        "seq");
    row("ack_fractional_seq_is_invalid", R"({"type":"ack","seq":4811.5})", invalid, none, none,
        "seq");

    // share
    row("share_without_oid_is_invalid", R"({"type":"share","access":"public"})", invalid, none,
        none, "oid");
    row("share_oid_with_space_is_invalid", R"({"type":"share","oid":"list 9","access":"public"})",
        invalid, none, none, "oid");
    row("share_changing_nothing_is_invalid", R"({"type":"share","oid":"list-9"})", invalid, none,
        list9, "grant");
    row("share_with_empty_lists_only_is_invalid",
        R"({"type":"share","oid":"list-9","grant":[],"revoke":[]})", invalid, none, list9, "grant");
    row("share_grant_as_string_is_invalid", R"({"type":"share","oid":"list-9","grant":"user:bob"})",
        invalid, none, list9, "grant");
    row("share_bare_principal_is_invalid", R"({"type":"share","oid":"list-9","grant":["bob"]})",
        invalid, none, list9, "grant");
    row("share_principal_without_name_is_invalid",
        R"({"type":"share","oid":"list-9","revoke":["user:"]})", invalid, none, list9, "revoke");
    row("share_unknown_principal_kind_is_invalid",
        R"({"type":"share","oid":"list-9","grant":["role:admin"]})", invalid, none, list9, "grant");
    row("share_numeric_principal_is_invalid", R"({"type":"share","oid":"list-9","grant":[7]})",
        invalid, none, list9, "grant");
    row("share_principal_of_129_chars_is_invalid",
        R"({"type":"share","oid":"list-9","grant":["group:)" + repeated('g', 129) + "\"]}", invalid,
        none, list9, "grant");
    row("share_unknown_access_is_invalid", R"({"type":"share","oid":"list-9","access":"world"})",
        invalid, none, list9, "access");
}

void TestCodec::malformed_input_is_rejected()
{
    QFETCH(QByteArray, json);
    QFETCH(int, code);
    QFETCH(QString, dispatchId);
    QFETCH(QString, oid);
    QFETCH(QString, mentions);

    const auto result = parseClientMessage(json, Limits{});
    QVERIFY2(std::holds_alternative<ParseError>(result), describe(result).constData());
    const ParseError &error = std::get<ParseError>(result);
    QVERIFY2(static_cast<int>(error.code) == code, describe(result).constData());
    QCOMPARE(error.dispatchId, dispatchId);
    QCOMPARE(error.oid, oid);
    QVERIFY2(error.message.contains(mentions), describe(result).constData());
}

void TestCodec::delete_with_props_is_invalid()
{
    const auto result = parseClientMessage(
        R"({"type":"dispatch","id":"d-2","oid":"ob1","ts":5,"op":"delete","props":{"qty":"1"}})",
        Limits{});
    QVERIFY(std::holds_alternative<ParseError>(result));
    QCOMPARE(std::get<ParseError>(result).code, ErrorCode::Invalid);
    QCOMPARE(std::get<ParseError>(result).dispatchId, QStringLiteral("d-2"));
}

void TestCodec::inherit_without_parent_is_invalid()
{
    const QByteArray withoutParent =
        R"({"type":"dispatch","id":"d-3","oid":"img","ts":5,"access":"inherit","props":{}})";
    const auto rejected = parseClientMessage(withoutParent, Limits{});
    QVERIFY(std::holds_alternative<ParseError>(rejected));
    QCOMPARE(std::get<ParseError>(rejected).code, ErrorCode::Invalid);
    QCOMPARE(std::get<ParseError>(rejected).dispatchId, QStringLiteral("d-3"));

    const QByteArray withParent = R"({"type":"dispatch","id":"d-3","oid":"img","ts":5,)"
                                  R"("access":"inherit","parent":"list-9","props":{}})";
    QVERIFY(std::holds_alternative<ClientMessage>(parseClientMessage(withParent, Limits{})));
}

void TestCodec::dispatch_error_after_readable_id_carries_dispatch_id()
{
    // The id can be read even when it comes last and the rest is wrong.
    const auto result = parseClientMessage(
        R"({"type":"dispatch","props":"x","ts":-1,"oid":"","id":"zz-9"})", Limits{});
    QVERIFY(std::holds_alternative<ParseError>(result));
    QCOMPARE(std::get<ParseError>(result).dispatchId, QStringLiteral("zz-9"));
    QVERIFY(std::get<ParseError>(result).oid.isEmpty());
}

void TestCodec::share_error_after_readable_oid_carries_oid()
{
    const auto result =
        parseClientMessage(R"({"type":"share","oid":"list-3","grant":[""]})", Limits{});
    QVERIFY(std::holds_alternative<ParseError>(result));
    QCOMPARE(std::get<ParseError>(result).oid, QStringLiteral("list-3"));
    QVERIFY(std::get<ParseError>(result).dispatchId.isEmpty());
}

void TestCodec::unknown_members_are_ignored()
{
    const QList<QByteArray> messages = {
        R"({"type":"ping","future":{"x":[1,2]}})",
        R"({"type":"uploadEnd","count":3})",
        R"({"type":"ack","seq":1,"note":"x"})",
        R"({"type":"dispatch","id":"d","oid":"o","ts":1,"props":{},"priority":"high"})",
        R"({"type":"share","oid":"o","access":"private","reason":null})",
        R"({"type":"hello","protocol":1,"cuid":"c","device":"pixel",)"
        R"("auth":{"method":"jwt","token":"t","nonce":1}})",
    };
    for (const QByteArray &message : messages) {
        const auto result = parseClientMessage(message, Limits{});
        QVERIFY2(std::holds_alternative<ClientMessage>(result),
                 QByteArray(message + " -> " + describe(result)).constData());
    }
}

void TestCodec::absent_since_means_zero()
{
    const auto result = parseClientMessage(
        R"({"type":"hello","protocol":1,"cuid":"c","auth":{"method":"jwt","token":"t"}})",
        Limits{});
    QVERIFY2(std::holds_alternative<ClientMessage>(result), describe(result).constData());
    QCOMPARE(std::get<Hello>(std::get<ClientMessage>(result)).since, Q_INT64_C(0));
}

void TestCodec::null_optional_members_mean_absent()
{
    const auto result = parseClientMessage(R"({"type":"dispatch","id":"d","oid":"o","ts":1,)"
                                           R"("kind":null,"parent":null,"access":null,"props":{}})",
                                           Limits{});
    QVERIFY2(std::holds_alternative<ClientMessage>(result), describe(result).constData());
    const auto dispatch = std::get<ClientDispatch>(std::get<ClientMessage>(result));
    QVERIFY(dispatch.kind.isEmpty());
    QVERIFY(dispatch.parent.isEmpty());
    QVERIFY(!dispatch.access);
}

void TestCodec::deleted_property_may_be_put_as_boolean()
{
    for (const char *value : {"true", "false"}) {
        const auto result = parseClientMessage(
            dispatchWithProps(QByteArray(R"({"_deleted":)") + value + "}"), Limits{});
        QVERIFY2(std::holds_alternative<ClientMessage>(result), describe(result).constData());
    }
}

// ---- limits ----

void TestCodec::limits_are_configurable_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<qint64>("maxMessageBytes");
    QTest::addColumn<int>("maxProps");
    QTest::addColumn<int>("maxDepth");
    QTest::addColumn<int>("maxNameLength");
    QTest::addColumn<qint64>("maxValueBytes");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("dispatchId");

    const Limits d;
    const int invalid = static_cast<int>(ErrorCode::Invalid);
    const int tooLarge = static_cast<int>(ErrorCode::TooLarge);
    const QByteArray ping = R"({"type":"ping"})"; // 15 bytes
    const QString d1 = QStringLiteral("d-1");
    const QString none;

    QTest::newRow("message_at_size_limit_is_accepted")
        << ping << qint64(15) << d.maxProps << d.maxDepth << d.maxNameLength << d.maxValueBytes
        << true << 0 << none;
    QTest::newRow("message_over_size_limit_is_too_large")
        << ping << qint64(14) << d.maxProps << d.maxDepth << d.maxNameLength << d.maxValueBytes
        << false << tooLarge << none;
    QTest::newRow("props_at_count_limit_are_accepted")
        << dispatchWithProps(R"({"a":1,"b":2})") << d.maxMessageBytes << 2 << d.maxDepth
        << d.maxNameLength << d.maxValueBytes << true << 0 << none;
    QTest::newRow("props_over_count_limit_are_too_large")
        << dispatchWithProps(R"({"a":1,"b":2,"c":3})") << d.maxMessageBytes << 2 << d.maxDepth
        << d.maxNameLength << d.maxValueBytes << false << tooLarge << d1;
    QTest::newRow("value_at_size_limit_is_accepted")
        << dispatchWithProps(R"({"a":"abc"})") << d.maxMessageBytes << d.maxProps << d.maxDepth
        << d.maxNameLength << qint64(5) << true << 0 << none;
    QTest::newRow("value_over_size_limit_is_too_large")
        << dispatchWithProps(R"({"a":"abcd"})") << d.maxMessageBytes << d.maxProps << d.maxDepth
        << d.maxNameLength << qint64(5) << false << tooLarge << d1;
    QTest::newRow("value_size_counts_escapes")
        << dispatchWithProps(R"({"a":"\n\n"})") << d.maxMessageBytes << d.maxProps << d.maxDepth
        << d.maxNameLength << qint64(5) << false << tooLarge << d1;
    QTest::newRow("value_size_ignores_source_whitespace")
        << dispatchWithProps(R"({"a":[ 1 , 2 ]})") << d.maxMessageBytes << d.maxProps << d.maxDepth
        << d.maxNameLength << qint64(5) << true << 0 << none;
    QTest::newRow("nested_value_over_size_limit_is_too_large")
        << dispatchWithProps(R"({"a":{"b":[1,2]}})") << d.maxMessageBytes << d.maxProps
        << d.maxDepth << d.maxNameLength << qint64(10) << false << tooLarge << d1;
    QTest::newRow("name_at_length_limit_is_accepted")
        << dispatchWithProps(R"({"abc":1})") << d.maxMessageBytes << d.maxProps << d.maxDepth << 3
        << d.maxValueBytes << true << 0 << none;
    QTest::newRow("name_length_counts_characters_not_utf16_units")
        << dispatchWithProps("{\"\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\":1}")
        << d.maxMessageBytes << d.maxProps << d.maxDepth << 3 << d.maxValueBytes << true << 0
        << none;
    QTest::newRow("name_over_length_limit_is_invalid")
        << dispatchWithProps(R"({"abcd":1})") << d.maxMessageBytes << d.maxProps << d.maxDepth << 3
        << d.maxValueBytes << false << invalid << d1;
    QTest::newRow("nesting_at_depth_limit_is_accepted")
        << dispatchWithProps(R"({"a":[1]})") << d.maxMessageBytes << d.maxProps << 3
        << d.maxNameLength << d.maxValueBytes << true << 0 << none;
    QTest::newRow("nesting_over_depth_limit_is_too_large")
        << dispatchWithProps(R"({"a":[[1]]})") << d.maxMessageBytes << d.maxProps << 3
        << d.maxNameLength << d.maxValueBytes << false << tooLarge << d1;
    QTest::newRow("brackets_in_strings_do_not_nest")
        << dispatchWithProps(R"({"a":"[[[[{{{{\"[[["})") << d.maxMessageBytes << d.maxProps << 2
        << d.maxNameLength << d.maxValueBytes << true << 0 << none;
}

void TestCodec::limits_are_configurable()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, accepted);
    QFETCH(int, code);
    QFETCH(QString, dispatchId);
    Limits limits;
    QFETCH(qint64, maxMessageBytes);
    limits.maxMessageBytes = maxMessageBytes;
    QFETCH(int, maxProps);
    QFETCH(int, maxDepth);
    QFETCH(int, maxNameLength);
    QFETCH(qint64, maxValueBytes);
    limits.maxProps = maxProps;
    limits.maxDepth = maxDepth;
    limits.maxNameLength = maxNameLength;
    limits.maxValueBytes = maxValueBytes;

    const auto result = parseClientMessage(json, limits);
    if (accepted) {
        QVERIFY2(std::holds_alternative<ClientMessage>(result), describe(result).constData());
        return;
    }
    QVERIFY2(std::holds_alternative<ParseError>(result), describe(result).constData());
    const ParseError &error = std::get<ParseError>(result);
    QVERIFY2(static_cast<int>(error.code) == code, describe(result).constData());
    QCOMPARE(error.dispatchId, dispatchId);
}

// ---- server messages ----

void TestCodec::server_messages_encode_to_expected_objects_data()
{
    QTest::addColumn<QByteArray>("encoded");
    QTest::addColumn<QByteArray>("expected");

    Welcome welcome;
    welcome.uuid = QStringLiteral("alice");
    welcome.cuid = QStringLiteral("dev-7f3a");
    welcome.groups = QStringList{QStringLiteral("family")};
    welcome.token = QStringLiteral("eyJ...");
    welcome.tokenExpires = 1766646000000;
    welcome.serverTime = 1764054000123;
    QTest::newRow("welcome") << encodeWelcome(welcome)
                             << QByteArray(R"({"type":"welcome","protocol":1,"uuid":"alice",)"
                                           R"("cuid":"dev-7f3a","groups":["family"],"admin":false,)"
                                           R"("token":"eyJ...","tokenExpires":1766646000000,)"
                                           R"("serverTime":1764054000123})");
    Welcome admin = welcome;
    admin.admin = true;
    admin.groups.clear();
    QTest::newRow("welcome_admin_without_groups")
        << encodeWelcome(admin)
        << QByteArray(R"({"type":"welcome","protocol":1,"uuid":"alice","cuid":"dev-7f3a",)"
                      R"("groups":[],"admin":true,"token":"eyJ...","tokenExpires":1766646000000,)"
                      R"("serverTime":1764054000123})");

    QTest::newRow("rehydrate_begin")
        << encodeRehydrateBegin() << QByteArray(R"({"type":"rehydrateBegin"})");

    ServerAck ack{QStringList{QStringLiteral("d-0001"), QStringLiteral("d-0002")}, 4712, {}};
    QTest::newRow("ack") << encodeAck(ack)
                         << QByteArray(R"({"type":"ack","ids":["d-0001","d-0002"],"seq":4712})");
    ServerAck clamped = ack;
    clamped.clamped = QStringList{QStringLiteral("d-0002")};
    QTest::newRow("ack_with_clamped")
        << encodeAck(clamped)
        << QByteArray(
               R"({"type":"ack","ids":["d-0001","d-0002"],"seq":4712,"clamped":["d-0002"]})");

    QTest::newRow("reject") << encodeReject(QStringLiteral("d-0009"), ErrorCode::Forbidden,
                                            QStringLiteral("no access to oid list-3"))
                            << QByteArray(R"({"type":"reject","id":"d-0009","code":"forbidden",)"
                                          R"("message":"no access to oid list-3"})");
    QTest::newRow("rehydrate_end")
        << encodeRehydrateEnd(4712) << QByteArray(R"({"type":"rehydrateEnd","seq":4712})");

    engine::ObjectState seed;
    seed.oid = QStringLiteral("ob1");
    seed.kind = QStringLiteral("item");
    seed.seq = 4713;
    seed.created = true;
    seed.props.insert(QStringLiteral("qty"), prop(QJsonValue(QStringLiteral("2")), 1764054000000,
                                                  QStringLiteral("dev-7f3a")));
    seed.props.insert(QStringLiteral("location"), prop(QJsonValue(QStringLiteral("food court")),
                                                       1764055800000, QStringLiteral("dev-01bc")));
    QTest::newRow("dispatch_of_protocol_example")
        << encodeDispatch(seed)
        << QByteArray(R"({"type":"dispatch","seq":4713,"oid":"ob1","kind":"item","parent":null,)"
                      R"("deleted":false,"props":{"qty":"2","location":"food court"},)"
                      R"("stamps":{"qty":[1764054000000,"dev-7f3a"],)"
                      R"("location":[1764055800000,"dev-01bc"]}})");

    engine::ObjectState deleted = seed;
    deleted.kind.clear();
    deleted.parent = QStringLiteral("list-9");
    deleted.props.insert(engine::kDeletedProperty,
                         prop(QJsonValue(true), 1764055900000, QStringLiteral("dev-01bc")));
    QTest::newRow("dispatch_deleted_with_parent_and_no_kind")
        << encodeDispatch(deleted)
        << QByteArray(R"({"type":"dispatch","seq":4713,"oid":"ob1","kind":null,)"
                      R"("parent":"list-9","deleted":true,)"
                      R"("props":{"qty":"2","location":"food court"},)"
                      R"("stamps":{"qty":[1764054000000,"dev-7f3a"],)"
                      R"("location":[1764055800000,"dev-01bc"],)"
                      R"("_deleted":[1764055900000,"dev-01bc"]}})");

    engine::ObjectState restored = seed;
    restored.props.insert(engine::kDeletedProperty,
                          prop(QJsonValue(false), 1764056000000, QStringLiteral("dev-7f3a")));
    QTest::newRow("dispatch_restored_keeps_deleted_stamp")
        << encodeDispatch(restored)
        << QByteArray(R"({"type":"dispatch","seq":4713,"oid":"ob1","kind":"item","parent":null,)"
                      R"("deleted":false,"props":{"qty":"2","location":"food court"},)"
                      R"("stamps":{"qty":[1764054000000,"dev-7f3a"],)"
                      R"("location":[1764055800000,"dev-01bc"],)"
                      R"("_deleted":[1764056000000,"dev-7f3a"]}})");

    engine::ObjectState values;
    values.oid = QStringLiteral("v");
    values.seq = 1;
    const QJsonObject nested = objectOf(R"({"a":[1,2.5,"x",null,{"b":true}],"e":{}})");
    values.props.insert(QStringLiteral("nested"), prop(nested, 1, QStringLiteral("c")));
    values.props.insert(QStringLiteral("when"),
                        prop(QJsonValue(1764054000000.0), 2, QStringLiteral("c")));
    values.props.insert(
        QStringLiteral("text \"q\""),
        prop(QJsonValue(QStringLiteral("line\nbreak é 😀")), 3, QStringLiteral("c")));
    QTest::newRow("dispatch_with_nested_values_and_escaped_names")
        << encodeDispatch(values)
        << QByteArray(
               R"({"type":"dispatch","seq":1,"oid":"v","kind":null,"parent":null,)"
               R"("deleted":false,"props":{"nested":{"a":[1,2.5,"x",null,{"b":true}],"e":{}},)"
               R"("when":1764054000000,"text \"q\"":"line\nbreak é 😀"},)"
               R"("stamps":{"nested":[1,"c"],"when":[2,"c"],"text \"q\"":[3,"c"]}})");

    engine::ObjectState empty;
    empty.oid = QStringLiteral("e");
    empty.seq = 9;
    QTest::newRow("dispatch_without_props")
        << encodeDispatch(empty)
        << QByteArray(R"({"type":"dispatch","seq":9,"oid":"e","kind":null,"parent":null,)"
                      R"("deleted":false,"props":{},"stamps":{}})");

    QTest::newRow("revoke") << encodeRevoke(4714, QStringLiteral("list-3"))
                            << QByteArray(R"({"type":"revoke","seq":4714,"oid":"list-3"})");
    QTest::newRow("reset") << encodeReset(4714) << QByteArray(R"({"type":"reset","seq":4714})");
    QTest::newRow("synced") << encodeSynced(4714) << QByteArray(R"({"type":"synced","seq":4714})");
    QTest::newRow("error") << encodeError(ErrorCode::Invalid,
                                          QStringLiteral("props must be an object"))
                           << QByteArray(R"({"type":"error","code":"invalid",)"
                                         R"("message":"props must be an object"})");
    QTest::newRow("error_with_oid")
        << encodeError(ErrorCode::Forbidden, QStringLiteral("not the owner"),
                       QStringLiteral("list-9"))
        << QByteArray(R"({"type":"error","code":"forbidden","oid":"list-9",)"
                      R"("message":"not the owner"})");
    QTest::newRow("shared") << encodeShared(QStringLiteral("list-9"), 4715)
                            << QByteArray(R"({"type":"shared","oid":"list-9","seq":4715})");
    QTest::newRow("pong") << encodePong(1764054000456)
                          << QByteArray(R"({"type":"pong","serverTime":1764054000456})");
}

void TestCodec::server_messages_encode_to_expected_objects()
{
    QFETCH(QByteArray, encoded);
    QFETCH(QByteArray, expected);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(encoded, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, encoded.constData());
    QVERIFY(document.isObject());
    QVERIFY2(document.object() == objectOf(expected), encoded.constData());
}

void TestCodec::fixed_messages_encode_byte_exact_data()
{
    QTest::addColumn<QByteArray>("encoded");
    QTest::addColumn<QByteArray>("expected");

    engine::ObjectState one;
    one.oid = QStringLiteral("ob1");
    one.kind = QStringLiteral("item");
    one.seq = 4713;
    one.props.insert(QStringLiteral("qty"), prop(QJsonValue(QStringLiteral("2")), 1764054000000,
                                                 QStringLiteral("dev-7f3a")));
    QTest::newRow("dispatch") << encodeDispatch(one)
                              << QByteArray(R"({"type":"dispatch","seq":4713,"oid":"ob1",)"
                                            R"("kind":"item","parent":null,"deleted":false,)"
                                            R"("props":{"qty":"2"},)"
                                            R"("stamps":{"qty":[1764054000000,"dev-7f3a"]}})");
    QTest::newRow("ack") << encodeAck(ServerAck{QStringList{QStringLiteral("d-1")}, 7, {}})
                         << QByteArray(R"({"type":"ack","ids":["d-1"],"seq":7})");
    QTest::newRow("ack_without_ids")
        << encodeAck(ServerAck{{}, 7, {}}) << QByteArray(R"({"type":"ack","ids":[],"seq":7})");
    QTest::newRow("pong") << encodePong(1764054000456)
                          << QByteArray(R"({"type":"pong","serverTime":1764054000456})");
    QTest::newRow("error_with_escapes")
        << encodeError(ErrorCode::TooLarge, QStringLiteral("a \"b\" \\ c\td"))
        << QByteArray(R"({"type":"error","code":"too_large","message":"a \"b\" \\ c\td"})");
    QTest::newRow("upload_end") << encodeUploadEnd() << QByteArray(R"({"type":"uploadEnd"})");
    QTest::newRow("ping") << encodePing() << QByteArray(R"({"type":"ping"})");
    QTest::newRow("client_ack") << encodeClientAck(4811)
                                << QByteArray(R"({"type":"ack","seq":4811})");
}

void TestCodec::fixed_messages_encode_byte_exact()
{
    QFETCH(QByteArray, encoded);
    QFETCH(QByteArray, expected);
    QCOMPARE(encoded, expected);
}

void TestCodec::dispatch_never_puts_deleted_into_props()
{
    engine::ObjectState state;
    state.oid = QStringLiteral("ob1");
    state.seq = 3;
    state.props.insert(engine::kDeletedProperty,
                       prop(QJsonValue(true), 10, QStringLiteral("dev-1")));
    const QJsonObject message = objectOf(encodeDispatch(state));
    QCOMPARE(message.value(QLatin1StringView("deleted")), QJsonValue(true));
    QVERIFY(message.value(QLatin1StringView("props")).toObject().isEmpty());
    QCOMPARE(message.value(QLatin1StringView("stamps")).toObject(),
             objectOf(R"({"_deleted":[10,"dev-1"]})"));
}

// ---- property values ----

void TestCodec::property_values_encode_exactly_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("integral_double_prints_as_integer")
        << QJsonValue(1764054000000.0) << QByteArray("1764054000000");
    QTest::newRow("zero") << QJsonValue(0) << QByteArray("0");
    QTest::newRow("negative_zero_prints_as_zero") << QJsonValue(-0.0) << QByteArray("0");
    QTest::newRow("negative_integer") << QJsonValue(qint64(-42)) << QByteArray("-42");
    QTest::newRow("integer_beyond_2_53_is_exact")
        << QJsonValue(qint64(9007199254740993)) << QByteArray("9007199254740993");
    QTest::newRow("int64_max_is_exact")
        << QJsonValue(std::numeric_limits<qint64>::max()) << QByteArray("9223372036854775807");
    QTest::newRow("int64_min_is_exact")
        << QJsonValue(std::numeric_limits<qint64>::min()) << QByteArray("-9223372036854775808");
    QTest::newRow("fraction_is_shortest") << QJsonValue(0.1) << QByteArray("0.1");
    QTest::newRow("negative_fraction") << QJsonValue(-2.5) << QByteArray("-2.5");
    QTest::newRow("huge_double_uses_exponent") << QJsonValue(1e300) << QByteArray("1e+300");
    QTest::newRow("denormal_double") << QJsonValue(5e-324) << QByteArray("5e-324");
    QTest::newRow("two_to_the_63_as_double")
        << QJsonValue(9223372036854775808.0) << QByteArray("9223372036854775808");
    QTest::newRow("nan_becomes_null") << QJsonValue(qQNaN()) << QByteArray("null");
    QTest::newRow("infinity_becomes_null") << QJsonValue(qInf()) << QByteArray("null");
    QTest::newRow("true") << QJsonValue(true) << QByteArray("true");
    QTest::newRow("false") << QJsonValue(false) << QByteArray("false");
    QTest::newRow("null") << QJsonValue(QJsonValue::Null) << QByteArray("null");
    QTest::newRow("undefined_becomes_null")
        << QJsonValue(QJsonValue::Undefined) << QByteArray("null");
    QTest::newRow("plain_string") << QJsonValue(QStringLiteral("food court"))
                                  << QByteArray(R"("food court")");
    QTest::newRow("empty_string") << QJsonValue(QString()) << QByteArray(R"("")");
    QTest::newRow("quote_and_backslash_are_escaped")
        << QJsonValue(QStringLiteral("a\"b\\c")) << QByteArray(R"("a\"b\\c")");
    QTest::newRow("control_characters_are_escaped")
        << QJsonValue(QString::fromUtf8("\n\t\r\b\f\x01\x1f"))
        << QByteArray(R"("\n\t\r\b\f\u0001\u001f")");
    QTest::newRow("nul_is_escaped") << QJsonValue(QString(QChar(0))) << QByteArray(R"("\u0000")");
    QTest::newRow("slash_and_del_stay_raw")
        << QJsonValue(QString::fromUtf8("a/b\x7f")) << QByteArray("\"a/b\x7f\"");
    QTest::newRow("two_byte_utf8") << QJsonValue(QStringLiteral("é")) << QByteArray("\"\xc3\xa9\"");
    QTest::newRow("three_byte_utf8")
        << QJsonValue(QStringLiteral("用")) << QByteArray("\"\xe7\x94\xa8\"");
    QTest::newRow("surrogate_pair_is_four_byte_utf8")
        << QJsonValue(QStringLiteral("😀")) << QByteArray("\"\xf0\x9f\x98\x80\"");
    QTest::newRow("lone_high_surrogate_is_escaped")
        << QJsonValue(QString(QChar(0xd800))) << QByteArray(R"("\ud800")");
    QTest::newRow("lone_low_surrogate_is_escaped")
        << QJsonValue(QString(QChar(0xdc00)) + u'x') << QByteArray(R"("\udc00x")");
    QTest::newRow("reversed_surrogates_are_escaped")
        << QJsonValue(QString(QChar(0xdc00)) + QChar(0xd800)) << QByteArray(R"("\udc00\ud800")");
    QTest::newRow("long_string_crosses_escape_slices")
        << QJsonValue(QString(5000, QChar(u'é')) + QStringLiteral("😀"))
        << QByteArray("\"" + QString(5000, QChar(u'é')).toUtf8() + "\xf0\x9f\x98\x80\"");
    QTest::newRow("nested_object_and_array")
        << QJsonValue(objectOf(R"({"a":[1,"x",null,{"b":true}],"c":{}})"))
        << QByteArray(R"({"a":[1,"x",null,{"b":true}],"c":{}})");
    QTest::newRow("empty_array") << QJsonValue(QJsonArray()) << QByteArray("[]");
    QTest::newRow("array_of_doubles")
        << QJsonValue(QJsonArray{1.0, 1.5, -3.0}) << QByteArray("[1,1.5,-3]");
}

void TestCodec::property_values_encode_exactly()
{
    QFETCH(QJsonValue, value);
    QFETCH(QByteArray, expected);
    JsonWriter writer;
    writer.value(value);
    QCOMPARE(writer.take(), expected);
    QCOMPARE(JsonWriter::encodedSize(value), expected.size());
}

void TestCodec::encoded_strings_survive_a_parse_round_trip()
{
    // Every UTF-16 unit, alone and paired, comes back from QJsonDocument as it went in.
    QString all;
    for (char32_t unit = 0; unit <= 0xffff; ++unit)
        all.append(QChar(static_cast<char16_t>(unit)));
    all += QStringLiteral("😀") + QChar(0xd83d); // a pair, then a lone high surrogate at the end
    JsonWriter writer;
    writer.raw(R"({"s":)");
    writer.string(all);
    writer.raw("}");
    const QByteArray json = writer.take();
    QCOMPARE(json.size(), JsonWriter::encodedStringSize(all) + 6);
    QCOMPARE(objectOf(json).value(QLatin1StringView("s")).toString(), all);
}

// ---- helpers ----

void TestCodec::nesting_depth_scan_skips_strings_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("depth");

    QTest::newRow("flat_object") << QByteArray(R"({"a":1})") << 1;
    QTest::newRow("nested") << QByteArray(R"({"a":{"b":[1,[2]]},"c":[]})") << 4;
    QTest::newRow("brackets_in_strings") << QByteArray(R"({"a":"{[{[","b":"]]]"})") << 1;
    QTest::newRow("escaped_quote_in_string") << QByteArray(R"({"a":"\"[[[","b":[1]})") << 2;
    QTest::newRow("escaped_backslash_before_quote") << QByteArray(R"({"a":"\\","b":[[1]]})") << 3;
    QTest::newRow("unterminated_string") << QByteArray(R"({"a":"[[[)") << 1;
    QTest::newRow("empty") << QByteArray() << 0;
    QTest::newRow("stops_above_limit") << nestedArrays(1000) << 11;
}

void TestCodec::nesting_depth_scan_skips_strings()
{
    QFETCH(QByteArray, json);
    QFETCH(int, depth);
    QCOMPARE(jsonNestingDepth(json, 10), depth);
}

void TestCodec::nesting_quick_check_agrees_with_exact_scan()
{
    // The quick check counts brackets eight bytes at a time: try every
    // alignment, bytes that differ from '{' and '[' in one bit, and strings.
    const QByteArray pieces[] = {"{",      "[",    "}",    "]",    "\"\\[\"",
                                 "\"{{\"", "\x5a", "\x7c", "\xdb", "\xfb",
                                 "\x3b",   "\x1b", "a",    ":",    "\xff"};
    std::mt19937 random(7);
    for (int round = 0; round < 20000; ++round) {
        QByteArray json;
        const int count = static_cast<int>(random() % 40);
        for (int i = 0; i < count; ++i)
            json += pieces[random() % std::size(pieces)];
        for (int limit = 0; limit <= 8; ++limit) {
            if (jsonNestingExceeds(json, limit) != (jsonNestingDepth(json, limit) > limit))
                QFAIL(qPrintable(QStringLiteral("disagree at limit %1 on %2")
                                     .arg(limit)
                                     .arg(QString::fromLatin1(json.toHex()))));
        }
    }
}

void TestCodec::identifiers_follow_section_2_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("cuid");
    QTest::addColumn<bool>("oid");
    QTest::addColumn<bool>("dispatchId");

    QTest::newRow("every_allowed_character")
        << QStringLiteral("AZaz09._:-") << true << true << true;
    QTest::newRow("empty") << QString() << false << false << false;
    QTest::newRow("64_chars") << QString(64, u'x') << true << true << true;
    QTest::newRow("65_chars") << QString(65, u'x') << false << true << false;
    QTest::newRow("128_chars") << QString(128, u'x') << false << true << false;
    QTest::newRow("129_chars") << QString(129, u'x') << false << false << false;
    QTest::newRow("space") << QStringLiteral("a b") << false << false << true;
    QTest::newRow("slash") << QStringLiteral("a/b") << false << false << true;
    QTest::newRow("non_ascii") << QStringLiteral("é") << false << false << true;
    QTest::newRow("64_emoji_are_64_chars")
        << QString(64, u'x').replace(u'x', QStringLiteral("😀")) << false << false << true;
    QTest::newRow("65_emoji_are_too_many")
        << QString(65, u'x').replace(u'x', QStringLiteral("😀")) << false << false << false;
}

void TestCodec::identifiers_follow_section_2()
{
    QFETCH(QString, text);
    QFETCH(bool, cuid);
    QFETCH(bool, oid);
    QFETCH(bool, dispatchId);
    QCOMPARE(isValidCuid(text), cuid);
    QCOMPARE(isValidOid(text), oid);
    QCOMPARE(isValidDispatchId(text), dispatchId);
}

void TestCodec::error_codes_round_trip_by_name()
{
    const QList<QPair<ErrorCode, QString>> codes = {
        {ErrorCode::Invalid, QStringLiteral("invalid")},
        {ErrorCode::AuthFailed, QStringLiteral("auth_failed")},
        {ErrorCode::Forbidden, QStringLiteral("forbidden")},
        {ErrorCode::TooLarge, QStringLiteral("too_large")},
        {ErrorCode::RateLimited, QStringLiteral("rate_limited")},
        {ErrorCode::Replaced, QStringLiteral("replaced")},
        {ErrorCode::Unavailable, QStringLiteral("unavailable")},
    };
    for (const auto &[code, name] : codes) {
        QCOMPARE(errorCodeName(code), name);
        QVERIFY(errorCodeFromName(name) == code);
    }
    QVERIFY(!errorCodeFromName(u"Invalid"));
    QVERIFY(!errorCodeFromName(u""));
}

QTEST_GUILESS_MAIN(TestCodec)
#include "tst_codec.moc"
