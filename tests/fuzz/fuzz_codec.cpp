// libFuzzer target for the protocol codec. Any byte string must parse to a
// message or to an error without crashing; a message must survive
// encode -> parse unchanged, and its encoding must be a fixed point. The same
// holds under tight limits, which exercise the size and depth checks.

#include "../protocol/clientmessagetools.h"
#include "protocol/codec.h"
#include "protocol/jsonwriter.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace seneschal;
using namespace seneschal::protocol;
using seneschal::protocol::testing::describe;
using seneschal::protocol::testing::encodeClientMessage;
using seneschal::protocol::testing::sameMessage;

namespace {

[[noreturn]] void fail(const char *what, const QByteArray &input, const QByteArray &detail)
{
    std::fprintf(stderr, "fuzz_codec: %s\ninput: %s\ndetail: %s\n", what, input.constData(),
                 detail.constData());
    std::abort();
}

// What a server dispatch of the parsed props must look like once parsed.
void checkServerEncoding(const ClientDispatch &dispatch, const QByteArray &input)
{
    engine::ObjectState state;
    state.oid = dispatch.oid;
    state.kind = dispatch.kind;
    state.parent = dispatch.parent;
    state.seq = 1;
    QJsonObject expectedProps;
    for (auto it = dispatch.props.constBegin(); it != dispatch.props.constEnd(); ++it) {
        state.props.insert(
            it.key(),
            engine::Property{it.value(), engine::Stamp{dispatch.ts, dispatch.oid, dispatch.id}});
        if (it.key() != engine::kDeletedProperty)
            expectedProps.insert(it.key(), it.value());

        JsonWriter writer;
        writer.value(it.value());
        const QByteArray encoded = writer.take();
        if (encoded.size() != JsonWriter::encodedSize(it.value()))
            fail("encodedSize disagrees with the writer", input, encoded);
    }
    const QByteArray encoded = encodeDispatch(state);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(encoded, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        fail("encodeDispatch wrote invalid JSON", input, encoded);
    if (document.object().value(QLatin1StringView("props")).toObject() != expectedProps)
        fail("encodeDispatch changed the props", input, encoded);
}

void roundTrip(const QByteArray &input, const Limits &limits)
{
    const auto first = parseClientMessage(input, limits);
    if (const auto *error = std::get_if<ParseError>(&first)) {
        if (error->message.isEmpty())
            fail("an error without a message", input, describe(first));
        if (!error->dispatchId.isEmpty() && !isValidDispatchId(error->dispatchId))
            fail("an error naming an invalid dispatch id", input, describe(first));
        if (!error->oid.isEmpty() && !isValidOid(error->oid))
            fail("an error naming an invalid oid", input, describe(first));
        return;
    }
    const ClientMessage &message = std::get<ClientMessage>(first);
    const QByteArray encoded = encodeClientMessage(message);
    const auto second = parseClientMessage(encoded, limits);
    if (!std::holds_alternative<ClientMessage>(second))
        fail("the encoding of a parsed message does not parse", input,
             encoded + " -> " + describe(second));
    if (!sameMessage(std::get<ClientMessage>(second), message))
        fail("a message changed in an encode/parse round trip", input,
             encoded + " -> " + describe(second));
    if (encodeClientMessage(std::get<ClientMessage>(second)) != encoded)
        fail("encoding is not a fixed point", input, encoded);
    if (const auto *dispatch = std::get_if<ClientDispatch>(&message))
        checkServerEncoding(*dispatch, input);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));

    roundTrip(input, Limits{});

    Limits tight;
    tight.maxProps = 3;
    tight.maxDepth = 4;
    tight.maxNameLength = 8;
    tight.maxValueBytes = 24;
    roundTrip(input, tight);
    return 0;
}
