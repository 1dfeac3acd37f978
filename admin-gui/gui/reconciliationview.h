#pragma once

#include "consoleview.h"

#include <QJsonObject>

class QCheckBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;

namespace seneschal::admin {
class HistoryModel;
}

namespace seneschal::admingui {

class DetailForm;
class ObjectHistory;
class TablePanel;

// The reconciliation history: the live `history` topic (the latest
// reconciliations and every new one), filtered by object, device and time;
// past what the topic holds, the same filter asked of the server (the
// `history` query, page by page). The chosen row's object is shown with its
// whole history grouped by property (ObjectHistory).
class ReconciliationView : public ConsoleView
{
    Q_OBJECT

public:
    explicit ReconciliationView(ConsoleSession *session, QWidget *parent = nullptr);

    QString title() const override;
    void refresh() override;
    void focusFilter() override;

    QLineEdit *oidEdit() const { return m_oid; }
    QLineEdit *deviceEdit() const { return m_device; }
    QCheckBox *fromCheck() const { return m_useFrom; }
    QDateTimeEdit *fromEdit() const { return m_from; }
    QCheckBox *toCheck() const { return m_useTo; }
    QDateTimeEdit *toEdit() const { return m_to; }
    TablePanel *table() const { return m_table; }
    ObjectHistory *objectHistory() const { return m_objectHistory; }
    bool showsSearch() const { return m_showsSearch; }

    // The filter asked of the server; showLive() returns to the topic.
    void searchServer();
    void showLive();
    // Filters by `oid` and shows its history.
    void showObject(const QString &oid);

private:
    bool accepts(const QJsonObject &row) const;
    void loadPage(const QString &after);
    void updateSource();

    QLineEdit *m_oid;
    QLineEdit *m_device;
    QCheckBox *m_useFrom;
    QDateTimeEdit *m_from;
    QCheckBox *m_useTo;
    QDateTimeEdit *m_to;
    QPushButton *m_live;
    QPushButton *m_more;
    QLabel *m_source;
    TablePanel *m_table;
    DetailForm *m_detail;
    ObjectHistory *m_objectHistory;
    admin::HistoryModel *m_search;
    bool m_showsSearch = false;
    QString m_next; // the search's next page; empty at its end
    quint64 m_generation = 0;
};

} // namespace seneschal::admingui
