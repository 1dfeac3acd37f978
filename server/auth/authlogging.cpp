#include "authlogging.h"

Q_LOGGING_CATEGORY(lcAuth, "seneschal.auth")
