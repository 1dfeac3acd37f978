#pragma once

#include "invocation.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace seneschal::admincli {

// What the command line asked for: a command to run, the help, or nothing
// that makes sense (with what was wrong, for the operator).
struct ParseOutcome
{
    enum class Kind { Run, Help, Usage };
    Kind kind = Kind::Usage;
    Invocation invocation; // Kind::Run
    QString message;       // Kind::Usage
};

// Reads `seneschal-admin --cli`'s arguments (after `--cli`) into an
// Invocation: global options anywhere, one command with its own options
// and operands, identifiers checked by the rules of PROTOCOL.md section 2
// so that a typo is a usage error and not a round trip. Reads nothing but
// its arguments (no environment, no stdin).
class ArgumentParser
{
public:
    ParseOutcome parse(const QStringList &arguments) const;

    // The full `--help` text, and the line that ends every usage error.
    static QString helpText();
    static QString usageHint();

    // A time as milliseconds since the epoch, or ISO 8601 (a time without an
    // offset is UTC): "1764054000000", "2025-11-25", "2025-11-25T07:00:00Z",
    // "2025-11-25T08:00:00+01:00".
    static std::optional<qint64> parseTime(const QString &text);
};

} // namespace seneschal::admincli
