#include "devicesview.h"

#include "admin/devicesmodel.h"
#include "cellformatter.h"
#include "consolesession.h"
#include "detailform.h"
#include "queuedialog.h"
#include "tablepanel.h"
#include "tableproxy.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QPointer>
#include <QSet>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <memory>

namespace seneschal::admingui {

using admin::DevicesModel;
using namespace Qt::StringLiterals;

DevicesView::DevicesView(ConsoleSession *session, QWidget *parent)
    : ConsoleView(session, parent)
    , m_table(new TablePanel(u"devices"_s, this))
    , m_detail(new DetailForm(this))
    , m_onlineOnly(new QCheckBox(tr("Online only"), this))
    , m_behindOnly(new QCheckBox(tr("Behind only"), this))
    , m_user(new QComboBox(this))
    , m_usersDelay(new QTimer(this))
    , m_disconnect(new QAction(tr("&Disconnect"), this))
    , m_expire(new QAction(tr("&Expire…"), this))
    , m_queue(new QAction(tr("Show &queue…"), this))
    , m_copy(new QAction(tr("&Copy device id"), this))
{
    m_onlineOnly->setObjectName(u"onlineOnly"_s);
    m_behindOnly->setObjectName(u"behindOnly"_s);
    m_behindOnly->setToolTip(tr("Devices whose cursor is behind the server's highest seq"));
    m_user->setObjectName(u"userFilter"_s);
    m_user->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_user->addItem(tr("All users"), QString());
    m_table->addToolWidget(m_onlineOnly);
    m_table->addToolWidget(m_behindOnly);
    m_table->addToolWidget(m_user);

    CellFormatter formatter;
    for (const QString &phase : {u"offline"_s, u"upload"_s, u"catchup"_s, u"live"_s})
        formatter.setValueLabel(DevicesModel::Phase, phase, CellFormatter::phaseLabel(phase));
    m_table->setFormatter(formatter);
    m_table->setModel(session->devices(), DevicesModel::ValueRole, DevicesModel::RowRole,
                      DevicesModel::Cuid);
    m_table->proxy()->setRowPredicate([this](const QJsonObject &row) {
        if (m_onlineOnly->isChecked() && !row.value(u"online"_s).toBool())
            return false;
        if (m_behindOnly->isChecked() && row.value(u"lag"_s).toInteger() <= 0)
            return false;
        const QString user = m_user->currentData().toString();
        return user.isEmpty() || row.value(u"uuid"_s).toString() == user;
    });
    for (QCheckBox *box : {m_onlineOnly, m_behindOnly})
        connect(box, &QCheckBox::toggled, m_table->proxy(), &TableProxy::refilter);
    connect(m_user, &QComboBox::currentIndexChanged, m_table->proxy(), &TableProxy::refilter);

    m_disconnect->setObjectName(u"disconnectDevices"_s);
    m_disconnect->setToolTip(tr("Close the connection of the selected devices (they may "
                                "reconnect)"));
    m_expire->setObjectName(u"expireDevices"_s);
    m_expire->setToolTip(tr("Forget the selected devices: their next login gets a full copy"));
    m_queue->setObjectName(u"showQueue"_s);
    m_queue->setToolTip(tr("What the device would be sent if it connected now"));
    connect(m_disconnect, &QAction::triggered, this, [this] { act(false); });
    connect(m_expire, &QAction::triggered, this, [this] { act(true); });
    connect(m_queue, &QAction::triggered, this, &DevicesView::showQueue);
    connect(m_copy, &QAction::triggered, this,
            [this] { QApplication::clipboard()->setText(selectedDevices().join(u'\n')); });
    m_table->addRowAction(m_queue);
    m_table->addRowAction(nullptr);
    m_table->addRowAction(m_disconnect);
    m_table->addRowAction(m_expire);
    m_table->addRowAction(nullptr);
    m_table->addRowAction(m_copy);

    auto *toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addAction(m_queue);
    toolbar->addAction(m_disconnect);
    toolbar->addAction(m_expire);

    m_detail->setPlaceholder(tr("Select a device to see it here."));
    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(toolbar);
    layout->addWidget(splitter, 1);

    connect(m_table, &TablePanel::currentRowChanged, this, &DevicesView::showDetail);
    connect(m_table, &TablePanel::selectionChanged, this, &DevicesView::updateActions);
    connect(m_table, &TablePanel::rowActivated, this, &DevicesView::showQueue);

    // The user list follows the devices, once per burst of changes.
    m_usersDelay->setSingleShot(true);
    m_usersDelay->setInterval(500);
    connect(m_usersDelay, &QTimer::timeout, this, &DevicesView::updateUsers);
    connect(session->devices(), &QAbstractItemModel::modelReset, m_usersDelay,
            qOverload<>(&QTimer::start));
    connect(session->devices(), &QAbstractItemModel::rowsInserted, m_usersDelay,
            qOverload<>(&QTimer::start));
    connect(session->devices(), &QAbstractItemModel::rowsRemoved, m_usersDelay,
            qOverload<>(&QTimer::start));
    updateActions();
}

QString DevicesView::title() const
{
    return tr("Devices");
}

void DevicesView::refresh()
{
    session()->resubscribe(protocol::admin::Topic::Devices);
}

void DevicesView::focusFilter()
{
    m_table->focusFilter();
}

QStringList DevicesView::selectedDevices() const
{
    QStringList cuids;
    for (const QJsonObject &row : m_table->selectedRows())
        cuids.append(row.value(u"cuid"_s).toString());
    return cuids;
}

void DevicesView::updateActions()
{
    const qsizetype selected = m_table->selectedRows().size();
    m_disconnect->setEnabled(selected > 0);
    m_expire->setEnabled(selected > 0);
    m_queue->setEnabled(selected == 1);
    m_copy->setEnabled(selected > 0);
}

void DevicesView::updateUsers()
{
    QSet<QString> users;
    const DevicesModel *devices = session()->devices();
    for (int row = 0; row < devices->rowCount(); ++row)
        users.insert(devices->rowObject(row).value(u"uuid"_s).toString());
    QStringList sorted(users.cbegin(), users.cend());
    sorted.sort(Qt::CaseInsensitive);
    const QString current = m_user->currentData().toString();
    QStringList shown;
    for (int i = 1; i < m_user->count(); ++i)
        shown.append(m_user->itemData(i).toString());
    if (shown == sorted)
        return;
    const QSignalBlocker blocker(m_user);
    while (m_user->count() > 1)
        m_user->removeItem(1);
    for (const QString &user : std::as_const(sorted))
        m_user->addItem(user, user);
    m_user->setCurrentIndex(qMax(0, m_user->findData(current)));
}

void DevicesView::showDetail(const QJsonObject &row)
{
    if (row.isEmpty()) {
        m_detail->clear();
        return;
    }
    QStringList groups;
    for (const QJsonValue &group : row.value(u"groups"_s).toArray())
        groups.append(group.toString());
    const bool online = row.value(u"online"_s).toBool();
    m_detail->setTitle(row.value(u"cuid"_s).toString());
    m_detail->setFields({
        {tr("User"), row.value(u"uuid"_s).toString()},
        {tr("Groups"), groups.join(u", ")},
        {tr("Online"),
         online ? tr("yes, from %1").arg(row.value(u"address"_s).toString()) : tr("no")},
        {tr("Phase"), CellFormatter::phaseLabel(row.value(u"phase"_s).toString())},
        {tr("Connected"), CellFormatter::timeText(row.value(u"connectedAt"_s).toInteger())},
        {tr("Last seen"), CellFormatter::timeText(row.value(u"lastSeen"_s).toInteger())},
        {tr("First seen"), CellFormatter::timeText(row.value(u"firstSeen"_s).toInteger())},
        {tr("Cursor"), QString::number(row.value(u"cursor"_s).toInteger())},
        {tr("Behind by"), tr("%n change(s)", nullptr, int(row.value(u"lag"_s).toInteger()))},
    });
}

void DevicesView::act(bool expire)
{
    const QStringList cuids = selectedDevices();
    if (cuids.isEmpty())
        return;
    const int count = int(cuids.size());
    const QString title = expire ? tr("Expire devices") : tr("Disconnect devices");
    QString question;
    if (expire) {
        question = tr("Expire %n device(s)? Each is forgotten by the server and gets a full "
                      "copy at its next login; online ones are disconnected first.",
                      nullptr, count);
    } else {
        question = tr("Disconnect %n device(s)? They may connect again.", nullptr, count);
    }
    if (count <= 5)
        question += u"\n\n"_s + cuids.join(u'\n');
    if (!confirm(title, question))
        return;

    admin::AdminClient *client = session()->client();
    if (!client)
        return;
    // One request per device; one line in the status bar when all answered.
    struct Tally
    {
        int answered = 0;
        int failed = 0;
        protocol::admin::AdminError lastError;
    };
    auto tally = std::make_shared<Tally>();
    QPointer<ConsoleSession> target(session());
    for (const QString &cuid : cuids) {
        auto reply = [tally, count, expire, target](const admin::Reply &answer) {
            ++tally->answered;
            if (const auto *error = std::get_if<protocol::admin::AdminError>(&answer)) {
                ++tally->failed;
                tally->lastError = *error;
            }
            if (tally->answered < count || !target)
                return;
            if (tally->failed > 0) {
                target->notifyError(tally->lastError);
                return;
            }
            target->notify(expire ? tr("%n device(s) expired.", nullptr, count)
                                  : tr("%n device(s) disconnected.", nullptr, count));
        };
        if (expire)
            client->expireDevice(cuid, reply);
        else
            client->disconnectDevice(cuid, reply);
    }
}

void DevicesView::showQueue()
{
    const QStringList cuids = selectedDevices();
    if (cuids.size() != 1 || !session()->client())
        return;
    auto *dialog = new QueueDialog(session(), cuids.first(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    Q_EMIT queueOpened(dialog);
}

} // namespace seneschal::admingui
