#include "consolecontroller.h"

#include "buttontext.h"
#include "connectdialog.h"
#include "consolesession.h"
#include "errortext.h"
#include "mainwindow.h"
#include "secretstore.h"

#include <QAbstractButton>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QRandomGenerator>
#include <QSettings>
#include <QUuid>

namespace seneschal::admingui {

using admin::AdminClient;
using namespace Qt::StringLiterals;

namespace {

void messageBoxAlert(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox box(QMessageBox::Critical, title, text, QMessageBox::Ok, parent);
    ButtonText::apply(&box);
    box.exec();
}

bool askToPin(QWidget *parent, const QString &server, const QString &fingerprint)
{
    QMessageBox box(QMessageBox::Question, ConsoleController::tr("New server certificate"),
                    ConsoleController::tr(
                        "%1 presents a certificate this console has not seen before:\n\n%2\n\n"
                        "Compare it with the fingerprint in the server's log (the line "
                        "\"certificate … SHA-256 …\" at its start). Pin it and connect only if "
                        "they are the same.")
                        .arg(server, fingerprint.left(55) + u"\n        "_s + fingerprint.mid(56)),
                    QMessageBox::Yes | QMessageBox::No, parent);
    box.setDefaultButton(QMessageBox::No);
    ButtonText::apply(&box);
    box.button(QMessageBox::Yes)->setText(ConsoleController::tr("&Pin and connect"));
    return box.exec() == QMessageBox::Yes;
}

} // namespace

ConsoleController::ConsoleController(SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_session(new ConsoleSession(this))
    , m_window(new MainWindow(m_session))
    , m_vault(new CredentialVault(secrets, this))
    , m_trust(new TlsTrust(&m_pins, this))
    , m_alerter(messageBoxAlert)
{
    m_trust->setApprover([this](const QString &server, const QString &fingerprint) {
        return askToPin(m_window, server, fingerprint);
    });
    connect(m_trust, &TlsTrust::resolved, this, &ConsoleController::onTrusted);
    connect(m_trust, &TlsTrust::refused, this, &ConsoleController::onTrustRefused);
    connect(m_session, &ConsoleSession::welcomed, this, &ConsoleController::onWelcomed);
    connect(m_session, &ConsoleSession::stopped, this, &ConsoleController::onStopped);
    connect(m_session, &ConsoleSession::tlsFailed, this, &ConsoleController::onTlsFailed);
    connect(m_window, &MainWindow::connectRequested, this,
            [this] { showConnectDialog(m_profile); });
}

ConsoleController::~ConsoleController()
{
    delete m_window;
}

void ConsoleController::setConfirmer(const Confirmer &confirmer)
{
    m_window->setConfirmer(confirmer);
}

QString ConsoleController::consoleId()
{
    QSettings settings;
    QString id = settings.value(u"console/id"_s).toString();
    if (id.isEmpty()) {
        id = QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
        settings.setValue(u"console/id"_s, id);
    }
    return id;
}

void ConsoleController::showConnectDialog(const ServerProfile &profile, const QString &message)
{
    if (m_dialog) {
        m_dialog->setMessage(message);
        m_dialog->raise();
        return;
    }
    auto *dialog = new ConnectDialog(m_vault->store(), &m_pins, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    const QList<ServerProfile> recent = m_recent.load();
    dialog->setRecentServers(recent);
    ServerProfile shown = profile;
    if (!shown.url.isValid() && !recent.isEmpty())
        shown = recent.first();
    if (shown.url.isValid() || !shown.user.isEmpty())
        dialog->setProfile(shown);
    dialog->setMessage(message);
    // Whether an empty password may use what is remembered.
    auto checkRemembered = [this, dialog = QPointer<ConnectDialog>(dialog)] {
        if (!dialog || !dialog->keychainAvailable())
            return;
        const ServerProfile current = dialog->profile();
        if (!current.url.isValid() || current.user.isEmpty())
            return;
        m_vault->recall(current, [dialog](const RememberedCredentials &credentials) {
            if (dialog)
                dialog->setRemembered(!credentials.isEmpty());
        });
    };
    connect(dialog, &ConnectDialog::keychainChecked, this, checkRemembered);
    connect(dialog->userEdit(), &QLineEdit::editingFinished, this, checkRemembered);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { connectTo(dialog->profile(), dialog->password()); });
    dialog->open();
}

void ConsoleController::connectTo(const ServerProfile &profile, const QString &password)
{
    m_profile = profile;
    m_password = password;
    m_recalled = {};
    m_usedToken = false;
    m_welcomed = false;
    m_checkingTls = false;
    m_session->notify(tr("Connecting to %1…").arg(profile.hostPort()));
    m_trust->resolve(profile);
}

void ConsoleController::onTrusted(const TrustedCertificates &trusted)
{
    if (m_checkingTls) {
        // The certificate is the pinned one: the failure was something else.
        m_checkingTls = false;
        return;
    }
    m_trusted = trusted;
    if (!m_password.isEmpty()) {
        openSession(client::ClientAuth::withPassword(m_profile.user, m_password));
        return;
    }
    m_vault->recall(m_profile, [this](const RememberedCredentials &credentials) {
        m_recalled = credentials;
        if (!credentials.token.isEmpty()) {
            m_usedToken = true;
            // A token is the session of the cuid it was issued to.
            openSession(client::ClientAuth::withToken(credentials.token), credentials.cuid);
        } else if (!credentials.password.isEmpty()) {
            m_password = credentials.password;
            openSession(client::ClientAuth::withPassword(m_profile.user, credentials.password));
        } else {
            fail(tr("Nothing is remembered for %1: enter the password.").arg(m_profile.key()));
        }
    });
}

void ConsoleController::onTrustRefused(const QString &message, bool changed)
{
    const bool wasChecking = m_checkingTls;
    m_checkingTls = false;
    if (changed) {
        m_session->close();
        m_alerter(m_window, tr("Server certificate changed"), message);
        if (!wasChecking)
            fail(tr("The certificate of %1 does not match its pin.").arg(m_profile.hostPort()));
        else
            showConnectDialog(m_profile, message);
        return;
    }
    if (!wasChecking)
        fail(message);
}

void ConsoleController::openSession(const client::ClientAuth &auth, const QString &cuid)
{
    admin::AdminClientOptions options;
    options.url = m_profile.url;
    // One install, and a part of its own per login: two windows of one
    // install must not replace each other's session (4409).
    options.cuid = !cuid.isEmpty() ? cuid
                                   : u"console-%1-%2"_s.arg(consoleId())
                                         .arg(QRandomGenerator::global()->generate() & 0xffff, 4,
                                              16, QChar(u'0'));
    options.auth = auth;
    options.caCertificates = m_trusted.caCertificates;
    options.caFile = m_trusted.caFile;
    m_session->open(options);
}

void ConsoleController::onWelcomed()
{
    AdminClient *client = m_session->client();
    if (!client)
        return;
    if (!m_welcomed) {
        m_welcomed = true;
        // Secrets kept for this profile before must go when it no longer
        // asks for them; a profile that never did leaves the keychain alone.
        bool rememberedBefore = false;
        for (const ServerProfile &recent : m_recent.load()) {
            rememberedBefore =
                rememberedBefore || (recent.key() == m_profile.key() && recent.rememberToken);
        }
        m_recent.remember(m_profile);
        RememberedCredentials keep;
        keep.token = client->token();
        keep.tokenExpires = client->tokenExpires();
        keep.cuid = client->options().cuid;
        keep.password = m_password;
        if (m_profile.rememberToken || rememberedBefore || m_usedToken)
            m_vault->keep(m_profile, keep);
        m_password.clear();
        m_recalled = {};
    }
}

void ConsoleController::onStopped(int closeCode, const QString &reason)
{
    Q_UNUSED(reason);
    if (closeCode == protocol::CloseCode::AuthFailed && m_usedToken && !m_welcomed) {
        // The remembered session is over; a remembered password may start another.
        m_vault->forgetToken(m_profile);
        m_usedToken = false;
        if (!m_recalled.password.isEmpty()) {
            m_password = m_recalled.password;
            openSession(client::ClientAuth::withPassword(m_profile.user, m_password));
            return;
        }
        fail(tr("The remembered session has ended; enter the password."));
        return;
    }
    fail(ErrorText::closeCode(closeCode));
}

void ConsoleController::onTlsFailed(const QString &problems)
{
    if (m_profile.trust == TrustMode::Pinned && !m_checkingTls) {
        // Tell a changed certificate (loudly) from other TLS trouble.
        m_checkingTls = true;
        m_trust->resolve(m_profile);
    }
    if (!m_welcomed) {
        m_session->close();
        fail(tr("The server's certificate could not be verified: %1").arg(problems));
    }
}

void ConsoleController::fail(const QString &message)
{
    m_session->notify(message);
    Q_EMIT connectFailed(message);
    showConnectDialog(m_profile, message);
}

} // namespace seneschal::admingui
