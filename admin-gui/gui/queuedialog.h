#pragma once

#include <QDialog>

class QLabel;
class QPushButton;

namespace seneschal::admin {
class PagedResultModel;
}

namespace seneschal::admingui {

class ConsoleSession;
class TablePanel;

// One device's queue: what it would be sent if it connected now (the
// `queue` query), page by page as the table scrolls, with the total.
class QueueDialog : public QDialog
{
    Q_OBJECT

public:
    QueueDialog(ConsoleSession *session, const QString &cuid, QWidget *parent = nullptr);

    QString cuid() const { return m_cuid; }
    admin::PagedResultModel *model() const { return m_model; }
    TablePanel *table() const { return m_table; }
    QString totalText() const;

    void refresh();

private:
    void updateStatus();

    QString m_cuid;
    admin::PagedResultModel *m_model;
    TablePanel *m_table;
    QLabel *m_status;
    QPushButton *m_more;
};

} // namespace seneschal::admingui
