#pragma once

#include "admin/adminclient.h"
#include "exitcode.h"
#include "invocation.h"
#include "outputformatter.h"

#include <QObject>
#include <QTimer>

namespace seneschal::admincli {

// Runs one command other than `watch` on a live AdminClient: sends its
// request (or subscribes, for `devices`, and takes the snapshot), hands the
// answer to the formatter and says how it ended. Each answer must come
// within the timeout.
class CommandRunner : public QObject
{
    Q_OBJECT

public:
    CommandRunner(admin::AdminClient &client, const Invocation &invocation, OutputFormatter &output,
                  QObject *parent = nullptr);

    void start();

Q_SIGNALS:
    void finished(seneschal::admincli::ExitCode code);

private:
    int pageLimit() const;
    void runDevices();
    void runPaged(admin::PageRequest request);
    void runObject();
    void runList();
    void runAction(const protocol::admin::RequestBody &body, const QString &what);
    admin::ReplyCallback replyHandler(std::function<void(const protocol::admin::Result &)> onResult,
                                      const QString &what = {});
    void waitForAnswer();
    void refused(const protocol::admin::AdminError &error);
    void finish(ExitCode code);
    QString farewell() const;

    admin::AdminClient &m_client;
    Invocation m_invocation;
    OutputFormatter &m_output;
    QTimer m_answerTimeout;
    QString m_farewell; // the server's last word before it closed
    bool m_finished = false;
};

} // namespace seneschal::admincli
