#include "confirmer.h"

#include "buttontext.h"

#include <QMessageBox>

namespace seneschal::admingui {

Confirmer messageBoxConfirmer()
{
    return [](QWidget *parent, const QString &title, const QString &question) {
        QMessageBox box(QMessageBox::Question, title, question, QMessageBox::Yes | QMessageBox::No,
                        parent);
        box.setDefaultButton(QMessageBox::No);
        ButtonText::apply(&box);
        return box.exec() == QMessageBox::Yes;
    };
}

} // namespace seneschal::admingui
