#pragma once

#include <QLocale>
#include <QString>

class QCoreApplication;

namespace seneschal::admingui {

// Loads the console's translation for a locale (built into the binary as
// :/i18n/seneschal-admin_<lang>.qm) and, when installed, Qt's own for its
// standard dialogs. English is the source language: it needs no file but
// its plural forms come from seneschal-admin_en.qm all the same.
class Translations
{
public:
    // The language actually loaded ("de", "en"; empty: none found).
    static QString install(QCoreApplication *application, const QLocale &locale);
    // The languages built in.
    static QStringList available();
};

} // namespace seneschal::admingui
