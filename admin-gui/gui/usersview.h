#pragma once

#include "consoleview.h"
#include "protocol/adminmessages.h"

#include <QJsonObject>

class QAction;
class QListWidget;

namespace seneschal::admin {
class PagedResultModel;
}

namespace seneschal::admingui {

class TablePanel;

// The server's local users (add, set a password, disable, enable) and groups
// (add, remove, members), from the `users` and `groups` queries; users the
// server knows from LDAP are shown without a password to set. Both lists
// load again after every change, and when the audit shows one made by
// another console.
class UsersView : public ConsoleView
{
    Q_OBJECT

public:
    explicit UsersView(ConsoleSession *session, QWidget *parent = nullptr);

    QString title() const override;
    void refresh() override;
    void focusFilter() override;

    TablePanel *users() const { return m_users; }
    TablePanel *groups() const { return m_groups; }
    QListWidget *members() const { return m_members; }

    // The actions, without the dialogs that ask for their arguments.
    void addUser(const QString &name, const QString &password);
    void setPassword(const QString &name, const QString &password);
    void setDisabled(const QString &name, bool disabled);
    void addGroup(const QString &group);
    void removeGroup(const QString &group);
    void addMember(const QString &group, const QString &name);
    void removeMember(const QString &group, const QString &name);

Q_SIGNALS:
    // An action was answered (done or error).
    void actionFinished(bool ok);

private:
    void send(const protocol::admin::RequestBody &body, const QString &doneText);
    void askAddUser();
    void askPassword();
    void askAddGroup();
    void askAddMember();
    void updateActions();
    void showMembers(const QJsonObject &group);

    admin::PagedResultModel *m_userModel;
    admin::PagedResultModel *m_groupModel;
    TablePanel *m_users;
    TablePanel *m_groups;
    QListWidget *m_members;
    QAction *m_addUser;
    QAction *m_password;
    QAction *m_disable;
    QAction *m_enable;
    QAction *m_addGroup;
    QAction *m_removeGroup;
    QAction *m_addMember;
    QAction *m_removeMember;
};

} // namespace seneschal::admingui
