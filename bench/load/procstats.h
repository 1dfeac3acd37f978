#pragma once

#include <QJsonObject>
#include <QtGlobal>

namespace seneschal::bench {

// What /proc tells about a process and the machine: CPU seconds (user +
// system) from /proc/<pid>/stat, resident memory from /proc/<pid>/status.
namespace procstats {

double cpuSeconds(qint64 pid);
qint64 rssKiB(qint64 pid);
// The peak resident memory (VmHWM) of the process so far.
qint64 peakRssKiB(qint64 pid);
// The 1-minute load average (how busy the shared machine was).
double loadAverage();
// Model, cores, memory, kernel, Qt version.
QJsonObject machine();
// Raises RLIMIT_NOFILE to the hard limit (children inherit it); returns the new soft limit.
qint64 raiseFileLimit();

} // namespace procstats

} // namespace seneschal::bench
