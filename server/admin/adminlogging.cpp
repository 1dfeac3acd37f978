#include "adminlogging.h"

Q_LOGGING_CATEGORY(lcAdmin, "seneschal.admin")
