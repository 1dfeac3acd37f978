#include "servicenotifier.h"

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <ctime>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace seneschal::app {

using namespace Qt::StringLiterals;

namespace {
QByteArray statusLine(const QString &status)
{
    // One line: a newline would start another assignment.
    QByteArray line = status.toUtf8();
    line.replace('\n', ' ');
    return "STATUS=" + line;
}
} // namespace

ServiceNotifier::ServiceNotifier()
    : ServiceNotifier(qgetenv("NOTIFY_SOCKET"))
{}

ServiceNotifier::ServiceNotifier(QByteArray socketName)
    : m_socketName(std::move(socketName))
{}

ServiceNotifier::~ServiceNotifier() = default;

bool ServiceNotifier::ready(const QString &status)
{
    return send("READY=1\n" + statusLine(status));
}

bool ServiceNotifier::reloading()
{
    // systemd 253 and later want the monotonic time of the reload request.
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    const quint64 usec = quint64(now.tv_sec) * 1000000u + quint64(now.tv_nsec) / 1000u;
    return send("RELOADING=1\nMONOTONIC_USEC=" + QByteArray::number(usec) +
                "\nSTATUS=reloading the certificate");
}

bool ServiceNotifier::stopping(const QString &status)
{
    return send("STOPPING=1\n" + statusLine(status));
}

bool ServiceNotifier::status(const QString &status)
{
    return send(statusLine(status));
}

bool ServiceNotifier::send(const QByteArray &message)
{
    m_error.clear();
    if (m_socketName.isEmpty())
        return true;
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    // "@name" is a name in the abstract namespace: a leading NUL, no terminator.
    const bool abstract = m_socketName.startsWith('@');
    if ((!abstract && !m_socketName.startsWith('/')) ||
        size_t(m_socketName.size()) >= sizeof(address.sun_path)) {
        m_error = u"NOTIFY_SOCKET is not a socket path: "_s + QString::fromLocal8Bit(m_socketName);
        return false;
    }
    std::memcpy(address.sun_path, m_socketName.constData(), size_t(m_socketName.size()));
    if (abstract)
        address.sun_path[0] = '\0';
    const auto length = socklen_t(offsetof(sockaddr_un, sun_path) + size_t(m_socketName.size()) +
                                  (abstract ? 0 : 1));

    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        m_error = u"socket: "_s + QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    const ssize_t sent = ::sendto(fd, message.constData(), size_t(message.size()), MSG_NOSIGNAL,
                                  reinterpret_cast<const sockaddr *>(&address), length);
    const int sendError = errno;
    ::close(fd);
    if (sent != ssize_t(message.size())) {
        m_error = u"cannot notify %1: %2"_s.arg(QString::fromLocal8Bit(m_socketName),
                                                QString::fromLocal8Bit(std::strerror(sendError)));
        return false;
    }
    return true;
}

} // namespace seneschal::app
