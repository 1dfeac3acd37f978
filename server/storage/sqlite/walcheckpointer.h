#pragma once

#include <QMutex>
#include <QString>
#include <QThread>
#include <QWaitCondition>
#include <memory>

namespace seneschal::storage {

// Copies the write-ahead log of a SQLite database back into the database
// file from a thread of its own, with its own connection, so that the
// connection that commits (the sync service's) never pays for a checkpoint:
// a checkpoint writes up to a thousand pages and syncs the database file,
// 5-10 ms here, which showed as the tail of every latency figure. PASSIVE
// checkpoints never block the writer; SQLite restarts the log from its
// beginning once it has been copied completely.
class WalCheckpointer
{
public:
    // Starts checkpointing `databasePath` every `intervalMs`; returns once
    // the thread's connection is open (or failed to open).
    WalCheckpointer(const QString &databasePath, int intervalMs);
    ~WalCheckpointer(); // stops and joins the thread

    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    // False when the connection did not open: the thread has ended and the
    // committing connection must keep checkpointing itself.
    bool isRunning() const { return m_running; }

private:
    void run(const QString &databasePath, int intervalMs);

    std::unique_ptr<QThread> m_thread;
    QMutex m_mutex;
    QWaitCondition m_changed; // the connection opened, or stop was asked
    bool m_opened = false;
    bool m_running = false;
    bool m_stop = false;
};

} // namespace seneschal::storage
