#include "storagelog.h"

namespace seneschal::storage {

Q_LOGGING_CATEGORY(lcStorage, "seneschal.storage")

} // namespace seneschal::storage
