#pragma once

#include "certificatepins.h"
#include "client/syncclientoptions.h"
#include "confirmer.h"
#include "credentialvault.h"
#include "serverprofile.h"
#include "tlstrust.h"

#include <QObject>
#include <QPointer>
#include <functional>

namespace seneschal::admingui {

class ConnectDialog;
class ConsoleSession;
class MainWindow;
class SecretStore;

// The application's wiring: the session, the main window, and the way to a
// server: the connect dialog, the certificate's trust (TlsTrust), the login
// with a password or a remembered session (CredentialVault), keeping what
// "remember me" asked for after the welcome, and back to the dialog with the
// reason when the server refuses.
class ConsoleController : public QObject
{
    Q_OBJECT

public:
    // Shows a problem the operator must see (a changed certificate).
    using Alerter = std::function<void(QWidget *parent, const QString &title, const QString &text)>;

    explicit ConsoleController(SecretStore *secrets, QObject *parent = nullptr);
    ~ConsoleController() override;

    ConsoleSession *session() const { return m_session; }
    MainWindow *window() const { return m_window; }
    CredentialVault *vault() const { return m_vault; }
    CertificatePins *pins() { return &m_pins; }
    ServerProfile profile() const { return m_profile; }
    ConnectDialog *connectDialog() const { return m_dialog; }

    void setApprover(TlsTrust::Approver approver) { m_trust->setApprover(std::move(approver)); }
    void setAlerter(Alerter alerter) { m_alerter = std::move(alerter); }
    void setConfirmer(const Confirmer &confirmer);

    // Opens the connect dialog, filled with `profile` (or the most recent
    // server), with `message` saying why it is back.
    void showConnectDialog(const ServerProfile &profile = {}, const QString &message = {});
    // What the dialog's Connect does; an empty password uses what is
    // remembered for the profile.
    void connectTo(const ServerProfile &profile, const QString &password);

    // This console install's cuid prefix, kept in QSettings.
    static QString consoleId();

Q_SIGNALS:
    // The connection was given up before or at its login (message for humans).
    void connectFailed(const QString &message);

private:
    void onTrusted(const TrustedCertificates &trusted);
    void onTrustRefused(const QString &message, bool changed);
    // `cuid` empty: a new one for this console install.
    void openSession(const client::ClientAuth &auth, const QString &cuid = {});
    void onWelcomed();
    void onStopped(int closeCode, const QString &reason);
    void onTlsFailed(const QString &problems);
    void fail(const QString &message);

    ConsoleSession *m_session;
    MainWindow *m_window;
    CredentialVault *m_vault;
    CertificatePins m_pins;
    TlsTrust *m_trust;
    RecentServers m_recent;
    QPointer<ConnectDialog> m_dialog;
    Alerter m_alerter;

    ServerProfile m_profile;
    TrustedCertificates m_trusted;
    QString m_password; // until the welcome, for "remember the password"
    RememberedCredentials m_recalled;
    bool m_usedToken = false;   // the login used a remembered token
    bool m_welcomed = false;    // the current session was welcomed once
    bool m_checkingTls = false; // probing again after a TLS failure
};

} // namespace seneschal::admingui
