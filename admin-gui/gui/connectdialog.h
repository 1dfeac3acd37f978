#pragma once

#include "serverprofile.h"

#include <QDialog>
#include <QList>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace seneschal::admingui {

class CertificatePins;
class SecretStore;

// Where to connect and as whom: the server (recent ones offered), user and
// password, how its certificate is verified (the system's CAs, a CA file,
// or a SHA-256 pin taken on first use, shown here once pinned), and whether
// to remember the session in the keychain, and the password too. Without a
// keychain the remember boxes are disabled and say why: secrets are never
// kept in plain text.
class ConnectDialog : public QDialog
{
    Q_OBJECT

public:
    ConnectDialog(SecretStore *secrets, CertificatePins *pins, QWidget *parent = nullptr);

    void setRecentServers(const QList<ServerProfile> &profiles);
    void setProfile(const ServerProfile &profile);
    // The fields as a profile; its url is invalid when the address is.
    ServerProfile profile() const;
    QString password() const;
    // A line above the buttons: why the last try failed, or a hint.
    void setMessage(const QString &text);
    // The password may stay empty: a remembered session or password exists.
    void setRemembered(bool remembered);

    bool keychainAvailable() const { return m_keychainAvailable; }
    QLineEdit *serverEdit() const;
    QLineEdit *userEdit() const { return m_user; }
    QLineEdit *passwordEdit() const { return m_password; }
    QCheckBox *rememberBox() const { return m_remember; }
    QCheckBox *rememberPasswordBox() const { return m_rememberPassword; }
    QLabel *keychainNote() const { return m_keychainNote; }
    QLabel *pinNote() const { return m_pinNote; }
    void setTrustMode(TrustMode mode);

    void accept() override;

Q_SIGNALS:
    void keychainChecked(bool available);

private:
    void updateTrust();
    void updateRemember();
    void chooseCaFile();

    CertificatePins *m_pins;
    QList<ServerProfile> m_recent;
    QComboBox *m_server;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QButtonGroup *m_trust;
    QLineEdit *m_caFile;
    QPushButton *m_browse;
    QLabel *m_pinNote;
    QPushButton *m_forgetPin;
    QCheckBox *m_remember;
    QCheckBox *m_rememberPassword;
    QLabel *m_keychainNote;
    QLabel *m_message;
    bool m_keychainAvailable = false;
    bool m_remembered = false;
};

} // namespace seneschal::admingui
