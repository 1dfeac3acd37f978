#include "accesseditor.h"

#include "buttontext.h"
#include "cellformatter.h"
#include "consolesession.h"
#include "errortext.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace seneschal::admingui {

using namespace Qt::StringLiterals;

namespace {

QStringList strings(const QJsonValue &array)
{
    QStringList list;
    for (const QJsonValue &value : array.toArray())
        list.append(value.toString());
    return list;
}

const QStringList kAccessNames = {u"public"_s, u"private"_s, u"inherit"_s};

} // namespace

AccessEditorDialog::AccessEditorDialog(ConsoleSession *session, const QJsonObject &object,
                                       QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_plan(object.value(u"oid"_s).toString(), object.value(u"access"_s).toString(),
             strings(object.value(u"grants"_s)))
    , m_accessGroup(new QButtonGroup(this))
    , m_principals(new QListWidget(this))
    , m_kind(new QComboBox(this))
    , m_name(new QComboBox(this))
    , m_remove(new QPushButton(tr("&Remove"), this))
    , m_preview(new QLabel(this))
    , m_error(new QLabel(this))
    , m_apply(new QPushButton(this))
{
    setWindowTitle(tr("Access to %1").arg(m_plan.oid()));
    resize(520, 520);

    auto *accessBox = new QGroupBox(tr("Who may see it"), this);
    auto *accessLayout = new QHBoxLayout(accessBox);
    for (qsizetype i = 0; i < kAccessNames.size(); ++i) {
        auto *radio = new QRadioButton(CellFormatter::accessLabel(kAccessNames[i]), accessBox);
        radio->setObjectName(u"access_"_s + kAccessNames[i]);
        m_accessGroup->addButton(radio, int(i));
        accessLayout->addWidget(radio);
        radio->setChecked(kAccessNames[i] == m_plan.currentAccess());
    }
    connect(m_accessGroup, &QButtonGroup::idClicked, this,
            [this](int id) { setAccess(kAccessNames.value(id)); });

    auto *grantsBox = new QGroupBox(tr("Grants"), this);
    m_principals->setObjectName(u"principals"_s);
    m_kind->addItem(tr("User"), u"user:"_s);
    m_kind->addItem(tr("Group"), u"group:"_s);
    m_name->setEditable(true);
    m_name->setObjectName(u"principalName"_s);
    m_name->setInsertPolicy(QComboBox::NoInsert);
    m_name->lineEdit()->setPlaceholderText(tr("name"));
    auto *add = new QPushButton(tr("&Grant"), this);
    connect(add, &QPushButton::clicked, this, &AccessEditorDialog::addFromInputs);
    connect(m_name->lineEdit(), &QLineEdit::returnPressed, this,
            &AccessEditorDialog::addFromInputs);
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        const QString text = m_name->currentText();
        m_name->clear();
        m_name->addItems(m_kind->currentData().toString() == u"user:" ? m_users : m_groups);
        m_name->setCurrentText(text);
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem *item = m_principals->currentItem())
            removePrincipal(item->data(Qt::UserRole).toString());
    });
    connect(m_principals, &QListWidget::currentItemChanged, this,
            [this] { m_remove->setEnabled(m_principals->currentItem() != nullptr); });
    auto *inputs = new QHBoxLayout;
    inputs->addWidget(m_kind);
    inputs->addWidget(m_name, 1);
    inputs->addWidget(add);
    inputs->addWidget(m_remove);
    auto *grantsLayout = new QVBoxLayout(grantsBox);
    grantsLayout->addWidget(m_principals, 1);
    grantsLayout->addLayout(inputs);

    auto *previewBox = new QGroupBox(tr("Preview"), this);
    m_preview->setObjectName(u"preview"_s);
    m_preview->setWordWrap(true);
    m_preview->setTextFormat(Qt::PlainText);
    auto *previewLayout = new QVBoxLayout(previewBox);
    previewLayout->addWidget(m_preview);
    m_error->setWordWrap(true);
    QFont bold = m_error->font();
    bold.setBold(true);
    m_error->setFont(bold);
    m_error->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_apply->setObjectName(u"apply"_s);
    buttons->addButton(m_apply, QDialogButtonBox::AcceptRole);
    ButtonText::apply(buttons);
    m_apply->setText(tr("&Apply change"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_apply, &QPushButton::clicked, this, &AccessEditorDialog::apply);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(accessBox);
    layout->addWidget(grantsBox, 1);
    layout->addWidget(previewBox);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    loadNames();
    updateView();
}

void AccessEditorDialog::loadNames()
{
    admin::AdminClient *client = m_session->client();
    if (!client)
        return;
    QPointer<AccessEditorDialog> self(this);
    client->users([self](const admin::Reply &reply) {
        const auto *result = std::get_if<protocol::admin::Result>(&reply);
        if (!self || !result)
            return;
        for (const QJsonValue &row : result->rows)
            self->m_users.append(row.toObject().value(u"name"_s).toString());
        if (self->m_kind->currentIndex() == 0) {
            const QString text = self->m_name->currentText();
            self->m_name->addItems(self->m_users);
            self->m_name->setCurrentText(text);
        }
    });
    client->groups([self](const admin::Reply &reply) {
        const auto *result = std::get_if<protocol::admin::Result>(&reply);
        if (!self || !result)
            return;
        for (const QJsonValue &row : result->rows)
            self->m_groups.append(row.toObject().value(u"group"_s).toString());
    });
}

void AccessEditorDialog::addFromInputs()
{
    const QString name = m_name->currentText().trimmed();
    if (name.isEmpty())
        return;
    if (addPrincipal(m_kind->currentData().toString() + name))
        m_name->setCurrentText({});
}

bool AccessEditorDialog::addPrincipal(const QString &principal)
{
    if (!m_plan.grant(principal)) {
        m_error->setText(tr("\"%1\" is not a user or group name.").arg(principal));
        m_error->show();
        return false;
    }
    m_error->hide();
    updateView();
    return true;
}

void AccessEditorDialog::removePrincipal(const QString &principal)
{
    m_plan.revoke(principal);
    updateView();
}

void AccessEditorDialog::setAccess(const QString &access)
{
    m_plan.setAccess(access);
    if (QAbstractButton *button = m_accessGroup->button(int(kAccessNames.indexOf(access))))
        button->setChecked(true);
    updateView();
}

QString AccessEditorDialog::previewText() const
{
    return m_preview->text();
}

void AccessEditorDialog::updateView()
{
    m_principals->clear();
    const QStringList current = m_plan.currentGrants();
    QStringList all = current;
    for (const QString &principal : m_plan.toGrant())
        all.append(principal);
    for (const QString &principal : std::as_const(all)) {
        QString text = AccessPlan::principalText(principal);
        auto *item = new QListWidgetItem(m_principals);
        item->setData(Qt::UserRole, principal);
        QFont font = item->font();
        if (m_plan.toGrant().contains(principal)) {
            text = tr("%1 (to grant)").arg(text);
            font.setBold(true);
        } else if (m_plan.toRevoke().contains(principal)) {
            text = tr("%1 (to revoke)").arg(text);
            font.setStrikeOut(true);
        }
        item->setText(text);
        item->setFont(font);
    }
    if (all.isEmpty()) {
        auto *item =
            new QListWidgetItem(tr("No grants: only the owner and the admins."), m_principals);
        item->setFlags(Qt::NoItemFlags);
    }
    m_remove->setEnabled(m_principals->currentItem() != nullptr);
    m_preview->setText(m_plan.preview().join(u'\n'));
    m_apply->setEnabled(!m_plan.isEmpty());
}

void AccessEditorDialog::apply()
{
    admin::AdminClient *client = m_session->client();
    if (m_plan.isEmpty() || !client)
        return;
    m_apply->setEnabled(false);
    m_error->hide();
    QPointer<AccessEditorDialog> self(this);
    client->share(m_plan.share(), [self](const admin::Reply &reply) {
        if (!self)
            return;
        if (const auto *error = std::get_if<protocol::admin::AdminError>(&reply)) {
            const QString message = ErrorText::error(*error);
            self->m_error->setText(message);
            self->m_error->show();
            self->m_apply->setEnabled(true);
            Q_EMIT self->failed(message);
            return;
        }
        self->m_session->notify(tr("Access to %1 changed.").arg(self->m_plan.oid()));
        Q_EMIT self->applied();
        self->accept();
    });
}

} // namespace seneschal::admingui
