#pragma once

#include <QLoggingCategory>

namespace seneschal::storage {

Q_DECLARE_LOGGING_CATEGORY(lcStorage)

} // namespace seneschal::storage
