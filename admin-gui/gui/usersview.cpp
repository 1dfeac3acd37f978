#include "usersview.h"

#include "admin/auditmodel.h"
#include "admin/pagedresultmodel.h"
#include "cellformatter.h"
#include "consolesession.h"
#include "errortext.h"
#include "passworddialog.h"
#include "tablepanel.h"
#include "tableproxy.h"

#include <QAction>
#include <QGroupBox>
#include <QInputDialog>
#include <QJsonArray>
#include <QListWidget>
#include <QPointer>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace seneschal::admingui {

using admin::PagedResultModel;
using protocol::admin::GroupAction;
using protocol::admin::GroupOp;
using protocol::admin::UserAction;
using protocol::admin::UserOp;
using namespace Qt::StringLiterals;

namespace {

enum UserColumn { Name, Disabled, Local, Groups, CreatedAt };

// The users and groups queries answer in one page: a PageRequest that
// ignores `after`.
admin::PageRequest wholeList(ConsoleSession *session, bool users)
{
    return [session = QPointer<ConsoleSession>(session), users](const QString &,
                                                                admin::ReplyCallback reply) {
        admin::AdminClient *client = session ? session->client() : nullptr;
        if (!client) {
            reply(admin::Reply{protocol::admin::AdminError{
                {}, protocol::ErrorCode::Unavailable, QStringLiteral("not connected")}});
            return;
        }
        if (users)
            client->users(std::move(reply));
        else
            client->groups(std::move(reply));
    };
}

QAction *action(const QString &text, QObject *parent, const char *name)
{
    auto *created = new QAction(text, parent);
    created->setObjectName(QString::fromLatin1(name));
    return created;
}

} // namespace

UsersView::UsersView(ConsoleSession *session, QWidget *parent)
    : ConsoleView(session, parent)
    , m_userModel(new PagedResultModel(
          {u"name"_s, u"disabled"_s, u"local"_s, u"groups"_s, u"createdAt"_s}, this))
    , m_groupModel(new PagedResultModel({u"group"_s, u"members"_s}, this))
    , m_users(new TablePanel(u"users"_s, this))
    , m_groups(new TablePanel(u"groups"_s, this))
    , m_members(new QListWidget(this))
    , m_addUser(action(tr("&Add user…"), this, "addUser"))
    , m_password(action(tr("Set &password…"), this, "setPassword"))
    , m_disable(action(tr("&Disable"), this, "disableUser"))
    , m_enable(action(tr("&Enable"), this, "enableUser"))
    , m_addGroup(action(tr("Add &group…"), this, "addGroup"))
    , m_removeGroup(action(tr("&Remove group"), this, "removeGroup"))
    , m_addMember(action(tr("Add &member…"), this, "addMember"))
    , m_removeMember(action(tr("Remove m&ember"), this, "removeMember"))
{
    m_userModel->setPageRequest(wholeList(session, true));
    m_groupModel->setPageRequest(wholeList(session, false));
    m_users->proxy()->setHeaderLabels(
        {tr("User"), tr("Disabled"), tr("Local password"), tr("Groups"), tr("Created")});
    CellFormatter userFormat;
    userFormat.setTimeColumn(CreatedAt);
    m_users->setFormatter(userFormat);
    m_users->setModel(m_userModel, PagedResultModel::ValueRole, PagedResultModel::RowRole, Name);
    m_groups->proxy()->setHeaderLabels({tr("Group"), tr("Members")});
    m_groups->setModel(m_groupModel, PagedResultModel::ValueRole, PagedResultModel::RowRole, 0);
    m_groups->view()->setSelectionMode(QAbstractItemView::SingleSelection);
    m_groups->setStretchLastColumn(true);
    m_users->view()->setSelectionMode(QAbstractItemView::SingleSelection);
    m_members->setObjectName(u"members"_s);

    connect(m_addUser, &QAction::triggered, this, &UsersView::askAddUser);
    connect(m_password, &QAction::triggered, this, &UsersView::askPassword);
    connect(m_disable, &QAction::triggered, this, [this] {
        const QString name = m_users->currentRow().value(u"name"_s).toString();
        if (!name.isEmpty() &&
            confirm(tr("Disable user"),
                    tr("Disable %1? Their sessions are closed at once and they cannot log in "
                       "until enabled again.")
                        .arg(name))) {
            setDisabled(name, true);
        }
    });
    connect(m_enable, &QAction::triggered, this, [this] {
        const QString name = m_users->currentRow().value(u"name"_s).toString();
        if (!name.isEmpty())
            setDisabled(name, false);
    });
    connect(m_addGroup, &QAction::triggered, this, &UsersView::askAddGroup);
    connect(m_removeGroup, &QAction::triggered, this, [this] {
        const QString group = m_groups->currentRow().value(u"group"_s).toString();
        if (!group.isEmpty() &&
            confirm(tr("Remove group"),
                    tr("Remove the group %1? Its members lose what it was granted at their next "
                       "login.")
                        .arg(group))) {
            removeGroup(group);
        }
    });
    connect(m_addMember, &QAction::triggered, this, &UsersView::askAddMember);
    connect(m_removeMember, &QAction::triggered, this, [this] {
        const QString group = m_groups->currentRow().value(u"group"_s).toString();
        const QListWidgetItem *item = m_members->currentItem();
        if (!group.isEmpty() && item) {
            const QString name = item->text();
            if (confirm(tr("Remove member"), tr("Remove %1 from %2?").arg(name, group)))
                removeMember(group, name);
        }
    });
    for (QAction *user : {m_password, m_disable, m_enable})
        m_users->addRowAction(user);
    m_users->addRowAction(nullptr);
    m_users->addRowAction(m_addUser);
    m_groups->addRowAction(m_addMember);
    m_groups->addRowAction(m_removeGroup);
    m_groups->addRowAction(nullptr);
    m_groups->addRowAction(m_addGroup);
    m_members->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_members->addAction(m_removeMember);

    auto *userBox = new QGroupBox(tr("Users"), this);
    auto *userToolbar = new QToolBar(userBox);
    userToolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    for (QAction *user : {m_addUser, m_password, m_disable, m_enable})
        userToolbar->addAction(user);
    auto *userLayout = new QVBoxLayout(userBox);
    userLayout->addWidget(userToolbar);
    userLayout->addWidget(m_users, 1);

    auto *groupBox = new QGroupBox(tr("Groups"), this);
    auto *groupToolbar = new QToolBar(groupBox);
    groupToolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    for (QAction *group : {m_addGroup, m_removeGroup, m_addMember, m_removeMember})
        groupToolbar->addAction(group);
    auto *groupSplit = new QSplitter(Qt::Vertical, groupBox);
    groupSplit->addWidget(m_groups);
    groupSplit->addWidget(m_members);
    auto *groupLayout = new QVBoxLayout(groupBox);
    groupLayout->addWidget(groupToolbar);
    groupLayout->addWidget(groupSplit, 1);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(userBox);
    splitter->addWidget(groupBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_users, &TablePanel::currentRowChanged, this, &UsersView::updateActions);
    connect(m_groups, &TablePanel::currentRowChanged, this, &UsersView::showMembers);
    connect(m_members, &QListWidget::currentItemChanged, this, &UsersView::updateActions);
    connect(session, &ConsoleSession::welcomed, this, &UsersView::refresh);
    // Another console's change of users or groups shows in the audit.
    connect(session->audit(), &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) {
                for (int row = first; row <= last; ++row) {
                    const QString type =
                        this->session()->audit()->rowObject(row).value(u"type"_s).toString();
                    if (type == u"user" || type == u"group") {
                        refresh();
                        return;
                    }
                }
            });
    updateActions();
}

QString UsersView::title() const
{
    return tr("Users and groups");
}

void UsersView::refresh()
{
    const QString user = m_users->currentRow().value(u"name"_s).toString();
    const QString group = m_groups->currentRow().value(u"group"_s).toString();
    m_userModel->refresh();
    m_groupModel->refresh();
    // The selection returns once the lists are back.
    auto reselect = [this, user, group] {
        if (!user.isEmpty())
            m_users->selectRow(u"name"_s, user);
        if (!group.isEmpty())
            m_groups->selectRow(u"group"_s, group);
    };
    connect(
        m_groupModel, &PagedResultModel::loadingChanged, this,
        [reselect](bool loading) {
            if (!loading)
                reselect();
        },
        Qt::SingleShotConnection);
}

void UsersView::focusFilter()
{
    m_users->focusFilter();
}

void UsersView::updateActions()
{
    const QJsonObject user = m_users->currentRow();
    const bool has = !user.isEmpty();
    const bool disabled = user.value(u"disabled"_s).toBool();
    // Users from LDAP have their password there.
    m_password->setEnabled(has && user.value(u"local"_s).toBool());
    m_disable->setEnabled(has && !disabled);
    m_enable->setEnabled(has && disabled);
    const bool group = !m_groups->currentRow().isEmpty();
    m_removeGroup->setEnabled(group);
    m_addMember->setEnabled(group);
    m_removeMember->setEnabled(group && m_members->currentItem());
}

void UsersView::showMembers(const QJsonObject &group)
{
    m_members->clear();
    for (const QJsonValue &member : group.value(u"members"_s).toArray())
        m_members->addItem(member.toString());
    updateActions();
}

void UsersView::send(const protocol::admin::RequestBody &body, const QString &doneText)
{
    admin::AdminClient *client = session()->client();
    if (!client)
        return;
    QPointer<UsersView> self(this);
    client->send(body, [self, doneText](const admin::Reply &reply) {
        if (!self)
            return;
        const auto *error = std::get_if<protocol::admin::AdminError>(&reply);
        if (error)
            self->session()->notifyError(*error);
        else
            self->session()->notify(doneText);
        self->refresh();
        Q_EMIT self->actionFinished(!error);
    });
}

void UsersView::addUser(const QString &name, const QString &password)
{
    send(UserAction{UserOp::Add, name, password}, tr("User %1 added.").arg(name));
}

void UsersView::setPassword(const QString &name, const QString &password)
{
    send(UserAction{UserOp::Passwd, name, password}, tr("Password of %1 set.").arg(name));
}

void UsersView::setDisabled(const QString &name, bool disabled)
{
    send(UserAction{disabled ? UserOp::Disable : UserOp::Enable, name, {}},
         disabled ? tr("User %1 disabled.").arg(name) : tr("User %1 enabled.").arg(name));
}

void UsersView::addGroup(const QString &group)
{
    send(GroupAction{GroupOp::Add, group, {}}, tr("Group %1 added.").arg(group));
}

void UsersView::removeGroup(const QString &group)
{
    send(GroupAction{GroupOp::Remove, group, {}}, tr("Group %1 removed.").arg(group));
}

void UsersView::addMember(const QString &group, const QString &name)
{
    send(GroupAction{GroupOp::MemberAdd, group, name}, tr("%1 added to %2.").arg(name, group));
}

void UsersView::removeMember(const QString &group, const QString &name)
{
    send(GroupAction{GroupOp::MemberRemove, group, name},
         tr("%1 removed from %2.").arg(name, group));
}

void UsersView::askAddUser()
{
    PasswordDialog dialog(tr("Add user"), {}, this);
    if (dialog.exec() == QDialog::Accepted)
        addUser(dialog.name(), dialog.password());
}

void UsersView::askPassword()
{
    const QString name = m_users->currentRow().value(u"name"_s).toString();
    if (name.isEmpty())
        return;
    PasswordDialog dialog(tr("Set password"), name, this);
    if (dialog.exec() == QDialog::Accepted)
        setPassword(name, dialog.password());
}

void UsersView::askAddGroup()
{
    bool ok = false;
    const QString group =
        QInputDialog::getText(this, tr("Add group"), tr("Group name:"), QLineEdit::Normal, {}, &ok)
            .trimmed();
    if (ok && !group.isEmpty())
        addGroup(group);
}

void UsersView::askAddMember()
{
    const QString group = m_groups->currentRow().value(u"group"_s).toString();
    if (group.isEmpty())
        return;
    QStringList names;
    for (int row = 0; row < m_userModel->rowCount(); ++row)
        names.append(m_userModel->rowObject(row).value(u"name"_s).toString());
    bool ok = false;
    const QString name =
        QInputDialog::getItem(this, tr("Add member"), tr("User to add to %1:").arg(group), names, 0,
                              true, &ok)
            .trimmed();
    if (ok && !name.isEmpty())
        addMember(group, name);
}

} // namespace seneschal::admingui
