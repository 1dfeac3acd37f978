#pragma once

#include <QJsonArray>
#include <QWidget>

class QLabel;
class QTreeWidget;

namespace seneschal::admingui {

class ConsoleSession;

// How every conflict of one object was settled: its reconciliation history
// (the `history` query by oid), grouped by property, each conflict with the
// winning and the losing write (value, time, device) and who uploaded it.
// Loads again when a reconciliation of the object arrives.
class ObjectHistory : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kMaximumRows = 5000;

    explicit ObjectHistory(ConsoleSession *session, QWidget *parent = nullptr);

    void showObject(const QString &oid);
    QString oid() const { return m_oid; }
    QTreeWidget *tree() const { return m_tree; }
    // Every row loaded for the object, newest first.
    QJsonArray rows() const { return m_rows; }

    // Groups `rows` (history rows of one object) into the tree.
    void setRows(const QJsonArray &rows);

Q_SIGNALS:
    void loaded();

private:
    void load(const QString &after);

    ConsoleSession *m_session;
    QString m_oid;
    QJsonArray m_rows;
    quint64 m_generation = 0;
    QLabel *m_title;
    QTreeWidget *m_tree;
};

} // namespace seneschal::admingui
