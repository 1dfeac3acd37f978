#include "benchdevice.h"

#include "benchclock.h"
#include "deliveryclock.h"
#include "framescan.h"
#include "latencysamples.h"
#include "protocol/codec.h"

#include <QDateTime>

namespace seneschal::bench {

using namespace Qt::StringLiterals;

BenchDevice::BenchDevice(QString cuid, QString uuid, QObject *parent)
    : QObject(parent)
    , m_cuid(std::move(cuid))
    , m_uuid(std::move(uuid))
    , m_cuidUtf8(m_cuid.toUtf8())
{}

BenchDevice::~BenchDevice() = default;

void BenchDevice::connectTo(quint16 port, qint64 since)
{
    if (m_connection) {
        m_connection->abort();
        m_connection->deleteLater();
    }
    m_since = since;
    m_lastAckSent = since;
    m_closeCode = 0;
    m_state = State::Connecting;
    m_connection = new WsConnection(*this, this);
    m_connection->open(port, QByteArrayLiteral("/v1"), m_tls);
}

void BenchDevice::disconnectFromServer()
{
    if (m_connection)
        m_connection->close(1000);
}

void BenchDevice::abort()
{
    if (m_connection)
        m_connection->abort();
}

void BenchDevice::onOpened()
{
    protocol::Hello hello;
    hello.cuid = m_cuid;
    hello.since = m_since;
    if (m_token.isEmpty()) {
        hello.method = protocol::AuthMethod::Password;
        hello.username = m_uuid;
        hello.password = m_password;
    } else {
        hello.method = protocol::AuthMethod::Jwt;
        hello.token = m_token;
    }
    m_state = State::Authenticating;
    m_helloSentUs = nowUs();
    m_connection->sendText(protocol::encodeHello(hello));
}

QByteArray BenchDevice::makeDispatch(QByteArrayView oid, QByteArrayView extra,
                                     QByteArrayView payload)
{
    QByteArray frame;
    frame.reserve(128 + oid.size() + extra.size() + payload.size());
    frame.append(R"({"type":"dispatch","id":")");
    frame.append(m_cuidUtf8);
    frame.append('.');
    frame.append(QByteArray::number(++m_nextId));
    frame.append(R"(","oid":")");
    frame.append(oid);
    frame.append(R"(","ts":)");
    frame.append(QByteArray::number(QDateTime::currentMSecsSinceEpoch()));
    frame.append(',');
    frame.append(extra);
    frame.append(R"("props":{"sentUs":)");
    frame.append(QByteArray::number(nowUs()));
    frame.append(R"(,"v":")");
    frame.append(payload);
    frame.append(R"("}})");
    return frame;
}

void BenchDevice::sendDispatch(QByteArrayView oid, QByteArrayView extra, QByteArrayView payload)
{
    if (!m_connection || !m_connection->isOpen())
        return;
    m_connection->sendText(makeDispatch(oid, extra, payload));
    ++m_outstanding;
    ++m_sent;
    if (m_ackLatency)
        m_unackedSentUs.push_back(nowUs());
}

void BenchDevice::noteAnswered(int count, bool acked)
{
    if (m_state != State::Live)
        return; // answers to the offline upload, not to sendDispatch()
    const qint64 now = nowUs();
    for (int i = 0; i < count && !m_unackedSentUs.empty(); ++i) {
        if (acked && m_ackLatency)
            m_ackLatency->add(now - m_unackedSentUs.front());
        m_unackedSentUs.pop_front();
    }
}

void BenchDevice::flushAck()
{
    if (m_state == State::Live && m_since > m_lastAckSent && m_connection) {
        m_lastAckSent = m_since;
        m_connection->sendText(protocol::encodeClientAck(m_since));
    }
}

void BenchDevice::sendShare(const QString &oid, const QStringList &principals)
{
    if (m_state != State::Live || !m_connection)
        return;
    protocol::Share share;
    share.oid = oid;
    share.grant = principals;
    m_sharedUs = 0;
    m_shareSentUs = nowUs();
    m_connection->sendText(protocol::encodeShare(share));
}

void BenchDevice::clearOids()
{
    m_oids.clear();
    m_firstNewOidUs = m_lastNewOidUs = 0;
}

void BenchDevice::noteOid(QByteArrayView frame)
{
    const qsizetype before = m_oids.size();
    m_oids.insert(framescan::string(frame, "\"oid\":\"").toByteArray());
    if (m_oids.size() == before)
        return;
    m_lastNewOidUs = nowUs();
    if (before == 0)
        m_firstNewOidUs = m_lastNewOidUs;
}

void BenchDevice::resetCounters()
{
    m_sent = m_acked = m_rejected = m_errors = m_received = m_spooled = 0;
}

void BenchDevice::onText(QByteArrayView frame)
{
    const QByteArrayView type = framescan::type(frame);
    if (type == "dispatch") {
        const qint64 seq = framescan::integer(frame, "\"seq\":", 0);
        m_since = std::max(m_since, seq);
        if (m_trackOids)
            noteOid(frame);
        if (m_state == State::Receiving) {
            ++m_spooled;
            return;
        }
        ++m_received;
        if (m_deliveryClock)
            m_deliveryClock->note(seq);
        if (m_latency) {
            const qint64 sentUs = framescan::integer(frame, "\"sentUs\":", 0);
            if (sentUs > 0)
                m_latency->add(nowUs() - sentUs);
        }
    } else if (type == "ack") {
        const int n = framescan::ackedCount(frame);
        m_acked += n;
        m_outstanding = std::max(0, m_outstanding - n);
        m_lastAckUs = nowUs();
        noteAnswered(n, true);
        if (m_hooks.acked)
            m_hooks.acked(*this, n);
    } else if (type == "reject") {
        ++m_rejected;
        m_outstanding = std::max(0, m_outstanding - 1);
        noteAnswered(1, false);
        m_lastError = QString::fromUtf8(frame);
        if (m_hooks.acked)
            m_hooks.acked(*this, 1);
    } else if (type == "welcome") {
        m_token = QString::fromUtf8(framescan::string(frame, "\"token\":\""));
    } else if (type == "rehydrateBegin") {
        m_state = State::Uploading;
        m_outstanding += int(m_outboxSize);
        m_nextUpload = 0;
        pumpUploads();
    } else if (type == "rehydrateEnd") {
        m_state = State::Receiving;
        m_rehydrateEndUs = nowUs();
    } else if (type == "synced") {
        m_since = std::max(m_since, framescan::integer(frame, "\"seq\":", 0));
        m_state = State::Live;
        m_syncedUs = nowUs();
        if (m_hooks.live)
            m_hooks.live(*this);
    } else if (type == "shared") {
        m_sharedUs = nowUs();
    } else if (type == "error") {
        ++m_errors;
        m_lastError = QString::fromUtf8(frame);
    }
}

void BenchDevice::onWritten()
{
    if (m_state == State::Uploading)
        pumpUploads();
}

void BenchDevice::pumpUploads()
{
    // Like an app's socket, the outbox goes out as the connection drains:
    // 100,000 frames built and written in one turn would stall every other
    // device of this thread (and their latency figures) for 0.2-0.3 s.
    constexpr qint64 kWatermark = 64 * 1024;
    if (m_nextUpload < 0)
        return; // uploadEnd sent
    while (m_nextUpload < m_outboxSize && m_connection->bytesToWrite() < kWatermark) {
        m_connection->sendText(m_outboxFrame(m_nextUpload++));
        ++m_sent;
    }
    if (m_nextUpload == m_outboxSize) {
        m_outboxSize = 0;
        m_outboxFrame = {};
        m_nextUpload = -1;
        m_connection->sendText(protocol::encodeUploadEnd());
    }
}

void BenchDevice::onClosed(int closeCode)
{
    const bool wasLive = m_state == State::Live;
    m_state = State::Closed;
    m_closeCode = closeCode;
    m_outstanding = 0;
    m_unackedSentUs.clear();
    if (m_hooks.closed)
        m_hooks.closed(*this, wasLive);
}

} // namespace seneschal::bench
