#pragma once

#include <QLoggingCategory>

// The logging category of the auth module. Secrets (passwords, tokens,
// signing keys) never go to it; user names and addresses do.
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
