#pragma once

#include "accessplan.h"

#include <QDialog>
#include <QJsonObject>

class QButtonGroup;
class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace seneschal::admingui {

class ConsoleSession;

// Grants and revokes users and groups on one object and switches it between
// public, private and inherited. The preview under the list says what the
// change will do before "Apply" sends it as one admin `share`.
class AccessEditorDialog : public QDialog
{
    Q_OBJECT

public:
    // `object`: the row of the `object` query.
    AccessEditorDialog(ConsoleSession *session, const QJsonObject &object,
                       QWidget *parent = nullptr);

    const AccessPlan &plan() const { return m_plan; }
    QString previewText() const;

    // What the controls do, for tests and the controls alike.
    bool addPrincipal(const QString &principal);
    void removePrincipal(const QString &principal);
    void setAccess(const QString &access);
    // Sends the share; applied() or failed() follows.
    void apply();

Q_SIGNALS:
    void applied();
    void failed(const QString &message);

private:
    void addFromInputs();
    void updateView();
    void loadNames();

    ConsoleSession *m_session;
    AccessPlan m_plan;
    QButtonGroup *m_accessGroup;
    QListWidget *m_principals;
    QComboBox *m_kind;
    QComboBox *m_name;
    QPushButton *m_remove;
    QLabel *m_preview;
    QLabel *m_error;
    QPushButton *m_apply;
    QStringList m_users;
    QStringList m_groups;
};

} // namespace seneschal::admingui
