#pragma once

#include "admin/adminclientoptions.h"

#include <QAbstractItemModel>
#include <QJsonObject>
#include <QString>
#include <QTemporaryDir>

namespace seneschal::test {

class TestServer;

// What the console's tests share: settings of their own (never the user's),
// English, and the admin options for a TestServer.
class GuiTestSupport
{
public:
    // XDG_CONFIG_HOME in a throwaway directory, a test organisation name,
    // English with its plural forms. Call from initTestCase(), before any
    // QSettings.
    static void isolateSettings(QTemporaryDir &dir);
    // alice on /v1/admin of `server`, trusting its test CA.
    static admin::AdminClientOptions adminOptions(const TestServer &server,
                                                  const QString &user = QStringLiteral("alice"));
    // The row (RowRole) of a view's model whose `member` is `value`; empty
    // when no row shows it.
    static QJsonObject rowWhere(const QAbstractItemModel *model, const QString &member,
                                const QJsonValue &value);
};

} // namespace seneschal::test
