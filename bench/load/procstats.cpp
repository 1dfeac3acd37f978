#include "procstats.h"

#include <QFile>
#include <QSysInfo>
#include <QThread>
#include <sys/resource.h>
#include <unistd.h>

namespace seneschal::bench::procstats {

using namespace Qt::StringLiterals;

namespace {

QByteArray readProc(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QString pidPath(qint64 pid, const char *leaf)
{
    return u"/proc/"_s + (pid > 0 ? QString::number(pid) : u"self"_s) + u'/' +
           QString::fromLatin1(leaf);
}

} // namespace

double cpuSeconds(qint64 pid)
{
    const QByteArray stat = readProc(pidPath(pid, "stat"));
    // The command name may hold spaces: fields are counted after its ')'.
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return 0;
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    // Fields 14 and 15 of stat(5) (utime, stime) are 11 and 12 after the name.
    if (fields.size() < 13)
        return 0;
    const double ticks = double(fields[11].toLongLong() + fields[12].toLongLong());
    return ticks / double(sysconf(_SC_CLK_TCK));
}

namespace {

qint64 statusKiB(qint64 pid, QByteArrayView field)
{
    const QByteArray status = readProc(pidPath(pid, "status"));
    const qsizetype at = status.indexOf(field);
    if (at < 0)
        return 0;
    const qsizetype from = at + field.size();
    const qsizetype end = status.indexOf('\n', from);
    return status.mid(from, end - from).trimmed().split(' ').value(0).toLongLong();
}

} // namespace

qint64 rssKiB(qint64 pid)
{
    return statusKiB(pid, "VmRSS:");
}

qint64 peakRssKiB(qint64 pid)
{
    return statusKiB(pid, "VmHWM:");
}

double loadAverage()
{
    return readProc(u"/proc/loadavg"_s).split(' ').value(0).toDouble();
}

QJsonObject machine()
{
    const QByteArray cpuinfo = readProc(u"/proc/cpuinfo"_s);
    QString model;
    for (const QByteArray &line : cpuinfo.split('\n')) {
        if (line.startsWith("model name")) {
            model = QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
            break;
        }
    }
    const QByteArray meminfo = readProc(u"/proc/meminfo"_s);
    const qsizetype memAt = meminfo.indexOf("MemTotal:");
    const qint64 memKiB = memAt < 0
                              ? 0
                              : meminfo.mid(memAt + 9, meminfo.indexOf('\n', memAt) - memAt - 9)
                                    .trimmed()
                                    .split(' ')
                                    .value(0)
                                    .toLongLong();
    return QJsonObject{
        {u"cpuModel"_s, model},
        {u"nproc"_s, QThread::idealThreadCount()},
        {u"memTotalMiB"_s, memKiB / 1024},
        {u"kernel"_s, QSysInfo::kernelVersion()},
        {u"os"_s, QSysInfo::prettyProductName()},
        {u"qt"_s, QString::fromLatin1(qVersion())},
    };
}

qint64 raiseFileLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return -1;
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
    return qint64(limit.rlim_cur);
}

} // namespace seneschal::bench::procstats
