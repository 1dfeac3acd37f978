#pragma once

#include "protocol/messages.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace seneschal::client {

// The dispatches this device made that the server has not acknowledged yet,
// in the order they were made. A dispatch leaves only when it is acknowledged
// or rejected; everything still here is sent again in the next rehydrate.
// With a file path it is also kept on disk (rewritten atomically on every
// change) so it survives a restart, together with the id counter.
class Outbox
{
public:
    explicit Outbox(const QString &path = {});

    const QString &path() const noexcept { return m_path; }
    // Reads the file, when there is one; false with a message when it is unreadable.
    bool load(QString *errorMessage = nullptr);

    // A new dispatch id, unique for this cuid: "<counter>-<random>".
    QString nextId();

    void append(const protocol::ClientDispatch &dispatch);
    // Removes the dispatch and returns it; nullopt when it is not here.
    std::optional<protocol::ClientDispatch> take(const QString &id);
    void clear();

    bool contains(const QString &id) const { return indexOf(id) >= 0; }
    const protocol::ClientDispatch *find(const QString &id) const;
    const QList<protocol::ClientDispatch> &entries() const noexcept { return m_entries; }
    QStringList ids() const;
    qsizetype size() const noexcept { return m_entries.size(); }
    bool isEmpty() const noexcept { return m_entries.isEmpty(); }

private:
    qsizetype indexOf(const QString &id) const;
    void save();

    QString m_path;
    quint64 m_counter = 0;
    QList<protocol::ClientDispatch> m_entries;
};

} // namespace seneschal::client
