#include "guitestsupport.h"

#include "gui/translations.h"
#include "testserver.h"

#include <QCoreApplication>
#include <QLocale>

namespace seneschal::test {

using namespace Qt::StringLiterals;

void GuiTestSupport::isolateSettings(QTemporaryDir &dir)
{
    qputenv("XDG_CONFIG_HOME", dir.path().toUtf8());
    QCoreApplication::setOrganizationName(u"SeneschalTests"_s);
    QCoreApplication::setApplicationName(u"seneschal-admin-tests"_s);
    const QLocale english(QLocale::English, QLocale::UnitedStates);
    QLocale::setDefault(english);
    // The English plural forms ("1 device", "2 devices") come from a translation too.
    admingui::Translations::install(QCoreApplication::instance(), english);
}

admin::AdminClientOptions GuiTestSupport::adminOptions(const TestServer &server,
                                                       const QString &user)
{
    admin::AdminClientOptions options;
    QUrl url = server.url();
    url.setPath(u"/v1/admin"_s);
    options.url = url;
    options.cuid = u"gui-test-console"_s;
    options.auth = client::ClientAuth::withPassword(user, user + u"-pw"_s);
    options.caCertificates = server.caCertificates();
    options.reconnect.initialDelayMs = 200;
    options.reconnect.maxDelayMs = 1000;
    return options;
}

QJsonObject GuiTestSupport::rowWhere(const QAbstractItemModel *model, const QString &member,
                                     const QJsonValue &value)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        const QJsonObject object = model->index(row, 0).data(Qt::UserRole + 1).toJsonObject();
        if (object.value(member) == value)
            return object;
    }
    return {};
}

} // namespace seneschal::test
