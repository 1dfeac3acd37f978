#include "adminprobe.h"

#include <QJsonDocument>
#include <QSslConfiguration>
#include <QTest>

namespace seneschal::test {

using namespace Qt::StringLiterals;

AdminProbe::AdminProbe(const QUrl &url, const QList<QSslCertificate> &ca, QObject *parent)
    : QObject(parent)
    , m_url(url)
{
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setCaCertificates(ca);
    ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_socket.setSslConfiguration(ssl);
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        m_received.append(QJsonDocument::fromJson(text.toUtf8()).object());
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        m_closed = true;
        m_closeCode = m_socket.closeCode();
    });
}

bool AdminProbe::login(const QString &user, const QString &password, int timeoutMs)
{
    m_socket.open(m_url);
    if (!QTest::qWaitFor([&] { return isConnected() || m_closed; }, timeoutMs) || m_closed)
        return false;
    const QJsonObject auth{
        {u"method"_s, u"password"_s}, {u"username"_s, user}, {u"password"_s, password}};
    send(QJsonObject{{u"type"_s, u"hello"_s},
                     {u"protocol"_s, 1},
                     {u"cuid"_s, QString(u"console-"_s + user)},
                     {u"auth"_s, auth}});
    return QTest::qWaitFor(
               [&] {
                   return m_closed || (!m_received.isEmpty() &&
                                       m_received.first().value(u"type"_s) == u"welcome"_s);
               },
               timeoutMs) &&
           !m_closed;
}

bool AdminProbe::loginRefused(const QString &user, const QString &password, int timeoutMs)
{
    login(user, password, timeoutMs);
    return waitClosed(timeoutMs);
}

bool AdminProbe::waitClosed(int timeoutMs)
{
    return QTest::qWaitFor([&] { return m_closed; }, timeoutMs);
}

void AdminProbe::send(const QJsonObject &message)
{
    m_socket.sendTextMessage(
        QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

QString AdminProbe::request(QJsonObject message)
{
    const QString req = u"r"_s + QString::number(m_nextReq++);
    message.insert(u"req"_s, req);
    send(message);
    return req;
}

std::optional<QJsonObject> AdminProbe::reply(const QString &req, int timeoutMs)
{
    std::optional<QJsonObject> found;
    (void)QTest::qWaitFor(
        [&] {
            for (const QJsonObject &m : std::as_const(m_received)) {
                if (m.value(u"req"_s).toString() == req && m.value(u"type"_s) != u"snapshot"_s) {
                    found = m;
                    return true;
                }
            }
            return m_closed;
        },
        timeoutMs);
    return found;
}

std::optional<QList<QJsonObject>> AdminProbe::subscribe(const QStringList &topics, int timeoutMs)
{
    const QString req = request(QJsonObject{{u"type"_s, u"subscribe"_s},
                                            {u"topics"_s, QJsonArray::fromStringList(topics)}});
    QList<QJsonObject> snapshots;
    const bool all = QTest::qWaitFor(
        [&] {
            snapshots.clear();
            for (const QJsonObject &m : std::as_const(m_received)) {
                if (m.value(u"req"_s).toString() == req && m.value(u"type"_s) == u"snapshot"_s)
                    snapshots.append(m);
            }
            return snapshots.size() == topics.size() || m_closed;
        },
        timeoutMs);
    if (!all || snapshots.size() != topics.size())
        return std::nullopt;
    return snapshots;
}

std::optional<QJsonObject>
AdminProbe::waitEvent(const QString &topic, const std::function<bool(const QJsonObject &)> &match,
                      qsizetype from, int timeoutMs)
{
    std::optional<QJsonObject> found;
    (void)QTest::qWaitFor(
        [&] {
            for (qsizetype i = from; i < m_received.size(); ++i) {
                const QJsonObject &m = m_received[i];
                if (m.value(u"type"_s) == u"event"_s && m.value(u"topic"_s) == topic && match(m)) {
                    found = m;
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return found;
}

} // namespace seneschal::test
