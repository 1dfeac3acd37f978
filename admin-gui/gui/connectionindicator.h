#pragma once

#include "admin/adminclient.h"

#include <QLabel>

class QTimer;

namespace seneschal::admingui {

class ConsoleSession;

// The status bar's word on the session: live (and as whom, where),
// connecting, reconnecting (with the seconds to the next try and why the
// last connection ended), or offline.
class ConnectionIndicator : public QLabel
{
    Q_OBJECT

public:
    explicit ConnectionIndicator(ConsoleSession *session, QWidget *parent = nullptr);

    admin::AdminClient::State state() const { return m_state; }
    // "live", "connecting", "reconnecting" or "offline", whatever the language.
    QString stateName() const;

private:
    void update();

    ConsoleSession *m_session;
    admin::AdminClient::State m_state = admin::AdminClient::State::Offline;
    QTimer *m_tick;
    qint64 m_retryAt = 0;
    int m_lastClose = 0;
};

} // namespace seneschal::admingui
