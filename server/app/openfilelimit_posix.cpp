#include "openfilelimit.h"

#include <cerrno>
#include <cstring>
#include <sys/resource.h>

namespace seneschal::app {

using namespace Qt::StringLiterals;

OpenFileLimit raiseOpenFileLimit()
{
    OpenFileLimit result;
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        result.error = u"getrlimit: "_s + QString::fromLocal8Bit(std::strerror(errno));
        return result;
    }
    result.before = limit.rlim_cur;
    result.now = limit.rlim_cur;
    if (limit.rlim_cur == limit.rlim_max)
        return result;
    limit.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &limit) != 0) {
        result.error = u"setrlimit: "_s + QString::fromLocal8Bit(std::strerror(errno));
        return result;
    }
    result.now = limit.rlim_cur;
    return result;
}

} // namespace seneschal::app
