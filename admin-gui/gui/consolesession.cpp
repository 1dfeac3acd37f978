#include "consolesession.h"

#include "admin/accessmodel.h"
#include "admin/auditmodel.h"
#include "admin/devicesmodel.h"
#include "admin/historymodel.h"
#include "admin/statsmodel.h"
#include "errortext.h"

#include <QJsonArray>
#include <QSslError>

namespace seneschal::admingui {

using admin::AdminClient;
using protocol::admin::Topic;

ConsoleSession::ConsoleSession(QObject *parent)
    : QObject(parent)
    , m_devices(new admin::DevicesModel(this))
    , m_stats(new admin::StatsModel(this))
    , m_history(new admin::HistoryModel(this))
    , m_access(new admin::AccessModel(this))
    , m_audit(new admin::AuditModel(this))
{
    // Ten minutes of charts at the server's one stats event a second.
    m_stats->setSampleCapacity(600);
}

ConsoleSession::~ConsoleSession()
{
    if (m_client)
        m_client->disconnect(this);
}

void ConsoleSession::open(const admin::AdminClientOptions &options)
{
    close();
    QUrl server = options.url;
    server.setPath({});
    if (server != m_lastServer) {
        // Another server's rows must not pass for this one's.
        for (admin::TopicModel *model : std::initializer_list<admin::TopicModel *>{
                 m_devices, m_stats, m_history, m_access, m_audit}) {
            model->applySnapshot({});
        }
    }
    m_lastServer = server;

    m_client = std::make_unique<AdminClient>(options);
    AdminClient *client = m_client.get();
    for (admin::TopicModel *model : std::initializer_list<admin::TopicModel *>{
             m_devices, m_stats, m_history, m_access, m_audit}) {
        model->follow(client);
    }
    connect(client, &AdminClient::stateChanged, this, &ConsoleSession::stateChanged);
    connect(client, &AdminClient::welcomed, this, &ConsoleSession::welcomed);
    connect(client, &AdminClient::stopped, this, &ConsoleSession::stopped);
    connect(client, &AdminClient::errorReceived, this,
            [this](const protocol::admin::AdminError &error) { notifyError(error); });
    connect(client, &AdminClient::sslErrors, this, [this](const QList<QSslError> &errors) {
        QStringList problems;
        for (const QSslError &error : errors)
            problems.append(error.errorString());
        Q_EMIT tlsFailed(problems.join(u"; "));
    });
    client->subscribe(
        {std::begin(protocol::admin::kAllTopics), std::end(protocol::admin::kAllTopics)});
    Q_EMIT clientChanged(client);
    client->connectToServer();
}

void ConsoleSession::close()
{
    if (!m_client)
        return;
    // The old client's late signals must not reach the views any more.
    std::unique_ptr<AdminClient> old = std::move(m_client);
    old->disconnect(); // from the models too
    old->disconnectFromServer();
    Q_EMIT clientChanged(nullptr);
    Q_EMIT stateChanged(AdminClient::State::Offline);
    old.release()->deleteLater();
}

AdminClient::State ConsoleSession::state() const
{
    return m_client ? m_client->state() : AdminClient::State::Offline;
}

bool ConsoleSession::isLive() const
{
    return m_client && m_client->isLive();
}

QString ConsoleSession::serverName() const
{
    if (!m_client)
        return {};
    const QUrl url = m_client->options().url;
    return QStringLiteral("%1:%2").arg(url.host()).arg(url.port(7443));
}

QString ConsoleSession::userName() const
{
    if (!m_client)
        return {};
    const QString uuid = m_client->welcome().uuid;
    return uuid.isEmpty() ? m_client->options().auth.username : uuid;
}

void ConsoleSession::resubscribe(Topic topic)
{
    if (!m_client)
        return;
    m_client->unsubscribe({topic});
    m_client->subscribe({topic});
}

void ConsoleSession::notify(const QString &text)
{
    Q_EMIT message(text, false);
}

void ConsoleSession::notifyError(const protocol::admin::AdminError &error)
{
    Q_EMIT message(ErrorText::error(error), true);
}

} // namespace seneschal::admingui
