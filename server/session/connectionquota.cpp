#include "connectionquota.h"

namespace seneschal::session {

QHostAddress ConnectionQuota::key(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

ConnectionQuota::Verdict ConnectionQuota::admit(const QHostAddress &address)
{
    if (m_max > 0 && m_open >= m_max)
        return Verdict::ServerFull;
    int &fromAddress = m_byAddress[key(address)];
    if (m_maxPerAddress > 0 && fromAddress >= m_maxPerAddress)
        return Verdict::AddressFull;
    ++fromAddress;
    ++m_open;
    return Verdict::Admitted;
}

void ConnectionQuota::release(const QHostAddress &address)
{
    const QHostAddress k = key(address);
    auto it = m_byAddress.find(k);
    if (it == m_byAddress.end())
        return;
    --m_open;
    if (--*it <= 0)
        m_byAddress.erase(it);
}

} // namespace seneschal::session
