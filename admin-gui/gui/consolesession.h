#pragma once

#include "admin/adminclient.h"

#include <QObject>
#include <QString>
#include <memory>

namespace seneschal::admin {
class AccessModel;
class AuditModel;
class DevicesModel;
class HistoryModel;
class StatsModel;
} // namespace seneschal::admin

namespace seneschal::admingui {

// The console's one session with a server: the AdminClient and the live
// models of every topic, subscribed as soon as the session opens. The
// models outlive the client: while it reconnects they keep their rows, and
// a new snapshot replaces them once it is back. Views reach the client
// through client() at the moment they send a request (it changes when the
// operator connects elsewhere).
class ConsoleSession : public QObject
{
    Q_OBJECT

public:
    explicit ConsoleSession(QObject *parent = nullptr);
    ~ConsoleSession() override;

    // Closes the current session (if any) and opens one with `options`. The
    // models are emptied when the server differs from the last one.
    void open(const admin::AdminClientOptions &options);
    void close();

    // Null before the first open().
    admin::AdminClient *client() const { return m_client.get(); }
    admin::AdminClient::State state() const;
    bool isLive() const;
    // "host:port" of the server, and the user, of the current session.
    QString serverName() const;
    QString userName() const;

    admin::DevicesModel *devices() const { return m_devices; }
    admin::StatsModel *stats() const { return m_stats; }
    admin::HistoryModel *history() const { return m_history; }
    admin::AccessModel *access() const { return m_access; }
    admin::AuditModel *audit() const { return m_audit; }

    // Asks for a new snapshot of `topic` (unsubscribe, subscribe).
    void resubscribe(protocol::admin::Topic topic);

    // For views: a short line for the status bar, errors in the operator's
    // language.
    void notify(const QString &text);
    void notifyError(const protocol::admin::AdminError &error);

Q_SIGNALS:
    void clientChanged(seneschal::admin::AdminClient *client);
    void stateChanged(seneschal::admin::AdminClient::State state);
    void welcomed();
    // The client gave up (4401, 4403, 4409): the operator must act.
    void stopped(int closeCode, const QString &reason);
    void tlsFailed(const QString &problems);
    void message(const QString &text, bool error);

private:
    std::unique_ptr<admin::AdminClient> m_client;
    admin::DevicesModel *m_devices;
    admin::StatsModel *m_stats;
    admin::HistoryModel *m_history;
    admin::AccessModel *m_access;
    admin::AuditModel *m_audit;
    QUrl m_lastServer;
};

} // namespace seneschal::admingui
