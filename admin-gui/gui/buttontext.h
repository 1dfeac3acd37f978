#pragma once

#include <QCoreApplication>

class QDialogButtonBox;
class QMessageBox;

namespace seneschal::admingui {

// The words on the standard buttons in the console's own translation, so
// that dialogs read the same language without Qt's translations installed.
class ButtonText
{
    Q_DECLARE_TR_FUNCTIONS(seneschal::admingui::ButtonText)

public:
    static void apply(QDialogButtonBox *box);
    static void apply(QMessageBox *box);
};

} // namespace seneschal::admingui
