#include "mainwindow.h"

#include "auditview.h"
#include "buttontext.h"
#include "connectionindicator.h"
#include "consolesession.h"
#include "devicesview.h"
#include "objectsview.h"
#include "overviewview.h"
#include "reconciliationview.h"
#include "usersview.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

namespace seneschal::admingui {

using namespace Qt::StringLiterals;

MainWindow::MainWindow(ConsoleSession *session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_tabs(new QTabWidget(this))
    , m_overview(new OverviewView(session, this))
    , m_devices(new DevicesView(session, this))
    , m_objects(new ObjectsView(session, this))
    , m_reconciliation(new ReconciliationView(session, this))
    , m_users(new UsersView(session, this))
    , m_audit(new AuditView(session, this))
    , m_indicator(new ConnectionIndicator(session, this))
{
    setWindowTitle(tr("Seneschal admin console"));
    setObjectName(u"mainWindow"_s);
    m_views = {m_overview, m_devices, m_objects, m_reconciliation, m_users, m_audit};
    m_tabs->setDocumentMode(true);
    m_tabs->setObjectName(u"views"_s);
    for (ConsoleView *view : std::as_const(m_views))
        m_tabs->addTab(view, view->title());
    setCentralWidget(m_tabs);
    statusBar()->addPermanentWidget(m_indicator);

    connect(session, &ConsoleSession::message, this, [this](const QString &text, bool error) {
        statusBar()->showMessage(error ? tr("Error: %1").arg(text) : text, error ? 15000 : 6000);
    });
    connect(session, &ConsoleSession::stateChanged, this, [this] {
        const QString server = m_session->serverName();
        setWindowTitle(server.isEmpty() ? tr("Seneschal admin console")
                                        : tr("%1 – Seneschal admin console").arg(server));
        if (m_disconnect)
            m_disconnect->setEnabled(m_session->client() != nullptr);
    });
    connect(m_objects, &ObjectsView::historyRequested, this, [this](const QString &oid) {
        showView(m_reconciliation);
        m_reconciliation->showObject(oid);
    });
    createMenus();
    resize(1180, 720);
    restoreSettings();
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu *server = menuBar()->addMenu(tr("&Server"));
    QAction *connectAction =
        server->addAction(tr("&Connect…"), this, &MainWindow::connectRequested);
    connectAction->setShortcut(QKeySequence::Open);
    m_disconnect = server->addAction(tr("&Disconnect"), this, [this] { m_session->close(); });
    m_disconnect->setEnabled(false);
    server->addSeparator();
    QAction *quit = server->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *refresh = view->addAction(tr("&Refresh"), this, [this] {
        if (ConsoleView *current = currentView())
            current->refresh();
    });
    refresh->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence::Refresh});
    refresh->setObjectName(u"refresh"_s);
    QAction *find = view->addAction(tr("&Filter"), this, [this] {
        if (ConsoleView *current = currentView())
            current->focusFilter();
    });
    find->setShortcut(QKeySequence::Find);
    find->setObjectName(u"find"_s);
    view->addSeparator();
    for (qsizetype i = 0; i < m_views.size(); ++i) {
        ConsoleView *target = m_views[i];
        QAction *show =
            view->addAction(target->title(), this, [this, target] { showView(target); });
        show->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + int(i))));
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about =
        help->addAction(tr("&About Seneschal admin"), this, [this] { showAbout(this); });
    about->setMenuRole(QAction::AboutRole);
    QAction *aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::setConfirmer(const Confirmer &confirmer)
{
    for (ConsoleView *view : std::as_const(m_views))
        view->setConfirmer(confirmer);
}

ConsoleView *MainWindow::currentView() const
{
    return qobject_cast<ConsoleView *>(m_tabs->currentWidget());
}

void MainWindow::showView(ConsoleView *view)
{
    m_tabs->setCurrentWidget(view);
}

void MainWindow::showAbout(QWidget *parent)
{
    QMessageBox box(parent);
    box.setWindowTitle(tr("About Seneschal admin"));
    box.setIconPixmap(QApplication::windowIcon().pixmap(64, 64));
    box.setTextFormat(Qt::RichText);
    box.setText(tr("<h3>Seneschal admin %1</h3>"
                   "<p>The operators' console of the Seneschal sync server: devices, queues, "
                   "access, reconciliations, users and the audit, live.</p>"
                   "<p>Built with Qt %2, running on Qt %3.</p>")
                    .arg(QApplication::applicationVersion(), QStringLiteral(QT_VERSION_STR),
                         QString::fromLatin1(qVersion())));
    box.setStandardButtons(QMessageBox::Ok);
    ButtonText::apply(&box);
    box.exec();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(u"mainWindow/geometry"_s, saveGeometry());
    settings.setValue(u"mainWindow/state"_s, saveState());
    settings.setValue(u"mainWindow/view"_s, m_tabs->currentIndex());
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(u"mainWindow/geometry"_s).toByteArray());
    restoreState(settings.value(u"mainWindow/state"_s).toByteArray());
    m_tabs->setCurrentIndex(settings.value(u"mainWindow/view"_s, 0).toInt());
}

} // namespace seneschal::admingui
