#pragma once

#include <QString>

namespace seneschal::app {

// The process's limit on open files, which bounds how many devices can be
// connected at once (one descriptor each, plus the database's few).
struct OpenFileLimit
{
    quint64 before = 0; // the soft limit the process started with
    quint64 now = 0;    // the soft limit after raising it (to the hard limit)
    QString error;      // why it could not be read or raised; empty when fine
};

// Raises the soft open-file limit to the hard one: service managers often
// start processes at a soft 1,024 while allowing far more, which would cap a
// sync server at about a thousand devices.
OpenFileLimit raiseOpenFileLimit();

} // namespace seneschal::app
