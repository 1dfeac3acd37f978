#include "grantscenario.h"

#include "fleet.h"
#include "scenariosupport.h"

namespace seneschal::bench {

using namespace Qt::StringLiterals;

namespace {

double msBetween(qint64 fromUs, qint64 toUs)
{
    return toUs > 0 ? double(toUs - fromUs) / 1000.0 : -1.0;
}

} // namespace

QJsonObject GrantScenario::run(const BenchOptions &options, const QString &name, QString *error)
{
    const QString grantee = u"grantee"_s;
    auto server = scenario::launch(options, name, {grantee}, {}, error);
    if (!server)
        return {};
    Fleet fleet(server->port(), server->jwtSecret(), options.ackIntervalMs);
    BenchDevice *owner = fleet.add(u"owner-phone"_s, scenario::kUser);
    QList<BenchDevice *> granted;
    for (int i = 0; i < options.grantDevices; ++i)
        granted.append(fleet.add(u"grantee-%1"_s.arg(i), grantee));
    if (!fleet.connect(fleet.devices(), options.connectConcurrency, 60000, error))
        return {};

    // The shape of tst_access: the list takes its kind's default access
    // (private), everything under it inherits.
    const QByteArray payload = scenario::payload(options.payloadBytes);
    const QByteArray list = "big";
    const QByteArray itemExtra = R"("kind":"item","parent":")" + list + R"(","access":"inherit",)";
    const auto beforeWrite = scenario::Reading::take(*server, {owner});
    owner->sendDispatch(list, R"("kind":"list",)", payload);
    for (int i = 0; i < options.grantItems; ++i) {
        const QByteArray item = list + '-' + QByteArray::number(i);
        owner->sendDispatch(item, itemExtra, payload);
        if (i % 100 == 0) {
            const QByteArray under = R"("parent":")" + item + R"(","access":"inherit",)";
            const QByteArray history = item + "-h";
            const QByteArray image = item + "-img";
            owner->sendDispatch(history, QByteArray(R"("kind":"history",)" + under), payload);
            owner->sendDispatch(image, QByteArray(R"("kind":"image",)" + under), payload);
        }
    }
    const qint64 expected = owner->sent();
    if (!Fleet::waitUntil(
            [owner, expected] { return owner->acked() + owner->rejected() >= expected; }, 120000,
            2) ||
        owner->rejected() > 0) {
        *error = u"the owner's dispatches were not all acknowledged: "_s + owner->lastError();
        return {};
    }
    const auto afterWrite = scenario::Reading::take(*server, {owner});
    // Let the server settle and the grantees acknowledge; nothing of the
    // private list may reach them before the grant.
    Fleet::spin(1500);
    qint64 receivedBefore = 0;
    for (BenchDevice *device : std::as_const(granted)) {
        receivedBefore += device->received();
        device->clearOids();
        device->setTrackOids(true);
    }

    const QList<qint64> receivedAtShare = [&granted] {
        QList<qint64> counts;
        for (const BenchDevice *device : granted)
            counts.append(device->received());
        return counts;
    }();
    const auto from = scenario::Reading::take(*server, granted);
    owner->sendShare(QString::fromUtf8(list), {u"user:"_s + grantee});
    const bool complete = Fleet::waitUntil(
        [owner, &granted, expected] {
            if (owner->sharedUs() == 0 && owner->errors() == 0)
                return false;
            for (const BenchDevice *device : granted) {
                if (device->distinctOids() < expected)
                    return false;
            }
            return true;
        },
        120000, 1);
    const auto to = scenario::Reading::take(*server, granted);
    if (owner->sharedUs() == 0) {
        *error = u"no `shared` for the grant: "_s + owner->lastError();
        return {};
    }
    // Anything beyond one copy per object would arrive right behind.
    Fleet::spin(500);

    const qint64 shareUs = owner->shareSentUs();
    qint64 firstCopyUs = 0;
    qint64 lastCopyUs = 0;
    qint64 fastestDeviceUs = 0;
    qsizetype fewestCopies = expected;
    qint64 mostDispatches = 0;
    bool correct = complete && receivedBefore == 0;
    for (qsizetype i = 0; i < granted.size(); ++i) {
        const BenchDevice *device = granted[i];
        const qint64 dispatches = device->received() - receivedAtShare[i];
        fewestCopies = std::min(fewestCopies, device->distinctOids());
        mostDispatches = std::max(mostDispatches, dispatches);
        correct = correct && device->distinctOids() == expected && dispatches == expected;
        if (device->firstNewOidUs() > 0 &&
            (firstCopyUs == 0 || device->firstNewOidUs() < firstCopyUs))
            firstCopyUs = device->firstNewOidUs();
        lastCopyUs = std::max(lastCopyUs, device->lastNewOidUs());
        if (fastestDeviceUs == 0 || device->lastNewOidUs() < fastestDeviceUs)
            fastestDeviceUs = device->lastNewOidUs();
    }
    const double grantS = double(to.us - from.us) / 1e6;
    const double serverCpuS = to.serverCpuS - from.serverCpuS;
    QJsonObject result;
    result.insert(u"writeMs"_s, double(afterWrite.us - beforeWrite.us) / 1000.0);
    result.insert(u"writeCommittedPerS"_s,
                  scenario::rates(beforeWrite, afterWrite).value(u"committedPerS"_s));
    result.insert(u"shareToSharedMs"_s, msBetween(shareUs, owner->sharedUs()));
    result.insert(u"shareToFirstCopyMs"_s, msBetween(shareUs, firstCopyUs));
    result.insert(u"shareToLastCopyMs"_s, msBetween(shareUs, lastCopyUs));
    result.insert(u"shareToLastCopyFastestDeviceMs"_s, msBetween(shareUs, fastestDeviceUs));
    result.insert(u"copiesReceived"_s, qint64(fewestCopies));
    result.insert(u"dispatchesReceived"_s, mostDispatches);
    result.insert(u"copiesExpected"_s, expected);
    result.insert(u"copiesCorrect"_s, correct);
    result.insert(u"receivedBeforeGrant"_s, receivedBefore);
    result.insert(u"grantServerCpuS"_s, serverCpuS);
    result.insert(u"grantServerCpuCores"_s, grantS > 0 ? serverCpuS / grantS : 0.0);
    result.insert(u"grantBenchCpuS"_s, to.benchCpuS - from.benchCpuS);
    result.insert(u"errors"_s, owner->errors());
    fleet.closeAll();
    server->stop();
    return result;
}

} // namespace seneschal::bench
