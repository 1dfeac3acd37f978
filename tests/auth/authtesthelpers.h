#pragma once

#include "auth/loginservice.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTest>
#include <QThread>
#include <optional>

namespace seneschal::test {

// Runs one login and waits for its answer on this thread's event loop.
struct LoginOutcome
{
    auth::LoginResult result;
    qint64 elapsedMs = 0;
    bool onCallerThread = false;
};

inline std::optional<LoginOutcome> loginAndWait(auth::LoginService &service,
                                                const auth::Credentials &credentials,
                                                int timeoutMs = 20000)
{
    QObject context;
    std::optional<LoginOutcome> outcome;
    QElapsedTimer timer;
    timer.start();
    QThread *const caller = QThread::currentThread();
    service.login(credentials, &context, [&](const auth::LoginResult &result) {
        outcome = LoginOutcome{result, timer.elapsed(), QThread::currentThread() == caller};
    });
    static_cast<void>(QTest::qWaitFor([&] { return outcome.has_value(); }, timeoutMs));
    return outcome;
}

inline auth::Credentials passwordCredentials(const QString &user, const QString &password,
                                             const QString &cuid = QStringLiteral("dev-1"),
                                             const QString &address = QStringLiteral("127.0.0.1"))
{
    auth::Credentials c;
    c.method = protocol::AuthMethod::Password;
    c.username = user;
    c.password = password;
    c.cuid = cuid;
    c.sourceAddress = address;
    return c;
}

inline auth::Credentials tokenCredentials(const QString &token,
                                          const QString &cuid = QStringLiteral("dev-1"),
                                          const QString &address = QStringLiteral("127.0.0.1"))
{
    auth::Credentials c;
    c.method = protocol::AuthMethod::Jwt;
    c.token = token;
    c.cuid = cuid;
    c.sourceAddress = address;
    return c;
}

} // namespace seneschal::test
