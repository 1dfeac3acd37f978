#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace seneschal::admingui {

// Asks for a password twice (and for a user name when adding a user); OK
// only when both match and are not empty.
class PasswordDialog : public QDialog
{
    Q_OBJECT

public:
    // An empty `name`: the dialog asks for one.
    PasswordDialog(const QString &title, const QString &name, QWidget *parent = nullptr);

    QString name() const;
    QString password() const;

private:
    void check();

    QLineEdit *m_name;
    QLineEdit *m_password;
    QLineEdit *m_repeat;
    QLabel *m_problem;
    QPushButton *m_ok;
};

} // namespace seneschal::admingui
