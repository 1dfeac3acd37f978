#pragma once

#include "admin/adminclient.h"
#include "protocol/adminmessages.h"
#include "protocol/messages.h"

#include <QList>
#include <QString>

namespace seneschal::admincli {

enum class Command {
    Devices,
    Queue,
    History,
    Object,
    Objects,
    Users,
    Groups,
    Disconnect,
    Expire,
    Share,
    User,
    Group,
    Watch,
};

// The options every command takes.
struct GlobalOptions
{
    QString server; // as given by --server; empty: SENESCHAL_ADMIN_URL or the default
    QString user;   // empty: log in with SENESCHAL_ADMIN_TOKEN
    QString caFile;
    bool json = false;
    int timeoutSeconds = 30; // for connecting, and for each answer
};

// One page, or all of them (`--all`), of a paged query.
struct Paging
{
    int limit = 0; // 0: the server's default (or 1000 per page with --all)
    QString after; // empty: from the first page
    bool all = false;
};

// What the operator asked for, read from the command line; only the members
// of `command` are set.
struct Invocation
{
    GlobalOptions global;
    Command command = Command::Devices;

    // devices
    bool onlineOnly = false;
    bool behindOnly = false;
    // queue, disconnect, expire
    QString cuid;
    // object
    QString oid;
    // queue, history, objects
    Paging paging;
    admin::HistoryFilter history;
    admin::ObjectsFilter objects;
    // share
    protocol::Share share;
    // user: the password is read from stdin for add (unless noPassword) and passwd
    protocol::admin::UserAction user;
    bool noPassword = false;
    // group
    protocol::admin::GroupAction group;
    // watch
    QList<protocol::admin::Topic> topics;
    int count = 0; // events to print before stopping; 0: until interrupted
    bool snapshots = false;

    // A user add or passwd: a new password is read from stdin.
    bool needsNewPassword() const
    {
        return command == Command::User &&
               (user.op == protocol::admin::UserOp::Passwd ||
                (user.op == protocol::admin::UserOp::Add && !noPassword));
    }
};

} // namespace seneschal::admincli
