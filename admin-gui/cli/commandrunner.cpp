#include "commandrunner.h"

#include "pagecollector.h"
#include "protocol/errorcode.h"

#include <QPointer>

namespace seneschal::admincli {

using namespace Qt::StringLiterals;
using protocol::ErrorCode;
using protocol::admin::AdminError;
using protocol::admin::Done;
using protocol::admin::Result;
using protocol::admin::Topic;

CommandRunner::CommandRunner(admin::AdminClient &client, const Invocation &invocation,
                             OutputFormatter &output, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_invocation(invocation)
    , m_output(output)
{
    m_answerTimeout.setSingleShot(true);
    m_answerTimeout.setInterval(invocation.global.timeoutSeconds * 1000);
    connect(&m_answerTimeout, &QTimer::timeout, this, [this] {
        m_output.problem({}, u"no answer within %1 s"_s.arg(m_answerTimeout.interval() / 1000));
        finish(ExitCode::Unreachable);
    });
    // A request's own error reaches its callback; this hears the others
    // (a refused subscribe) and the connection ending while nothing waits.
    connect(&m_client, &admin::AdminClient::errorReceived, this, [this](const AdminError &error) {
        // `unavailable` without a req is the server saying goodbye (shutting
        // down, database lost): the close follows and ends the command.
        if (error.req.isEmpty() && error.code == ErrorCode::Unavailable) {
            m_farewell = error.message;
            return;
        }
        refused(error);
    });
    connect(&m_client, &admin::AdminClient::disconnected, this,
            [this](int closeCode, const QString &reason) {
                if (m_finished)
                    return;
                m_output.problem({},
                                 u"the connection was lost (%1%2)%3"_s.arg(
                                     QString::number(closeCode),
                                     reason.isEmpty() ? QString() : u" "_s + reason, farewell()));
                finish(ExitCode::Unreachable);
            });
}

void CommandRunner::start()
{
    const Invocation &in = m_invocation;
    switch (in.command) {
    case Command::Devices:
        runDevices();
        return;
    case Command::Queue:
        runPaged(m_client.queuePages(in.cuid, pageLimit()));
        return;
    case Command::History:
        runPaged(m_client.historyPages(in.history, pageLimit()));
        return;
    case Command::Objects:
        runPaged(m_client.objectsPages(in.objects, pageLimit()));
        return;
    case Command::Object:
        runObject();
        return;
    case Command::Users:
    case Command::Groups:
        runList();
        return;
    case Command::Disconnect:
        runAction(protocol::admin::Disconnect{in.cuid}, u"disconnect %1"_s.arg(in.cuid));
        return;
    case Command::Expire:
        runAction(protocol::admin::Expire{in.cuid}, u"expire %1"_s.arg(in.cuid));
        return;
    case Command::Share:
        runAction(protocol::admin::AdminShare{in.share}, u"share %1"_s.arg(in.share.oid));
        return;
    case Command::User:
        runAction(in.user,
                  u"user %1 %2"_s.arg(protocol::admin::userOpName(in.user.op), in.user.name));
        return;
    case Command::Group:
        runAction(in.group,
                  (u"group %1 %2"_s.arg(protocol::admin::groupOpName(in.group.op), in.group.group) +
                   (in.group.name.isEmpty() ? QString() : u' ' + in.group.name)));
        return;
    case Command::Watch:
        break; // EventWatcher's
    }
    m_output.problem({}, u"this command is not run here"_s);
    finish(ExitCode::Usage);
}

int CommandRunner::pageLimit() const
{
    if (m_invocation.paging.limit > 0)
        return m_invocation.paging.limit;
    // Following every page: as few round trips as the server allows.
    return m_invocation.paging.all ? protocol::admin::kMaxPageLimit
                                   : protocol::admin::kDefaultPageLimit;
}

void CommandRunner::runDevices()
{
    // The devices topic's snapshot holds every known device, online or not.
    connect(&m_client, &admin::AdminClient::snapshotReceived, this,
            [this](Topic topic, const QJsonArray &rows) {
                if (topic != Topic::Devices || m_finished)
                    return;
                ResultPage page;
                for (const QJsonValue &value : rows) {
                    const QJsonObject row = value.toObject();
                    if (m_invocation.onlineOnly && !row.value(u"online"_s).toBool())
                        continue;
                    if (m_invocation.behindOnly && row.value(u"lag"_s).toInteger() <= 0)
                        continue;
                    page.rows.append(row);
                }
                m_output.rows(Command::Devices, page);
                finish(ExitCode::Done);
            });
    waitForAnswer();
    m_client.subscribe({Topic::Devices});
}

void CommandRunner::runPaged(admin::PageRequest request)
{
    auto *collector = new PageCollector(std::move(request), m_invocation.paging, this);
    connect(collector, &PageCollector::asking, this, &CommandRunner::waitForAnswer);
    connect(collector, &PageCollector::failed, this, &CommandRunner::refused);
    connect(collector, &PageCollector::finished, this, [this](const ResultPage &page) {
        m_output.rows(m_invocation.command, page);
        finish(ExitCode::Done);
    });
    collector->start();
}

void CommandRunner::runObject()
{
    waitForAnswer();
    m_client.object(m_invocation.oid, replyHandler([this](const Result &result) {
                        if (result.rows.isEmpty()) {
                            m_output.problem(protocol::errorCodeName(ErrorCode::Forbidden),
                                             u"no object %1"_s.arg(m_invocation.oid));
                            finish(ExitCode::Refused);
                            return;
                        }
                        m_output.object(result.rows.first().toObject());
                        finish(ExitCode::Done);
                    }));
}

void CommandRunner::runList()
{
    auto show = [this](const Result &result) {
        ResultPage page;
        page.rows = result.rows;
        m_output.rows(m_invocation.command, page);
        finish(ExitCode::Done);
    };
    waitForAnswer();
    if (m_invocation.command == Command::Users)
        m_client.users(replyHandler(show));
    else
        m_client.groups(replyHandler(show));
}

void CommandRunner::runAction(const protocol::admin::RequestBody &body, const QString &what)
{
    waitForAnswer();
    m_client.send(body, replyHandler({}, what));
}

admin::ReplyCallback
CommandRunner::replyHandler(std::function<void(const protocol::admin::Result &)> onResult,
                            const QString &what)
{
    return [self = QPointer<CommandRunner>(this), onResult = std::move(onResult),
            what](const admin::Reply &reply) {
        if (!self || self->m_finished)
            return;
        if (const auto *error = std::get_if<AdminError>(&reply)) {
            self->refused(*error);
        } else if (const auto *result = std::get_if<Result>(&reply); result && onResult) {
            onResult(*result);
        } else if (std::holds_alternative<Done>(reply) && !onResult) {
            self->m_output.done(what);
            self->finish(ExitCode::Done);
        } else {
            self->m_output.problem({}, u"the server answered with something else than expected"_s);
            self->finish(ExitCode::Refused);
        }
    };
}

void CommandRunner::waitForAnswer()
{
    m_answerTimeout.start();
}

void CommandRunner::refused(const AdminError &error)
{
    if (m_finished)
        return;
    // AdminClient answers `unavailable` itself for a request whose connection
    // ended before the answer; the close code is set only then.
    if (error.code == ErrorCode::Unavailable && m_client.closeCode() != 0) {
        m_output.problem({}, error.message + farewell());
        finish(ExitCode::Unreachable);
        return;
    }
    m_output.problem(protocol::errorCodeName(error.code), error.message);
    finish(ExitCode::Refused);
}

QString CommandRunner::farewell() const
{
    return m_farewell.isEmpty() ? QString() : u": "_s + m_farewell;
}

void CommandRunner::finish(ExitCode code)
{
    if (m_finished)
        return;
    m_finished = true;
    m_answerTimeout.stop();
    Q_EMIT finished(code);
}

} // namespace seneschal::admincli
