#pragma once

#include "protocol/adminmessages.h"
#include "protocol/errorcode.h"

#include <QCoreApplication>
#include <QString>

namespace seneschal::admingui {

// The console's words for what the server says in codes: the error codes of
// PROTOCOL.md section 5 and the WebSocket close codes, in the operator's
// language. The server's own message stays English (it is a log line) and is
// shown beside the translated sentence.
class ErrorText
{
    Q_DECLARE_TR_FUNCTIONS(seneschal::admingui::ErrorText)

public:
    static QString code(protocol::ErrorCode code);
    // A code as the wire spells it ("forbidden"); unknown names as they are.
    static QString codeName(const QString &name);
    // "Not allowed ... (server: unknown cuid)".
    static QString error(const protocol::admin::AdminError &error);
    // Why a connection ended, from its close code.
    static QString closeCode(int closeCode);
};

} // namespace seneschal::admingui
