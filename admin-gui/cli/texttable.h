#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

namespace seneschal::admincli {

// Columns of text aligned for a terminal: as wide as their widest cell,
// two spaces apart, numbers to the right, no trailing blanks.
class TextTable
{
public:
    explicit TextTable(const QStringList &headers);

    void addRow(const QStringList &cells, const QList<bool> &rightAligned = {});
    qsizetype rowCount() const { return m_rows.size(); }
    void write(QTextStream &out) const;

private:
    struct Row
    {
        QStringList cells;
        QList<bool> rightAligned;
    };
    QStringList m_headers;
    QList<Row> m_rows;
};

} // namespace seneschal::admincli
