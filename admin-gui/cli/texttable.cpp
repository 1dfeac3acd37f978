#include "texttable.h"

namespace seneschal::admincli {

namespace {

// A cell on one line: a value with line breaks would break the table.
QString flattened(const QString &text)
{
    QString line = text;
    line.replace(u'\n', u' ');
    line.replace(u'\r', u' ');
    line.replace(u'\t', u' ');
    return line;
}

} // namespace

TextTable::TextTable(const QStringList &headers)
    : m_headers(headers)
{}

void TextTable::addRow(const QStringList &cells, const QList<bool> &rightAligned)
{
    QStringList line;
    for (const QString &cell : cells)
        line.append(flattened(cell));
    m_rows.append(Row{line, rightAligned});
}

void TextTable::write(QTextStream &out) const
{
    QList<qsizetype> widths;
    for (const QString &header : m_headers)
        widths.append(header.size());
    for (const Row &row : m_rows) {
        for (qsizetype i = 0; i < row.cells.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row.cells[i].size());
    }
    const auto writeLine = [&](const QStringList &cells, const QList<bool> &right) {
        QString line;
        for (qsizetype i = 0; i < widths.size(); ++i) {
            const QString cell = cells.value(i);
            const bool last = i + 1 == widths.size();
            if (i > 0)
                line += QStringLiteral("  ");
            if (right.value(i, false))
                line += cell.rightJustified(widths[i]);
            else
                line += last ? cell : cell.leftJustified(widths[i]);
        }
        while (line.endsWith(u' '))
            line.chop(1);
        out << line << '\n';
    };
    // A column of numbers has its header on the right as well.
    QList<bool> headerRight(widths.size(), !m_rows.isEmpty());
    for (const Row &row : m_rows) {
        for (qsizetype i = 0; i < headerRight.size(); ++i)
            headerRight[i] = headerRight[i] && row.rightAligned.value(i, false);
    }
    writeLine(m_headers, headerRight);
    for (const Row &row : m_rows)
        writeLine(row.cells, row.rightAligned);
}

} // namespace seneschal::admincli
