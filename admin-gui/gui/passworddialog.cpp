#include "passworddialog.h"

#include "buttontext.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace seneschal::admingui {

PasswordDialog::PasswordDialog(const QString &title, const QString &name, QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(name, this))
    , m_password(new QLineEdit(this))
    , m_repeat(new QLineEdit(this))
    , m_problem(new QLabel(this))
{
    setWindowTitle(title);
    m_name->setReadOnly(!name.isEmpty());
    m_password->setEchoMode(QLineEdit::Password);
    m_repeat->setEchoMode(QLineEdit::Password);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    ButtonText::apply(buttons);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *form = new QFormLayout(this);
    form->addRow(tr("User:"), m_name);
    form->addRow(tr("Password:"), m_password);
    form->addRow(tr("Repeat:"), m_repeat);
    form->addRow(m_problem);
    form->addRow(buttons);
    for (QLineEdit *edit : {m_name, m_password, m_repeat})
        connect(edit, &QLineEdit::textChanged, this, &PasswordDialog::check);
    (name.isEmpty() ? m_name : m_password)->setFocus();
    check();
}

QString PasswordDialog::name() const
{
    return m_name->text().trimmed();
}

QString PasswordDialog::password() const
{
    return m_password->text();
}

void PasswordDialog::check()
{
    QString problem;
    if (name().isEmpty())
        problem = tr("Enter a user name.");
    else if (m_password->text().isEmpty())
        problem = tr("Enter a password.");
    else if (m_password->text() != m_repeat->text())
        problem = tr("The passwords differ.");
    m_problem->setText(problem);
    m_ok->setEnabled(problem.isEmpty());
}

} // namespace seneschal::admingui
