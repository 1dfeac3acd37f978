#pragma once

#include <QHash>
#include <QHostAddress>

namespace seneschal::session {

// How many WebSocket connections (devices and consoles) are open, in all
// and per peer address, against the limits of the `[limits]` section: a
// connection past `maxConnections` is refused as `unavailable` (4503), one
// past `maxConnectionsPerAddress` as `rate_limited` (4429), both with a
// hint when to try again. 0 means no limit.
class ConnectionQuota
{
public:
    enum class Verdict { Admitted, ServerFull, AddressFull };

    ConnectionQuota(int maxConnections, int maxPerAddress)
        : m_max(maxConnections)
        , m_maxPerAddress(maxPerAddress)
    {}

    // Counts the connection when admitted; release() it when it ends.
    Verdict admit(const QHostAddress &address);
    void release(const QHostAddress &address);

    int open() const { return m_open; }
    int openFrom(const QHostAddress &address) const { return m_byAddress.value(key(address)); }

private:
    // IPv4 peers of a dual-stack socket come as ::ffff:a.b.c.d.
    static QHostAddress key(const QHostAddress &address);

    int m_max;
    int m_maxPerAddress;
    int m_open = 0;
    QHash<QHostAddress, int> m_byAddress;
};

} // namespace seneschal::session
