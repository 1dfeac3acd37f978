#pragma once

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace seneschal::admingui {

class ConsoleSession;
class DetailForm;
class TablePanel;

// One object as the `object` query shows it: its summary (kind, owner,
// parent, access, seq), its properties with their stamps (time, device,
// dispatch id), its access (grants, and the audience that results), and its
// access history from the live access topic. Loads again when an access
// change of the object arrives.
class ObjectDetail : public QWidget
{
    Q_OBJECT

public:
    explicit ObjectDetail(ConsoleSession *session, QWidget *parent = nullptr);

    // Asks the server for `oid` (empty: shows nothing).
    void showObject(const QString &oid);
    void reload();
    QString oid() const { return m_oid; }
    // The last answer; empty while loading or after an error.
    QJsonObject object() const { return m_object; }

    DetailForm *summary() const { return m_summary; }
    QTableWidget *properties() const { return m_properties; }
    TablePanel *accessHistory() const { return m_history; }

Q_SIGNALS:
    void loaded(const QJsonObject &object);
    void editAccessRequested();
    void historyRequested(const QString &oid);

private:
    void showRow(const QJsonObject &object);

    ConsoleSession *m_session;
    QString m_oid;
    QJsonObject m_object;
    quint64 m_generation = 0;
    QLabel *m_status;
    QTabWidget *m_tabs;
    DetailForm *m_summary;
    QTableWidget *m_properties;
    TablePanel *m_history;
    QPushButton *m_edit;
    QPushButton *m_reconciliations;
};

} // namespace seneschal::admingui
