// Windows has no notification socket: the service control handler reports
// the service's state there. Nothing to tell, so every call succeeds.
#include "servicenotifier.h"

namespace seneschal::app {

ServiceNotifier::ServiceNotifier() = default;

ServiceNotifier::ServiceNotifier(QByteArray socketName)
    : m_socketName(std::move(socketName))
{
    m_socketName.clear();
}

bool ServiceNotifier::ready(const QString &)
{
    return true;
}

bool ServiceNotifier::reloading()
{
    return true;
}

bool ServiceNotifier::stopping(const QString &)
{
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
