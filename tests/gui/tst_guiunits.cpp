// The console's pieces without a server: the access plan and its preview,
// sorting and filtering of the tables, cell texts, addresses, and the
// translations (error codes in the operator's language).
#include "admin/devicesmodel.h"
#include "gui/accessplan.h"
#include "gui/cellformatter.h"
#include "gui/certificatepins.h"
#include "gui/errortext.h"
#include "gui/serverprofile.h"
#include "gui/tablepanel.h"
#include "gui/tableproxy.h"
#include "gui/translations.h"

#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QTableView>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace seneschal;
using admingui::AccessPlan;
using admingui::TableProxy;

class GuiUnitsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void access_plan_grants_revokes_and_previews()
    {
        AccessPlan plan(u"groceries"_s, u"private"_s, {u"group:family"_s});
        QVERIFY(plan.isEmpty());
        QCOMPARE(plan.preview(), QStringList{u"Nothing to change."_s});
        QVERIFY(!plan.grant(u"bob"_s)); // not a principal
        QVERIFY(!plan.grant(u"user:"_s));
        QVERIFY(plan.grant(u"user:bob"_s));
        QVERIFY(plan.grant(u"group:family"_s)); // granted already: nothing new
        plan.revoke(u"group:family"_s);
        QCOMPARE(plan.toGrant(), QStringList{u"user:bob"_s});
        QCOMPARE(plan.toRevoke(), QStringList{u"group:family"_s});
        QCOMPARE(plan.grants(), QStringList{u"user:bob"_s});
        const protocol::Share share = plan.share();
        QCOMPARE(share.oid, u"groceries"_s);
        QCOMPARE(share.grant, QStringList{u"user:bob"_s});
        QCOMPARE(share.revoke, QStringList{u"group:family"_s});
        QVERIFY(!share.access.has_value());
        QCOMPARE(plan.preview().size(), 2);
        QVERIFY(plan.preview().first().contains(u"User bob"_s));

        // Taking back undoes; the current access is no change.
        plan.revoke(u"user:bob"_s);
        QVERIFY(plan.grant(u"group:family"_s));
        plan.setAccess(u"private"_s);
        QVERIFY(plan.isEmpty());
        plan.setAccess(u"public"_s);
        QCOMPARE(plan.share().access, engine::Access::Public);
        QVERIFY(plan.preview().first().contains(u"private → public"_s));
    }

    void proxy_sorts_values_not_text_and_filters_every_column()
    {
        admin::DevicesModel model;
        model.applySnapshot(QJsonArray{
            QJsonObject{{u"cuid"_s, u"a-phone"_s},
                        {u"uuid"_s, u"alice"_s},
                        {u"online"_s, true},
                        {u"phase"_s, u"live"_s},
                        {u"lag"_s, 15},
                        {u"lastSeen"_s, 2000}},
            QJsonObject{{u"cuid"_s, u"b-phone"_s},
                        {u"uuid"_s, u"bob"_s},
                        {u"online"_s, false},
                        {u"phase"_s, u"offline"_s},
                        {u"lag"_s, 3},
                        {u"lastSeen"_s, 1000}},
            QJsonObject{{u"cuid"_s, u"c-tab"_s},
                        {u"uuid"_s, u"carol"_s},
                        {u"online"_s, true},
                        {u"phase"_s, u"live"_s},
                        {u"lag"_s, 0},
                        {u"address"_s, QJsonValue()},
                        {u"lastSeen"_s, 3000}},
        });
        TableProxy proxy;
        proxy.setRoles(admin::DevicesModel::ValueRole, admin::DevicesModel::RowRole);
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        auto column0 = [&proxy] {
            QStringList cuids;
            for (int row = 0; row < proxy.rowCount(); ++row)
                cuids.append(proxy.index(row, 0).data().toString());
            return cuids;
        };
        proxy.sort(admin::DevicesModel::Lag, Qt::DescendingOrder); // 15 > 3 > 0, not "3" > "15"
        QCOMPARE(column0(), (QStringList{u"a-phone"_s, u"b-phone"_s, u"c-tab"_s}));
        proxy.sort(admin::DevicesModel::LastSeen, Qt::AscendingOrder);
        QCOMPARE(column0(), (QStringList{u"b-phone"_s, u"a-phone"_s, u"c-tab"_s}));
        proxy.sort(admin::DevicesModel::Online, Qt::AscendingOrder);
        QCOMPARE(column0().first(), u"b-phone"_s);

        proxy.setFilterText(u"LIVE car"_s); // words anywhere, any case
        QCOMPARE(column0(), QStringList{u"c-tab"_s});
        proxy.setFilterText({});
        proxy.setRowPredicate([](const QJsonObject &row) { return row.value(u"lag"_s) == 3; });
        QCOMPARE(column0(), QStringList{u"b-phone"_s});
        // Rows that change pass the filter again.
        model.applyEvent(
            protocol::admin::EventOp::Upsert,
            QJsonObject{{u"cuid"_s, u"c-tab"_s}, {u"uuid"_s, u"carol"_s}, {u"lag"_s, 3}});
        QCOMPARE(proxy.rowCount(), 2);
    }

    void table_copies_the_selected_rows_as_shown()
    {
        admin::DevicesModel model;
        model.applySnapshot(QJsonArray{
            QJsonObject{{u"cuid"_s, u"a-phone"_s}, {u"uuid"_s, u"alice"_s}, {u"online"_s, true}},
            QJsonObject{{u"cuid"_s, u"b-phone"_s}, {u"uuid"_s, u"bob"_s}, {u"online"_s, false}},
        });
        admingui::TablePanel panel{QString()};
        panel.setModel(&model, admin::DevicesModel::ValueRole, admin::DevicesModel::RowRole);
        panel.view()->selectAll();
        const QStringList lines = panel.selectedText().split(u'\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith(u"Device\tUser\tOnline"_s));
        QVERIFY(lines[1].startsWith(u"a-phone\talice\tyes"_s));
        QVERIFY(lines[2].startsWith(u"b-phone\tbob\tno"_s));
        QCOMPARE(panel.selectedRows().size(), 2);
    }

    void compare_values_orders_kinds_and_numbers()
    {
        QVERIFY(TableProxy::compareValues(QVariant(), QVariant(1)) < 0);
        QVERIFY(TableProxy::compareValues(QVariant(2.5), QVariant(qint64(10))) < 0);
        QVERIFY(TableProxy::compareValues(QVariant(u"b"_s), QVariant(u"A"_s)) > 0);
        QVERIFY(TableProxy::compareValues(QVariant(false), QVariant(true)) < 0);
        QCOMPARE(TableProxy::compareValues(QVariant(u"x"_s), QVariant(u"X"_s)), 0);
    }

    void cells_read_as_the_operator_reads_them()
    {
        admingui::CellFormatter formatter;
        formatter.setValueLabel(4, u"live"_s, u"LIVE"_s);
        QCOMPARE(formatter.text(QVariant(true)), u"yes"_s);
        QCOMPARE(formatter.text(QVariant(u"live"_s), 4), u"LIVE"_s);
        QCOMPARE(formatter.text(QVariant(u"live"_s), 3), u"live"_s);
        QCOMPARE(formatter.text(QVariant(qint64(42))), u"42"_s);
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(1764054000000);
        QCOMPARE(formatter.text(QVariant(at)), at.toString(u"yyyy-MM-dd HH:mm:ss"_s));
        formatter.setTimeColumn(2);
        QCOMPARE(formatter.text(QVariant(qint64(1764054000000)), 2),
                 at.toString(u"yyyy-MM-dd HH:mm:ss"_s));
        QCOMPARE(
            formatter.text(QVariant(u"[\"a\",\"b\"]"_s), QVariant(QVariantList{u"a"_s, u"b"_s}), 0),
            u"a, b"_s);
        QCOMPARE(formatter.text({}, QVariant(QVariantMap{{u"oid"_s, u"x"_s}}), 0), u"oid: x"_s);
    }

    void addresses_become_admin_urls()
    {
        using admingui::ServerProfile;
        QCOMPARE(ServerProfile::adminUrl(u"host"_s).toString(), u"wss://host:7443/v1/admin"_s);
        QCOMPARE(ServerProfile::adminUrl(u" wss://host:9000 "_s).toString(),
                 u"wss://host:9000/v1/admin"_s);
        QCOMPARE(ServerProfile::adminUrl(u"wss://h:1/custom"_s).toString(), u"wss://h:1/custom"_s);
        QString error;
        QVERIFY(!ServerProfile::adminUrl(u"http://host"_s, &error).isValid());
        QVERIFY(error.contains(u"http://host"_s));
        QVERIFY(!ServerProfile::adminUrl(QString(), &error).isValid());
        QCOMPARE(admingui::CertificatePins::fingerprintText(QByteArray::fromHex("0aff")),
                 u"SHA-256 0A:FF"_s);
    }

    void error_codes_are_shown_in_the_operators_language()
    {
        QCOMPARE(admingui::ErrorText::codeName(u"forbidden"_s),
                 u"Not allowed, or no such device, object or user."_s);
        QVERIFY(admingui::ErrorText::closeCode(4410).contains(u"admin disconnected"_s));
        QVERIFY(admingui::Translations::available().contains(u"de"_s));

        QTranslator german;
        QVERIFY(german.load(QLocale(QLocale::German), u"seneschal-admin"_s, u"_"_s, u":/i18n"_s));
        QCoreApplication::installTranslator(&german);
        QCOMPARE(admingui::ErrorText::codeName(u"forbidden"_s),
                 u"Nicht erlaubt, oder kein solches Gerät, Objekt oder solcher Benutzer."_s);
        QCOMPARE(admingui::ErrorText::code(protocol::ErrorCode::Unavailable).left(24),
                 u"Der Server ist nicht err"_s);
        QCOMPARE(admingui::ErrorText::error({{}, protocol::ErrorCode::Invalid, u"bad oid"_s}),
                 u"Der Server hat die Anfrage nicht als gültig angenommen. (Server: bad oid)"_s);
        // A code the console does not know is named, not hidden.
        QVERIFY(admingui::ErrorText::codeName(u"teapot"_s).contains(u"teapot"_s));
        // The models' column titles are translated too.
        admin::DevicesModel devices;
        QCOMPARE(devices.headerData(admin::DevicesModel::Lag, Qt::Horizontal).toString(),
                 u"Rückstand"_s);
        QCoreApplication::removeTranslator(&german);
    }
};

QTEST_MAIN(GuiUnitsTest)
#include "tst_guiunits.moc"
