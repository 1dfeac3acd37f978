#pragma once

#include "consoleview.h"

namespace seneschal::admingui {

class DetailForm;
class TablePanel;

// The audit topic: every admin request that changed something, newest
// first, with its arguments in the detail pane.
class AuditView : public ConsoleView
{
    Q_OBJECT

public:
    explicit AuditView(ConsoleSession *session, QWidget *parent = nullptr);

    QString title() const override;
    void refresh() override;
    void focusFilter() override;

    TablePanel *table() const { return m_table; }
    DetailForm *detail() const { return m_detail; }

    // The words for the request types of the audit ("disconnect", ...).
    static QString typeLabel(const QString &type);

private:
    TablePanel *m_table;
    DetailForm *m_detail;
};

} // namespace seneschal::admingui
