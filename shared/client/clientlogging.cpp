#include "clientlogging.h"

namespace seneschal::client {

Q_LOGGING_CATEGORY(lcClient, "seneschal.client")

} // namespace seneschal::client
