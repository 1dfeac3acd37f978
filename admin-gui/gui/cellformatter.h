#pragma once

#include <QCoreApplication>
#include <QHash>
#include <QString>
#include <QVariant>

namespace seneschal::admingui {

// How a cell's value reads on screen: times as local "yyyy-MM-dd HH:mm:ss",
// booleans as yes/no, rates with one decimal, and per column the words for
// the server's enumerated values ("live", "private") in the operator's
// language. The delegate draws this text and the filter matches it, so what
// the operator types finds what they see.
class CellFormatter
{
    Q_DECLARE_TR_FUNCTIONS(seneschal::admingui::CellFormatter)

public:
    // The text of a model's DisplayRole value in `column`.
    QString text(const QVariant &value, int column = -1) const;
    // The same, with the cell's unformatted value: lists read "a, b" and
    // objects "key: value, ..." rather than as JSON.
    QString text(const QVariant &display, const QVariant &value, int column) const;

    // Shows `label` for the server's value `value` in `column`.
    void setValueLabel(int column, const QString &value, const QString &label);
    // Integers in `column` are milliseconds since the epoch, shown as times.
    void setTimeColumn(int column) { m_timeColumns.append(column); }
    // The server's phase, access and yes/no words, translated.
    static QString phaseLabel(const QString &phase);
    static QString accessLabel(const QString &access);
    static QString timeText(qint64 ms);

private:
    QHash<int, QHash<QString, QString>> m_labels;
    QList<int> m_timeColumns;
};

} // namespace seneschal::admingui
