#pragma once

namespace seneschal::admincli {

// What `seneschal-admin --cli` tells its caller; scripts branch on these.
enum class ExitCode : int {
    Done = 0,        // the command ran (and `--help`)
    Refused = 1,     // the server answered with an error
    Usage = 2,       // the command line (or the input on stdin) was wrong
    Unreachable = 3, // no connection, no login, or the connection was lost
};

inline int toInt(ExitCode code)
{
    return static_cast<int>(code);
}

} // namespace seneschal::admincli
