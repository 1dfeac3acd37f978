#include "translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QTranslator>

namespace seneschal::admingui {

using namespace Qt::StringLiterals;

QString Translations::install(QCoreApplication *application, const QLocale &locale)
{
    auto *console = new QTranslator(application);
    QString loaded;
    if (console->load(locale, u"seneschal-admin"_s, u"_"_s, u":/i18n"_s)) {
        application->installTranslator(console);
        loaded = console->language();
    } else {
        delete console;
    }
    // Qt's own words (file dialogs, context menus of line edits), if present.
    auto *qt = new QTranslator(application);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        application->installTranslator(qt);
    } else {
        delete qt;
    }
    return loaded;
}

QStringList Translations::available()
{
    QStringList languages;
    const QStringList files = QDir(u":/i18n"_s).entryList({u"seneschal-admin_*.qm"_s});
    for (const QString &file : files)
        languages.append(file.mid(16, file.size() - 16 - 3));
    return languages;
}

} // namespace seneschal::admingui
