// libFuzzer target for the admin codec (PROTOCOL.md section 10). Any byte
// string must parse, as a console's message and as a server's, to a message
// or to an error without crashing; a parsed request must survive
// encode -> parse as the same kind of request with the same req, and its
// encoding must be a fixed point. Tight limits exercise the size and depth
// checks.

#include "protocol/admincodec.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace seneschal::protocol;
using namespace seneschal::protocol::admin;

namespace {

[[noreturn]] void fail(const char *what, const QByteArray &input, const QByteArray &detail)
{
    std::fprintf(stderr, "fuzz_admincodec: %s\ninput: %s\ndetail: %s\n", what, input.constData(),
                 detail.constData());
    std::abort();
}

void checkRequest(const Request &request, const QByteArray &input)
{
    // Escaping may make the encoding longer than the input (a raw control
    // character becomes \u0000): read it back under the default limits.
    const QByteArray encoded = encodeRequest(request);
    auto again = parseAdminClientMessage(encoded, Limits{});
    const auto *message = std::get_if<AdminClientMessage>(&again);
    if (!message)
        fail("an encoded request does not parse", input, encoded);
    const auto *parsed = std::get_if<Request>(message);
    if (!parsed)
        fail("an encoded request parses as something else", input, encoded);
    if (parsed->req != request.req || parsed->body.index() != request.body.index())
        fail("a request changed through encode and parse", input, encoded);
    if (encodeRequest(*parsed) != encoded)
        fail("the request encoding is not a fixed point", input, encoded);
}

void run(const QByteArray &input, const Limits &limits)
{
    auto parsed = parseAdminClientMessage(input, limits);
    if (const auto *message = std::get_if<AdminClientMessage>(&parsed)) {
        if (const auto *request = std::get_if<Request>(message))
            checkRequest(*request, input);
    } else {
        const auto &error = std::get<AdminParseError>(parsed);
        if (error.message.isEmpty())
            fail("an error without a message", input, {});
    }
    // The console's parser must survive anything a server could send.
    (void)parseAdminServerMessage(input);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    run(input, Limits{});
    Limits tight;
    tight.maxMessageBytes = 512;
    tight.maxDepth = 4;
    tight.maxProps = 3;
    run(input, tight);
    return 0;
}
