#pragma once

#include "admin/adminclient.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

namespace seneschal::admincli {

// Brings an AdminClient to its first welcome, or says why not: the server's
// refusal (its error code and message), a certificate that cannot be
// verified, a socket error, a close, or no welcome in time. A one-shot tool
// does not retry: the first failure stops the client.
class SessionOpener : public QObject
{
    Q_OBJECT

public:
    SessionOpener(admin::AdminClient &client, int timeoutMs, QObject *parent = nullptr);

    void open();

Q_SIGNALS:
    void opened();
    // `code`: the server's error code, empty when it said none.
    void failed(const QString &code, const QString &message);

private:
    void fail(const QString &code, const QString &message);
    void onDisconnected(int closeCode, const QString &reason);

    admin::AdminClient &m_client;
    QTimer m_timeout;
    bool m_finished = false;
    QString m_serverCode;
    QString m_serverMessage;
    QStringList m_tlsProblems;
    QString m_socketProblem;
};

} // namespace seneschal::admincli
