#pragma once

#include "consoleview.h"

class QLabel;
class QLineEdit;
class QPushButton;

namespace seneschal::admin {
class PagedResultModel;
}

namespace seneschal::admingui {

class AccessEditorDialog;
class ObjectDetail;
class TablePanel;

// Objects and access: finds objects on the server by oid prefix, kind and
// owner (the `objects` query, page by page), shows the chosen one in full
// (ObjectDetail) and opens the access editor on it.
class ObjectsView : public ConsoleView
{
    Q_OBJECT

public:
    explicit ObjectsView(ConsoleSession *session, QWidget *parent = nullptr);

    QString title() const override;
    void refresh() override;
    void focusFilter() override;

    QLineEdit *prefixEdit() const { return m_prefix; }
    QLineEdit *kindEdit() const { return m_kind; }
    QLineEdit *ownerEdit() const { return m_owner; }
    TablePanel *table() const { return m_table; }
    ObjectDetail *detail() const { return m_detail; }
    admin::PagedResultModel *model() const { return m_model; }

    // Runs the query with the fields' values.
    void search();
    // Searches for exactly `oid` and shows it.
    void showObject(const QString &oid);
    // Opens the access editor on the shown object; null when none is loaded.
    AccessEditorDialog *editAccess();

Q_SIGNALS:
    void historyRequested(const QString &oid);

private:
    void updateStatus();
    // The text filter searches every object of the search: while it holds
    // text, the pages left on the server are loaded too (up to a bound).
    void loadRestWhileFiltering();

    QLineEdit *m_prefix;
    QLineEdit *m_kind;
    QLineEdit *m_owner;
    QPushButton *m_more;
    QLabel *m_status;
    admin::PagedResultModel *m_model;
    TablePanel *m_table;
    ObjectDetail *m_detail;
    bool m_searched = false;

public:
    static constexpr int kFilterLoadLimit = 20000;
};

} // namespace seneschal::admingui
