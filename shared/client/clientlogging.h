#pragma once

#include <QLoggingCategory>

namespace seneschal::client {

Q_DECLARE_LOGGING_CATEGORY(lcClient)

} // namespace seneschal::client
