// Windows has no notification socket. When the server runs as a Windows
// service (--service, windowsservice.h) the notifier reports to the service
// control manager instead: running once ready, stop pending when stopping,
// and stopped when it is destroyed, which main() does last. Otherwise there
// is no one to tell and every call succeeds.
#include "servicenotifier.h"
#include "windowsservice.h"

namespace seneschal::app {

namespace {
// How long a graceful stop may take before the service manager gives up
// (the unit's TimeoutStopSec).
constexpr std::uint32_t stopWaitHintMs = 30000;
} // namespace

ServiceNotifier::ServiceNotifier() = default;

ServiceNotifier::ServiceNotifier(QByteArray socketName)
    : m_socketName(std::move(socketName))
{
    m_socketName.clear();
}

ServiceNotifier::~ServiceNotifier()
{
    winservice::reportStopped(m_wasReady ? 0 : 1);
}

bool ServiceNotifier::ready(const QString &)
{
    m_wasReady = true;
    winservice::reportRunning();
    return true;
}

bool ServiceNotifier::reloading()
{
    return true;
}

bool ServiceNotifier::stopping(const QString &)
{
    winservice::reportStopping(stopWaitHintMs);
    return true;
}

bool ServiceNotifier::status(const QString &)
{
    return true;
}

bool ServiceNotifier::send(const QByteArray &)
{
    return true;
}

} // namespace seneschal::app
