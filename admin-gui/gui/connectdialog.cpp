#include "connectdialog.h"

#include "buttontext.h"
#include "certificatepins.h"
#include "secretstore.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace seneschal::admingui {

using namespace Qt::StringLiterals;

ConnectDialog::ConnectDialog(SecretStore *secrets, CertificatePins *pins, QWidget *parent)
    : QDialog(parent)
    , m_pins(pins)
    , m_server(new QComboBox(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_trust(new QButtonGroup(this))
    , m_caFile(new QLineEdit(this))
    , m_browse(new QPushButton(tr("&Browse…"), this))
    , m_pinNote(new QLabel(this))
    , m_forgetPin(new QPushButton(tr("&Forget pin"), this))
    , m_remember(new QCheckBox(tr("&Remember me (keep the session in the keychain)"), this))
    , m_rememberPassword(new QCheckBox(tr("Keep the &password too"), this))
    , m_keychainNote(new QLabel(this))
    , m_message(new QLabel(this))
{
    setWindowTitle(tr("Connect to a Seneschal server"));
    setObjectName(u"connectDialog"_s);
    m_server->setEditable(true);
    m_server->setObjectName(u"server"_s);
    m_server->lineEdit()->setPlaceholderText(tr("wss://host:7443"));
    m_server->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_user->setObjectName(u"user"_s);
    m_password->setObjectName(u"password"_s);
    m_password->setEchoMode(QLineEdit::Password);

    auto *trustBox = new QGroupBox(tr("Server certificate"), this);
    auto *system =
        new QRadioButton(tr("Verify against the &system's certificate authorities"), trustBox);
    auto *file = new QRadioButton(tr("Verify against a &CA file:"), trustBox);
    auto *pin =
        new QRadioButton(tr("&Pin the certificate's SHA-256 fingerprint on first use"), trustBox);
    m_trust->addButton(system, int(TrustMode::SystemCas));
    m_trust->addButton(file, int(TrustMode::CaFile));
    m_trust->addButton(pin, int(TrustMode::Pinned));
    system->setChecked(true);
    m_caFile->setObjectName(u"caFile"_s);
    m_caFile->setPlaceholderText(tr("PEM file of the CA or of the server's own certificate"));
    m_pinNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pinNote->setWordWrap(true);
    m_pinNote->setObjectName(u"pinNote"_s);
    auto *fileLine = new QHBoxLayout;
    fileLine->addWidget(file);
    fileLine->addWidget(m_caFile, 1);
    fileLine->addWidget(m_browse);
    auto *pinLine = new QHBoxLayout;
    pinLine->addSpacing(24);
    pinLine->addWidget(m_pinNote, 1);
    pinLine->addWidget(m_forgetPin, 0, Qt::AlignTop);
    auto *trustLayout = new QVBoxLayout(trustBox);
    trustLayout->addWidget(system);
    trustLayout->addLayout(fileLine);
    trustLayout->addWidget(pin);
    trustLayout->addLayout(pinLine);

    m_keychainNote->setWordWrap(true);
    m_keychainNote->setObjectName(u"keychainNote"_s);
    m_keychainNote->setText(tr("Looking for a keychain…"));
    m_remember->setObjectName(u"remember"_s);
    m_rememberPassword->setObjectName(u"rememberPassword"_s);
    m_remember->setEnabled(false);
    m_rememberPassword->setEnabled(false);
    auto *rememberBox = new QGroupBox(tr("Remember"), this);
    auto *rememberLayout = new QVBoxLayout(rememberBox);
    rememberLayout->addWidget(m_remember);
    auto *passwordLine = new QHBoxLayout;
    passwordLine->addSpacing(24);
    passwordLine->addWidget(m_rememberPassword);
    rememberLayout->addLayout(passwordLine);
    rememberLayout->addWidget(m_keychainNote);

    m_message->setWordWrap(true);
    m_message->setObjectName(u"message"_s);
    QFont bold = m_message->font();
    bold.setBold(true);
    m_message->setFont(bold);
    m_message->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    ButtonText::apply(buttons);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("C&onnect"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("Ser&ver:"), m_server);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("Pass&word:"), m_password);
    auto *layout = new QVBoxLayout(this);
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    layout->addLayout(form);
    layout->addWidget(trustBox);
    layout->addWidget(rememberBox);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addWidget(buttons);

    connect(m_trust, &QButtonGroup::idToggled, this, [this](int, bool on) {
        if (on)
            updateTrust();
    });
    connect(m_server, &QComboBox::editTextChanged, this, &ConnectDialog::updateTrust);
    connect(m_server, &QComboBox::activated, this, [this](int index) {
        if (index >= 0 && index < m_recent.size())
            setProfile(m_recent[index]);
    });
    connect(m_browse, &QPushButton::clicked, this, &ConnectDialog::chooseCaFile);
    connect(m_forgetPin, &QPushButton::clicked, this, [this] {
        const ServerProfile current = profile();
        if (current.url.isValid())
            m_pins->removePin(current.hostPort());
        updateTrust();
    });
    connect(m_remember, &QCheckBox::toggled, this, &ConnectDialog::updateRemember);

    QPointer<ConnectDialog> self(this);
    secrets->checkAvailable([self](bool available, const QString &why) {
        if (!self)
            return;
        self->m_keychainAvailable = available;
        if (available) {
            self->m_keychainNote->setText(
                tr("The session token (and the password, if you tick it) is kept in the "
                   "keychain, never in a file."));
        } else {
            self->m_remember->setChecked(false);
            self->m_keychainNote->setText(
                tr("Nothing can be remembered: no keychain (Secret Service) is available, and "
                   "secrets are never written in plain text. %1")
                    .arg(why));
        }
        self->updateRemember();
        Q_EMIT self->keychainChecked(available);
    });
    updateTrust();
    updateRemember();
    resize(560, sizeHint().height());
}

QLineEdit *ConnectDialog::serverEdit() const
{
    return m_server->lineEdit();
}

void ConnectDialog::setRecentServers(const QList<ServerProfile> &profiles)
{
    m_recent = profiles;
    const QString text = m_server->currentText();
    m_server->clear();
    for (const ServerProfile &recent : profiles)
        m_server->addItem(u"%1  (%2)"_s.arg(recent.url.toDisplayString(), recent.user));
    m_server->setCurrentIndex(-1);
    m_server->setEditText(text);
}

void ConnectDialog::setProfile(const ServerProfile &profile)
{
    m_server->setEditText(profile.url.toDisplayString());
    m_user->setText(profile.user);
    m_caFile->setText(profile.caFile);
    setTrustMode(profile.trust);
    m_remember->setChecked(profile.rememberToken);
    m_rememberPassword->setChecked(profile.rememberPassword);
    (profile.user.isEmpty() ? m_user : m_password)->setFocus();
    updateRemember();
}

void ConnectDialog::setTrustMode(TrustMode mode)
{
    if (QAbstractButton *button = m_trust->button(int(mode)))
        button->setChecked(true);
    updateTrust();
}

ServerProfile ConnectDialog::profile() const
{
    ServerProfile profile;
    // A recent server's line carries the user in brackets.
    QString address = m_server->currentText();
    if (const qsizetype bracket = address.indexOf(u"  ("); bracket > 0)
        address.truncate(bracket);
    profile.url = ServerProfile::adminUrl(address);
    profile.user = m_user->text().trimmed();
    profile.trust = TrustMode(m_trust->checkedId());
    profile.caFile = m_caFile->text().trimmed();
    profile.rememberToken = m_keychainAvailable && m_remember->isChecked();
    profile.rememberPassword = profile.rememberToken && m_rememberPassword->isChecked();
    return profile;
}

QString ConnectDialog::password() const
{
    return m_password->text();
}

void ConnectDialog::setMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void ConnectDialog::setRemembered(bool remembered)
{
    m_remembered = remembered;
    m_password->setPlaceholderText(remembered ? tr("remembered: leave empty to use it")
                                              : QString());
}

void ConnectDialog::updateTrust()
{
    const TrustMode mode = TrustMode(m_trust->checkedId());
    m_caFile->setEnabled(mode == TrustMode::CaFile);
    m_browse->setEnabled(mode == TrustMode::CaFile);
    const bool pinning = mode == TrustMode::Pinned;
    m_pinNote->setVisible(pinning);
    m_forgetPin->setVisible(pinning);
    if (!pinning)
        return;
    const ServerProfile current = profile();
    const QByteArray pin = current.url.isValid() ? m_pins->pin(current.hostPort()) : QByteArray();
    m_forgetPin->setEnabled(!pin.isEmpty());
    // A fingerprint reads best in columns.
    m_pinNote->setFont(pin.isEmpty() ? font()
                                     : QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Wrapped labels get their height wrong in layouts; the pin has its own
    // line breaks.
    m_pinNote->setWordWrap(pin.isEmpty());
    if (pin.isEmpty()) {
        m_pinNote->setText(tr("Not pinned yet: at the first connection the fingerprint is shown "
                              "for you to compare with the one the server writes to its log."));
    } else {
        m_pinNote->setText(tr("Pinned for %1:\n%2")
                               .arg(current.hostPort(), CertificatePins::fingerprintLines(pin)));
    }
}

void ConnectDialog::updateRemember()
{
    m_remember->setEnabled(m_keychainAvailable);
    m_rememberPassword->setEnabled(m_keychainAvailable && m_remember->isChecked());
    if (!m_remember->isChecked())
        m_rememberPassword->setChecked(false);
}

void ConnectDialog::chooseCaFile()
{
    const QString file = QFileDialog::getOpenFileName(
        this, tr("CA file"), m_caFile->text(), tr("PEM certificates (*.pem *.crt);;All files (*)"));
    if (!file.isEmpty())
        m_caFile->setText(file);
}

void ConnectDialog::accept()
{
    QString problem;
    const QString address = m_server->currentText();
    const ServerProfile current = profile();
    if (!current.url.isValid())
        ServerProfile::adminUrl(address.left(address.indexOf(u"  (")), &problem);
    else if (current.user.isEmpty())
        problem = tr("Enter the user name.");
    else if (current.trust == TrustMode::CaFile && !QFileInfo(current.caFile).isReadable())
        problem = tr("The CA file \"%1\" cannot be read.").arg(current.caFile);
    else if (m_password->text().isEmpty() && !m_remembered)
        problem = tr("Enter the password.");
    if (!problem.isEmpty()) {
        setMessage(problem);
        return;
    }
    setMessage({});
    QDialog::accept();
}

} // namespace seneschal::admingui
