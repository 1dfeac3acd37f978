#pragma once

#include <QByteArray>
#include <QString>

namespace seneschal::app {

// Tells the service manager how the server is doing, in systemd's sd_notify
// protocol (one datagram to the socket named by $NOTIFY_SOCKET; no libsystemd
// needed): ready once it listens, reloading and ready again around a
// certificate reload, stopping when it begins to shut down. Does nothing when
// the process was not started as a Type=notify service (no NOTIFY_SOCKET).
// On Windows (servicenotifier_win.cpp) it reports to the service control
// manager when the server runs as a service, and stopped when destroyed.
class ServiceNotifier
{
public:
    // Reads NOTIFY_SOCKET from the environment.
    ServiceNotifier();
    // Notifies this socket: "/path" or "@abstract-name"; empty: nothing.
    explicit ServiceNotifier(QByteArray socketName);
    ~ServiceNotifier();
    ServiceNotifier(const ServiceNotifier &) = delete;
    ServiceNotifier &operator=(const ServiceNotifier &) = delete;

    bool isActive() const { return !m_socketName.isEmpty(); }

    // Each sends one notification and says whether it was delivered (true
    // when inactive: there is no one to tell). `status` is a one-line text
    // that `systemctl status` shows.
    bool ready(const QString &status);
    bool reloading();
    bool stopping(const QString &status);
    bool status(const QString &status);

    // Why the last notification could not be sent; empty when it was.
    QString errorString() const { return m_error; }

private:
    bool send(const QByteArray &message);

    QByteArray m_socketName;
    QString m_error;
    // Windows: a service that stops without having been ready failed to start.
    [[maybe_unused]] bool m_wasReady = false;
};

} // namespace seneschal::app
