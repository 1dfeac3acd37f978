// Windows has no soft limit on open sockets to raise: a process may hold
// up to 2^24 handles, sockets among them.
#include "openfilelimit.h"

namespace seneschal::app {

OpenFileLimit raiseOpenFileLimit()
{
    constexpr quint64 handleLimit = quint64(1) << 24;
    return {handleLimit, handleLimit, {}};
}

} // namespace seneschal::app
