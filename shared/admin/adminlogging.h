#pragma once

#include <QLoggingCategory>

namespace seneschal::admin {

Q_DECLARE_LOGGING_CATEGORY(lcAdminClient)

} // namespace seneschal::admin
