#pragma once

#include "confirmer.h"

#include <QList>
#include <QMainWindow>

class QAction;
class QTabWidget;

namespace seneschal::admingui {

class AuditView;
class ConnectionIndicator;
class ConsoleSession;
class ConsoleView;
class DevicesView;
class ObjectsView;
class OverviewView;
class ReconciliationView;
class UsersView;

// The console's window: a tab per view of the session (Overview, Devices,
// Objects and access, Reconciliation, Users and groups, Audit), the menus
// and shortcuts (Ctrl+F filter, F5 refresh, Ctrl+1..6 views), and the status
// bar with the connection state and the answers to actions. Geometry and the
// open tab are remembered in QSettings.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(ConsoleSession *session, QWidget *parent = nullptr);
    ~MainWindow() override;

    ConsoleSession *session() const { return m_session; }
    QTabWidget *tabs() const { return m_tabs; }
    OverviewView *overview() const { return m_overview; }
    DevicesView *devices() const { return m_devices; }
    ObjectsView *objects() const { return m_objects; }
    ReconciliationView *reconciliation() const { return m_reconciliation; }
    UsersView *users() const { return m_users; }
    AuditView *audit() const { return m_audit; }
    ConnectionIndicator *connectionIndicator() const { return m_indicator; }
    QList<ConsoleView *> views() const { return m_views; }

    // How every view asks before an action (tests answer themselves).
    void setConfirmer(const Confirmer &confirmer);
    ConsoleView *currentView() const;
    void showView(ConsoleView *view);

    static void showAbout(QWidget *parent);

Q_SIGNALS:
    // Server > Connect…
    void connectRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void saveSettings() const;
    void restoreSettings();

    ConsoleSession *m_session;
    QTabWidget *m_tabs;
    OverviewView *m_overview;
    DevicesView *m_devices;
    ObjectsView *m_objects;
    ReconciliationView *m_reconciliation;
    UsersView *m_users;
    AuditView *m_audit;
    QList<ConsoleView *> m_views;
    ConnectionIndicator *m_indicator;
    QAction *m_disconnect = nullptr;
};

} // namespace seneschal::admingui
