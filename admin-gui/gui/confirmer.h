#pragma once

#include <QString>
#include <functional>

class QWidget;

namespace seneschal::admingui {

// Asks the operator to confirm an action ("Disconnect 3 devices?"); true to
// go ahead. Views take one so that tests can answer without a dialog.
using Confirmer =
    std::function<bool(QWidget *parent, const QString &title, const QString &question)>;

// A question box with Yes and No (No is the default).
Confirmer messageBoxConfirmer();

} // namespace seneschal::admingui
