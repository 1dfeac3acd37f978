#include "fleet.h"

#include "auth/tokenissuer.h"

#include <QElapsedTimer>
#include <QEventLoop>

namespace seneschal::bench {

using namespace Qt::StringLiterals;

Fleet::Fleet(quint16 port, const QByteArray &jwtSecret, int ackIntervalMs, QObject *parent)
    : QObject(parent)
    , m_port(port)
    , m_issuer(std::make_unique<auth::TokenIssuer>(jwtSecret, u"seneschal"_s, 7 * 24 * 3600))
{
    // Devices acknowledge on their own phase, a slice of them every tick, as
    // independent clients would; all at once would be a burst no real fleet
    // produces.
    m_ackSlices = std::max(1, ackIntervalMs / kAckTickMs);
    m_ackTimer.setInterval(std::max(1, std::min(ackIntervalMs, kAckTickMs)));
    QObject::connect(&m_ackTimer, &QTimer::timeout, this, &Fleet::flushAcks);
    m_ackTimer.start();
}

Fleet::~Fleet()
{
    for (BenchDevice *device : std::as_const(m_devices))
        device->abort();
    qDeleteAll(m_devices);
}

BenchDevice *Fleet::add(const QString &cuid, const QString &uuid)
{
    auto *device = new BenchDevice(cuid, uuid);
    device->setTls(m_tls);
    if (auto token = m_issuer->issue(uuid, cuid, 0, {}))
        device->setToken(token->token);
    BenchDevice::Hooks hooks;
    hooks.live = [this](BenchDevice &) { ++m_live; };
    hooks.closed = [this](BenchDevice &, bool wasLive) { m_live -= wasLive ? 1 : 0; };
    hooks.acked = [this](BenchDevice &d, int n) {
        if (m_ackedHook)
            m_ackedHook(d, n);
    };
    device->setHooks(std::move(hooks));
    m_devices.append(device);
    return device;
}

bool Fleet::connect(const QList<BenchDevice *> &devices, int concurrency, int timeoutMs,
                    QString *error)
{
    qsizetype next = 0;
    QElapsedTimer elapsed;
    elapsed.start();
    auto inFlight = [&devices, &next] {
        int busy = 0;
        for (qsizetype i = std::max<qsizetype>(0, next - 4 * 1024); i < next; ++i) {
            const auto state = devices[i]->state();
            busy += (state != BenchDevice::State::Live && state != BenchDevice::State::Closed);
        }
        return busy;
    };
    while (elapsed.elapsed() < timeoutMs) {
        int busy = inFlight();
        while (busy < concurrency && next < devices.size()) {
            devices[next]->connectTo(m_port, devices[next]->since());
            ++next;
            ++busy;
        }
        if (next == devices.size() && busy == 0)
            break;
        spin(2);
    }
    int live = 0;
    for (const BenchDevice *device : devices) {
        if (device->isLive())
            ++live;
        else if (error && error->isEmpty())
            *error = u"device %1 not live (close code %2) %3"_s.arg(device->cuid())
                         .arg(device->closeCode())
                         .arg(device->lastError());
    }
    return live == devices.size();
}

void Fleet::reconnect(BenchDevice *device)
{
    device->connectTo(m_port, device->since());
}

void Fleet::closeAll(int timeoutMs)
{
    for (BenchDevice *device : std::as_const(m_devices))
        device->disconnectFromServer();
    waitUntil(
        [this] {
            for (const BenchDevice *device : std::as_const(m_devices)) {
                if (!device->isClosed() && device->state() != BenchDevice::State::Idle)
                    return false;
            }
            return true;
        },
        timeoutMs, 20);
}

void Fleet::flushAcks()
{
    const qsizetype slice = m_ackTick++ % m_ackSlices;
    for (qsizetype i = slice; i < m_devices.size(); i += m_ackSlices)
        m_devices[i]->flushAck();
}

bool Fleet::waitUntil(const std::function<bool()> &done, int timeoutMs, int pollMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(pollMs);
    bool held = false;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done()) {
            held = true;
            loop.quit();
        }
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    poll.start();
    loop.exec();
    return held || done();
}

void Fleet::spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace seneschal::bench
