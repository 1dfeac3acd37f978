#pragma once

#include "protocol/errorcode.h"

#include <QByteArray>
#include <QString>

namespace seneschal::session {

// What the hub needs of an admin session (server/admin) to deliver the
// admin desk's answers and events: the hub routes, the session decides how
// a slow console is treated.
class AdminPeer
{
public:
    virtual ~AdminPeer() = default;
    virtual void sendFrame(const QByteArray &frame) = 0;
    virtual void sendEvent(int topic, const QByteArray &frame) = 0;
    virtual void closeWithError(protocol::ErrorCode code, const QString &message) = 0;
    virtual void closeWith(int closeCode, const QString &reason) = 0;
};

} // namespace seneschal::session
