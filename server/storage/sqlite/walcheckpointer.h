#pragma once

#include <QString>
#include <QThread>
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

    // False when the connection did not open: the thread has ended and the
    // committing connection must keep checkpointing itself.
    bool isRunning() const { return m_running; }

    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

private:
    std::unique_ptr<QThread> m_thread;
    bool m_running = false;
};

} // namespace seneschal::storage
