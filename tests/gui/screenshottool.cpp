// seneschal-admin-screenshots: the console's views as PNG files, for the
// README (scripts/screenshots.sh runs it under Xvfb against a server it
// starts). With --seed it first gives the server devices, objects,
// conflicts, shares, users and audit entries to show, as devices and an
// admin would make them; then it opens the console (the real MainWindow),
// waits for the live views to fill, and saves each view, the connect dialog,
// a queue and the access editor with QWidget::grab().
#include "admin/adminclient.h"
#include "admin/pagedresultmodel.h"
#include "admin/statsmodel.h"
#include "client/syncclient.h"
#include "gui/accesseditor.h"
#include "gui/auditview.h"
#include "gui/certificatepins.h"
#include "gui/connectdialog.h"
#include "gui/consolesession.h"
#include "gui/devicesview.h"
#include "gui/mainwindow.h"
#include "gui/objectdetail.h"
#include "gui/objecthistory.h"
#include "gui/objectsview.h"
#include "gui/overviewview.h"
#include "gui/queuedialog.h"
#include "gui/reconciliationview.h"
#include "gui/secretstore.h"
#include "gui/tablepanel.h"
#include "gui/translations.h"
#include "gui/usersview.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QLineEdit>
#include <QPalette>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTextStream>
#include <QTimer>
#include <QTreeWidget>
#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using namespace seneschal;
using client::SyncClient;

namespace {

constexpr int kTimeout = 20000;
constexpr qint64 kMinute = 60000;

void wait(int ms)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

bool waitFor(const std::function<bool()> &condition, int timeoutMs = kTimeout)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

void fail(const QString &what)
{
    QTextStream(stderr) << "seneschal-admin-screenshots: " << what << '\n';
    ::exit(1);
}

// A keychain that is there and keeps nothing: the connect dialog as on a desktop.
class NoSecrets : public admingui::SecretStore
{
public:
    void checkAvailable(Availability done) override { done(true, {}); }
    void read(const QString &, ReadDone done) override { done(std::nullopt, {}); }
    void write(const QString &, const QString &, WriteDone done) override { done(true, {}); }
    void remove(const QString &, WriteDone done) override { done(true, {}); }
};

struct Server
{
    QUrl url; // wss://host:port
    QString caFile;
    QString password; // every user's password is <name>-pw unless given

    client::SyncClientOptions device(const QString &cuid, const QString &user) const
    {
        client::SyncClientOptions options;
        options.url = url;
        options.url.setPath(u"/v1"_s);
        options.cuid = cuid;
        options.auth = client::ClientAuth::withPassword(user, user + u"-pw"_s);
        options.caFile = caFile;
        return options;
    }
};

client::DispatchOptions make(const QString &kind, const QString &parent = {},
                             std::optional<engine::Access> access = std::nullopt,
                             std::optional<qint64> ts = std::nullopt)
{
    client::DispatchOptions options;
    options.kind = kind;
    options.parent = parent;
    options.access = access;
    options.ts = ts;
    return options;
}

// Devices, lists and items, conflicts, shares, users, audit entries.
class Seeder
{
public:
    explicit Seeder(const Server &server)
        : m_server(server)
    {}

    std::unique_ptr<SyncClient> live(const QString &cuid, const QString &user)
    {
        auto client = std::make_unique<SyncClient>(m_server.device(cuid, user));
        client->connectToServer();
        if (!waitFor([&] { return client->isLive(); }))
            fail(u"device %1 did not go live"_s.arg(cuid));
        return client;
    }
    static void drain(SyncClient &client)
    {
        if (!waitFor([&] { return client.outbox().isEmpty(); }))
            fail(u"device %1 did not upload"_s.arg(client.options().cuid));
    }
    static void offline(SyncClient &client)
    {
        client.disconnectFromServer();
        waitFor([&] { return client.state() == SyncClient::State::Disconnected; });
    }

    void run(admin::AdminClient &admin)
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        auto alicePhone = live(u"alice-phone"_s, u"alice"_s);
        auto aliceLaptop = live(u"alice-laptop"_s, u"alice"_s);
        auto bobPhone = live(u"bob-phone"_s, u"bob"_s);
        auto bobTablet = live(u"bob-tablet"_s, u"bob"_s);
        auto carolPhone = live(u"carol-phone"_s, u"carol"_s);
        auto daveLaptop = live(u"dave-laptop"_s, u"dave"_s);

        // Lists and their items.
        carolPhone->dispatch(u"list.groceries"_s, {{u"title"_s, u"Groceries"_s}},
                             make(u"list"_s, {}, engine::Access::Private));
        const QStringList groceries = {u"Milk"_s,   u"Bread"_s, u"Apples"_s,
                                       u"Coffee"_s, u"Rice"_s,  u"Tomatoes"_s};
        for (qsizetype i = 0; i < groceries.size(); ++i) {
            carolPhone->dispatch(
                u"item.groceries.%1"_s.arg(i + 1),
                {{u"name"_s, groceries[i]}, {u"qty"_s, int(i % 3) + 1}},
                make(u"item"_s, u"list.groceries"_s, engine::Access::Inherit, now - 90 * kMinute));
        }
        alicePhone->dispatch(u"list.inventory"_s, {{u"title"_s, u"Shop inventory"_s}},
                             make(u"list"_s, {}, engine::Access::Public));
        const QStringList stock = {u"Hammer"_s, u"Nails"_s, u"Saw"_s, u"Drill"_s, u"Tape"_s};
        for (qsizetype i = 0; i < stock.size(); ++i) {
            alicePhone->dispatch(
                u"item.inventory.%1"_s.arg(i + 1),
                {{u"name"_s, stock[i]}, {u"qty"_s, int(10 * (i + 1))}, {u"location"_s, u"store"_s}},
                make(u"item"_s, u"list.inventory"_s, std::nullopt, now - 90 * kMinute));
        }
        daveLaptop->dispatch(u"list.projects"_s, {{u"title"_s, u"Projects"_s}},
                             make(u"list"_s, {}, engine::Access::Private));
        daveLaptop->dispatch(u"image.floorplan"_s, {{u"name"_s, u"floorplan.png"_s}},
                             make(u"image"_s, u"list.projects"_s, engine::Access::Inherit));
        drain(*carolPhone);
        drain(*alicePhone);
        drain(*daveLaptop);
        carolPhone->share(u"list.groceries"_s, {u"group:family"_s});
        wait(500);

        // Conflicts: devices that wrote the same properties while apart.
        waitFor([&] {
            return bobPhone->object(u"item.inventory.1"_s).has_value() &&
                   bobPhone->object(u"item.groceries.2"_s).has_value();
        });
        offline(*bobPhone);
        offline(*aliceLaptop);
        bobPhone->dispatch(u"item.groceries.2"_s, {{u"qty"_s, 5}, {u"name"_s, u"Rye bread"_s}},
                           make({}, {}, std::nullopt, now - 20 * kMinute));
        carolPhone->dispatch(u"item.groceries.2"_s, {{u"qty"_s, 3}},
                             make({}, {}, std::nullopt, now - 10 * kMinute));
        carolPhone->dispatch(u"item.groceries.2"_s, {{u"name"_s, u"Wholegrain bread"_s}},
                             make({}, {}, std::nullopt, now - 30 * kMinute));
        drain(*carolPhone);
        bobPhone->dispatch(u"item.inventory.1"_s, {{u"qty"_s, 7}, {u"location"_s, u"aisle 3"_s}},
                           make({}, {}, std::nullopt, now - 40 * kMinute));
        aliceLaptop->dispatch(u"item.inventory.2"_s, {{u"qty"_s, 35}},
                              make({}, {}, std::nullopt, now - 35 * kMinute));
        alicePhone->dispatch(u"item.inventory.1"_s, {{u"location"_s, u"back room"_s}},
                             make({}, {}, std::nullopt, now - 30 * kMinute));
        alicePhone->dispatch(u"item.inventory.2"_s, {{u"qty"_s, 40}, {u"name"_s, u"Nails 4mm"_s}},
                             make({}, {}, std::nullopt, now - 50 * kMinute));
        drain(*alicePhone);
        bobPhone->connectToServer();
        waitFor([&] { return bobPhone->isLive(); });
        aliceLaptop->connectToServer();
        waitFor([&] { return aliceLaptop->isLive(); });
        drain(*bobPhone);
        drain(*aliceLaptop);

        // Admin actions, for the audit and the access history.
        auto answered = std::make_shared<int>(0);
        auto count = [answered](const admin::Reply &) { ++*answered; };
        protocol::Share share;
        share.oid = u"list.projects"_s;
        share.grant = {u"user:erin"_s};
        admin.share(share, count);
        admin.userAction({protocol::admin::UserOp::Add, u"frank"_s, u"frank-pw"_s}, count);
        admin.groupAction({protocol::admin::GroupOp::MemberAdd, u"staff"_s, u"frank"_s}, count);
        admin.userAction({protocol::admin::UserOp::Disable, u"frank"_s, {}}, count);
        waitFor([&] { return *answered == 4; });

        // Devices that went away: one long ago, one just behind.
        auto erinPhone = live(u"erin-phone"_s, u"erin"_s);
        offline(*erinPhone);
        offline(*bobTablet);
        carolPhone->dispatch(u"item.groceries.7"_s, {{u"name"_s, u"Cheese"_s}},
                             make(u"item"_s, u"list.groceries"_s, engine::Access::Inherit));
        carolPhone->dispatch(u"item.groceries.1"_s, {{u"qty"_s, 2}});
        drain(*carolPhone);
        m_keep.clear();
        m_keep.push_back(std::move(alicePhone));
        m_keep.push_back(std::move(aliceLaptop));
        m_keep.push_back(std::move(bobPhone));
        m_keep.push_back(std::move(carolPhone));
        m_keep.push_back(std::move(daveLaptop));
    }

    // Some traffic for the charts: a few changes every 400 ms while it runs.
    void startTraffic()
    {
        if (m_keep.empty())
            return;
        QObject::connect(&m_traffic, &QTimer::timeout, &m_traffic, [this] {
            SyncClient &writer = *m_keep.front();
            const int burst = 1 + (m_beat * 7) % 9;
            for (int i = 0; i < burst; ++i) {
                writer.dispatch(u"item.inventory.%1"_s.arg(1 + (m_beat + i) % 5),
                                {{u"counted"_s, m_beat + i}}, {});
            }
            ++m_beat;
        });
        m_traffic.start(400);
    }

private:
    const Server &m_server;
    std::vector<std::unique_ptr<SyncClient>> m_keep;
    QTimer m_traffic;
    int m_beat = 0;
};

class Shooter
{
public:
    explicit Shooter(const QString &directory, const QString &language)
        : m_directory(directory)
        , m_language(language)
    {
        QDir().mkpath(directory);
    }
    void save(QWidget *widget, const QString &name)
    {
        widget->repaint();
        wait(150);
        const QString path = u"%1/%2-%3.png"_s.arg(m_directory, name, m_language);
        if (!widget->grab().save(path))
            fail(u"cannot write %1"_s.arg(path));
        QTextStream(stdout) << path << '\n';
    }

private:
    QString m_directory;
    QString m_language;
};

// The console in `language`, its views saved; the devices of `seeder` stay
// online meanwhile.
void shootAll(const Server &server, const QString &directory, const QString &language,
              int trafficMs, const QString &suffix = {})
{
    // Column widths fitted to this language's titles, not the last one's.
    QSettings().clear();
    const QLocale locale(language);
    QLocale::setDefault(locale);
    admingui::Translations::install(qApp, locale);

    admingui::ConsoleSession session;
    admin::AdminClientOptions options;
    options.url = server.url;
    options.url.setPath(u"/v1/admin"_s);
    options.cuid = u"console-screenshots-"_s + language;
    options.auth = client::ClientAuth::withPassword(u"alice"_s, u"alice-pw"_s);
    options.caFile = server.caFile;
    admingui::MainWindow window(&session);
    window.resize(1280, 760);
    window.show();
    session.open(options);
    if (!waitFor([&] { return session.isLive(); }))
        fail(u"the console did not connect"_s);
    window.overview()->setChartWindowMs(qMax(60000, trafficMs));
    wait(trafficMs);
    waitFor([&] { return session.stats()->samples().size() >= 10; });

    Shooter shoot(directory, language + suffix);
    window.showView(window.overview());
    wait(1500);
    shoot.save(&window, u"overview"_s);

    window.showView(window.devices());
    waitFor([&] { return window.devices()->table()->visibleRows() >= 6; });
    window.devices()->table()->selectRow(u"cuid"_s, u"bob-tablet"_s);
    wait(600);
    shoot.save(&window, u"devices"_s);
    if (!suffix.isEmpty()) {
        session.close(); // a variant: the first two views are enough
        wait(200);
        return;
    }

    window.showView(window.objects());
    waitFor([&] { return window.objects()->table()->visibleRows() > 10; });
    window.objects()->table()->selectRow(u"oid"_s, u"list.groceries"_s);
    waitFor([&] { return !window.objects()->detail()->object().isEmpty(); });
    wait(500);
    shoot.save(&window, u"objects"_s);

    window.showView(window.reconciliation());
    waitFor([&] { return window.reconciliation()->table()->visibleRows() >= 3; });
    window.reconciliation()->table()->selectRow(u"prop"_s, u"qty"_s);
    waitFor(
        [&] { return window.reconciliation()->objectHistory()->tree()->topLevelItemCount() > 0; });
    wait(500);
    shoot.save(&window, u"reconciliation"_s);

    window.showView(window.users());
    waitFor([&] { return window.users()->users()->visibleRows() >= 5; });
    window.users()->users()->selectRow(u"name"_s, u"bob"_s);
    window.users()->groups()->selectRow(u"group"_s, u"family"_s);
    wait(300);
    shoot.save(&window, u"users"_s);

    window.showView(window.audit());
    waitFor([&] { return window.audit()->table()->visibleRows() >= 1; });
    window.audit()->table()->view()->selectRow(0);
    wait(300);
    shoot.save(&window, u"audit"_s);

    // The dialogs, on their own.
    window.showView(window.objects());
    if (admingui::AccessEditorDialog *editor = window.objects()->editAccess()) {
        editor->addPrincipal(u"user:dave"_s);
        editor->removePrincipal(u"group:family"_s);
        wait(300);
        shoot.save(editor, u"access-editor"_s);
        editor->reject();
    }
    window.showView(window.devices());
    window.devices()->table()->selectRow(u"cuid"_s, u"bob-tablet"_s);
    admingui::QueueDialog *queue = nullptr;
    QObject::connect(
        window.devices(), &admingui::DevicesView::queueOpened, &window,
        [&](QWidget *dialog) { queue = qobject_cast<admingui::QueueDialog *>(dialog); });
    window.devices()->queueAction()->trigger();
    if (queue) {
        waitFor([&] { return queue->model()->rowCount() > 0; });
        wait(300);
        shoot.save(queue, u"queue"_s);
        queue->close();
    }
    NoSecrets secrets;
    admingui::CertificatePins pins;
    admingui::ServerProfile profile;
    profile.url = admingui::ServerProfile::adminUrl(u"console.example.org"_s);
    profile.user = u"alice"_s;
    profile.trust = admingui::TrustMode::Pinned;
    profile.rememberToken = true;
    pins.setPin(profile.hostPort(), QByteArray::fromHex("3f9a0c1be27d4458a1c06e9b7d23f5e8"
                                                        "c4a1970b6e2d58f3a9c7410e5b8d2f61"));
    admingui::ConnectDialog connect(&secrets, &pins);
    connect.setProfile(profile);
    connect.show();
    wait(300);
    shoot.save(&connect, u"connect"_s);
    pins.removePin(profile.hostPort());
    session.close();
    wait(200);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication application(argc, argv);
    QApplication::setOrganizationName(u"SeneschalScreenshots"_s);
    QApplication::setApplicationName(u"seneschal-admin-screenshots"_s);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption serverOption(u"server"_s, u"wss://host:port"_s, u"url"_s);
    const QCommandLineOption caOption(u"ca-file"_s, u"the server's certificate"_s, u"file"_s);
    const QCommandLineOption outOption(u"out"_s, u"directory for the PNG files"_s, u"dir"_s,
                                       u"docs/screenshots"_s);
    const QCommandLineOption languagesOption(u"languages"_s, u"comma-separated"_s, u"codes"_s,
                                             u"en,de"_s);
    const QCommandLineOption darkOption(u"dark"_s, u"a dark palette too (files *-dark.png)"_s);
    const QCommandLineOption trafficOption(u"traffic"_s, u"seconds of traffic for the charts"_s,
                                           u"seconds"_s, u"30"_s);
    parser.addOptions(
        {serverOption, caOption, outOption, languagesOption, trafficOption, darkOption});
    parser.process(application);
    // Settings of its own, fresh: default column layouts.
    QSettings().clear();

    Server server;
    server.url = QUrl(parser.value(serverOption));
    server.caFile = parser.value(caOption);
    if (!server.url.isValid() || server.caFile.isEmpty())
        fail(u"--server and --ca-file are required"_s);

    // The seeding console: its actions fill the audit.
    admin::AdminClientOptions options;
    options.url = server.url;
    options.url.setPath(u"/v1/admin"_s);
    options.cuid = u"console-seeding"_s;
    options.auth = client::ClientAuth::withPassword(u"alice"_s, u"alice-pw"_s);
    options.caFile = server.caFile;
    admin::AdminClient admin(options);
    admin.connectToServer();
    if (!waitFor([&] { return admin.isLive(); }))
        fail(u"the seeding console did not connect"_s);
    Seeder seeder(server);
    seeder.run(admin);
    admin.disconnectFromServer();
    seeder.startTraffic();

    const int trafficMs = parser.value(trafficOption).toInt() * 1000;
    for (const QString &language : parser.value(languagesOption).split(u',', Qt::SkipEmptyParts))
        shootAll(server, parser.value(outOption), language, trafficMs);
    if (parser.isSet(darkOption)) {
        // The console draws with the palette only: a dark one shows it.
        QApplication::setStyle(u"Fusion"_s);
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(45, 45, 48));
        dark.setColor(QPalette::WindowText, QColor(220, 220, 220));
        dark.setColor(QPalette::Base, QColor(30, 30, 32));
        dark.setColor(QPalette::AlternateBase, QColor(40, 40, 44));
        dark.setColor(QPalette::Text, QColor(220, 220, 220));
        dark.setColor(QPalette::Button, QColor(53, 53, 56));
        dark.setColor(QPalette::ButtonText, QColor(220, 220, 220));
        dark.setColor(QPalette::Highlight, QColor(61, 142, 201));
        dark.setColor(QPalette::HighlightedText, QColor(255, 255, 255));
        dark.setColor(QPalette::PlaceholderText, QColor(140, 140, 140));
        dark.setColor(QPalette::Mid, QColor(90, 90, 95));
        dark.setColor(QPalette::Midlight, QColor(70, 70, 75));
        dark.setColor(QPalette::Light, QColor(80, 80, 85));
        dark.setColor(QPalette::Dark, QColor(25, 25, 27));
        QApplication::setPalette(dark);
        shootAll(server, parser.value(outOption), u"en"_s, trafficMs, u"-dark"_s);
    }
    return 0;
}
