#pragma once

#include <QLoggingCategory>

// seneschal.sync: merges, uploads, catch-ups, storage availability.
Q_DECLARE_LOGGING_CATEGORY(lcSync)
