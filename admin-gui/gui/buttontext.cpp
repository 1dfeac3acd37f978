#include "buttontext.h"

#include <QDialogButtonBox>
#include <QMessageBox>
#include <QPushButton>

namespace seneschal::admingui {

namespace {

QString textOf(QDialogButtonBox::StandardButton button)
{
    switch (button) {
    case QDialogButtonBox::Ok:
        return ButtonText::tr("OK");
    case QDialogButtonBox::Cancel:
        return ButtonText::tr("Cancel");
    case QDialogButtonBox::Close:
        return ButtonText::tr("Close");
    case QDialogButtonBox::Apply:
        return ButtonText::tr("Apply");
    case QDialogButtonBox::Yes:
        return ButtonText::tr("&Yes");
    case QDialogButtonBox::No:
        return ButtonText::tr("&No");
    default:
        return {};
    }
}

} // namespace

void ButtonText::apply(QDialogButtonBox *box)
{
    for (QAbstractButton *button : box->buttons()) {
        const QString text = textOf(box->standardButton(button));
        if (!text.isEmpty())
            button->setText(text);
    }
}

void ButtonText::apply(QMessageBox *box)
{
    for (QAbstractButton *button : box->buttons()) {
        const QString text =
            textOf(QDialogButtonBox::StandardButton(int(box->standardButton(button))));
        if (!text.isEmpty())
            button->setText(text);
    }
}

} // namespace seneschal::admingui
