#pragma once

#include "protocol/adminmessages.h"
#include "protocol/messages.h"
#include "viewer.h"

#include <QByteArray>
#include <QString>
#include <optional>
#include <variant>

namespace seneschal::sync {

using SessionId = quint64;

// What sessions ask of the sync service. Commands are queued and processed in
// order, many per transaction.

// A session logged in: bind its cuid to the user and plan its catch-up.
struct AttachCommand
{
    SessionId session = 0;
    QString cuid;
    Viewer viewer;
    qint64 since = 0;
    QString address;            // the peer's, for the admin interface
    qint64 connectedAt = 0;     // ms
    QStringList providerGroups; // those of viewer.groups from LDAP or a token
};

// A client dispatch, during the upload (rehydrate) or live.
struct SubmitCommand
{
    SessionId session = 0;
    bool upload = false;
    protocol::ClientDispatch dispatch;
    QByteArray raw; // the frame as received, for the dispatch log
    qint64 receivedMs = 0;
};

// The client finished its upload: broadcast what it changed, then spool.
struct UploadEndCommand
{
    SessionId session = 0;
};

// The device durably applied everything up to `seq`.
struct CursorCommand
{
    SessionId session = 0;
    qint64 seq = 0;
};

// The owner (or an admin) changes an object's access list or access. From
// the admin interface `req` is set and `admin` is the console's user (its
// session is not a device's).
struct ShareCommand
{
    SessionId session = 0;
    protocol::Share share;
    QString req;
    std::optional<Viewer> admin;
};

// The connection ended; deferred upload broadcasts go out now.
struct DetachCommand
{
    SessionId session = 0;
};

// A request of an admin session (PROTOCOL.md section 10), answered by the
// admin desk on the sync thread. An empty `req` asks for no answer (the
// session unsubscribing after a resync).
struct AdminCommand
{
    SessionId session = 0;
    Viewer admin;
    protocol::admin::Request request;
};

// An admin session ended: its subscriptions go.
struct AdminLeftCommand
{
    SessionId session = 0;
};

using Command = std::variant<AttachCommand, SubmitCommand, UploadEndCommand, CursorCommand,
                             ShareCommand, DetachCommand, AdminCommand, AdminLeftCommand>;

} // namespace seneschal::sync
