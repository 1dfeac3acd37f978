#pragma once

#include "protocol/adminmessages.h"
#include "wsconnection.h"

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <array>
#include <vector>

namespace seneschal::bench {

class DeliveryClock;

// An admin console on /v1/admin (PROTOCOL.md section 10) that watches
// everything: hello with an admin's password, one subscribe to all five
// topics, and a new subscribe for the topics of each `resync`, as a real
// console does. It counts snapshots, events per topic, bytes and resyncs,
// and keeps the server's highest seq as each `stats` event and each device
// row (cursor + lag) showed it, with the time it arrived, so the console's
// lag behind the devices can be told afterwards from a DeliveryClock.
class AdminConsole : public QObject, private WsConnection::Handler
{
    Q_OBJECT
public:
    static constexpr int kTopics = int(std::size(protocol::admin::kAllTopics));

    AdminConsole(QString cuid, QString user, QString password, QObject *parent = nullptr);
    ~AdminConsole() override;

    void connectTo(quint16 port);
    void disconnectFromServer();
    // Every topic's snapshot has arrived since the first subscribe.
    bool isWatching() const { return m_snapshotsPending == 0 && m_subscribedUs > 0; }
    bool isClosed() const { return m_closed; }
    QString lastError() const { return m_lastError; }

    // Starts the measured window: counts from now until endWindow(); lag
    // marks and resyncs from now until summary(), since what the server
    // committed late in the window may reach a console behind it later.
    void resetCounters();
    void endWindow() { m_windowOpen = false; }
    // The highest seq a `stats` event has shown so far.
    qint64 highestShown() const { return m_highestShown; }
    // The window's figures (the window from fromUs to toUs). Lags against
    // `clock`, for the seqs the devices first received within the window,
    // whenever the console was shown them; call once it has been.
    QJsonObject summary(const DeliveryClock &clock, qint64 fromUs, qint64 toUs) const;

private:
    struct Seen
    {
        qint64 highestSeq = 0;
        qint64 us = 0;
    };
    // The server's own rates as `stats` showed them.
    struct Rates
    {
        double dispatchesPerSec = 0;
        double deliveriesPerSec = 0;
    };

    void onOpened() override;
    void onText(QByteArrayView frame) override;
    void onClosed(int closeCode) override;
    void subscribe(const QList<protocol::admin::Topic> &topics);
    void noteEvent(const protocol::admin::Event &event, qint64 arrivedUs);

    QString m_cuid;
    QString m_user;
    QString m_password;
    WsConnection *m_connection = nullptr;
    bool m_closed = false;
    int m_closeCode = 0;
    QString m_lastError;
    int m_nextReq = 0;

    qint64 m_subscribedUs = 0;
    int m_snapshotsPending = 0;
    qint64 m_snapshotsDoneUs = 0;
    std::array<qint64, kTopics> m_snapshotRows{};
    qint64 m_snapshotBytes = 0;

    // The measured window.
    bool m_windowOpen = false;
    bool m_recording = false;
    qint64 m_highestShown = 0;
    std::array<qint64, kTopics> m_events{};
    std::array<qint64, kTopics> m_resyncs{};
    qint64 m_snapshots = 0; // snapshots again after a resync
    qint64 m_frames = 0;
    qint64 m_bytes = 0;
    qint64 m_errors = 0;
    qint64 m_unreadable = 0;
    qint64 m_parseUs = 0; // the console's own time reading frames
    std::vector<Seen> m_stats;
    std::vector<Rates> m_rates;
    std::vector<Seen> m_deviceRows;
};

} // namespace seneschal::bench
