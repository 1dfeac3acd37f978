#pragma once

#include <QJsonObject>
#include <QtGlobal>

namespace seneschal::bench {

// What /proc tells about a process and the machine: CPU seconds (user +
// system) from /proc/<pid>/stat, resident memory from /proc/<pid>/status.
namespace procstats {

double cpuSeconds(qint64 pid);
qint64 rssKiB(qint64 pid);
// Model, cores, memory, kernel, Qt version.
QJsonObject machine();
// Raises RLIMIT_NOFILE to the hard limit (children inherit it); returns the new soft limit.
qint64 raiseFileLimit();

} // namespace procstats

} // namespace seneschal::bench
