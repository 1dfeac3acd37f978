#include "adminlogging.h"

namespace seneschal::admin {

Q_LOGGING_CATEGORY(lcAdminClient, "seneschal.admin.client")

} // namespace seneschal::admin
