#pragma once

#include "admin/adminclient.h"
#include "exitcode.h"
#include "invocation.h"
#include "outputformatter.h"

#include <QList>
#include <QObject>

namespace seneschal::admincli {

// The `watch` command: subscribes to the topics and prints their events as
// they come (and their snapshots with --snapshots) until --count events or
// until interrupted. A lost connection is tried again, as the console does;
// the server refusing the session (or the subscription) ends it.
class EventWatcher : public QObject
{
    Q_OBJECT

public:
    EventWatcher(admin::AdminClient &client, const Invocation &invocation, OutputFormatter &output,
                 QObject *parent = nullptr);

    void start();

Q_SIGNALS:
    void finished(seneschal::admincli::ExitCode code);

private:
    void onSnapshot(protocol::admin::Topic topic, const QJsonArray &rows);
    void onEvent(protocol::admin::Topic topic, protocol::admin::EventOp op, const QJsonObject &row);
    void onError(const protocol::admin::AdminError &error);
    void finish(ExitCode code);

    admin::AdminClient &m_client;
    Invocation m_invocation;
    OutputFormatter &m_output;
    int m_events = 0;
    QList<protocol::admin::Topic> m_snapshotSeen;
    protocol::admin::AdminError m_lastLoginError;
    bool m_finished = false;
};

} // namespace seneschal::admincli
