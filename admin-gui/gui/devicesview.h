#pragma once

#include "consoleview.h"

#include <QJsonObject>
#include <QStringList>

class QAction;
class QCheckBox;
class QComboBox;
class QTimer;

namespace seneschal::admingui {

class DetailForm;
class TablePanel;

// The devices topic: every known device, live; filters "online only",
// "behind only" and by user; disconnect and expire on one or many selected
// rows (after a confirmation that says how many), and the queue of one.
class DevicesView : public ConsoleView
{
    Q_OBJECT

public:
    explicit DevicesView(ConsoleSession *session, QWidget *parent = nullptr);

    QString title() const override;
    void refresh() override;
    void focusFilter() override;

    TablePanel *table() const { return m_table; }
    DetailForm *detail() const { return m_detail; }
    QCheckBox *onlineOnly() const { return m_onlineOnly; }
    QCheckBox *behindOnly() const { return m_behindOnly; }
    QComboBox *userFilter() const { return m_user; }
    QAction *disconnectAction() const { return m_disconnect; }
    QAction *expireAction() const { return m_expire; }
    QAction *queueAction() const { return m_queue; }

    // The cuids of the selected rows.
    QStringList selectedDevices() const;

Q_SIGNALS:
    // A queue dialog was opened (tests look at it).
    void queueOpened(QWidget *dialog);

private:
    void showDetail(const QJsonObject &row);
    void updateActions();
    void updateUsers();
    void act(bool expire);
    void showQueue();

    TablePanel *m_table;
    DetailForm *m_detail;
    QCheckBox *m_onlineOnly;
    QCheckBox *m_behindOnly;
    QComboBox *m_user;
    QTimer *m_usersDelay;
    QAction *m_disconnect;
    QAction *m_expire;
    QAction *m_queue;
    QAction *m_copy;
};

} // namespace seneschal::admingui
