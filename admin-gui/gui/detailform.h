#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QWidget>

class QFormLayout;
class QLabel;

namespace seneschal::admingui {

// The detail pane of a table: the selected row as label/value lines, the
// values selectable for copying. Lines are reused, so a live row that
// changes every second does not flicker.
class DetailForm : public QWidget
{
    Q_OBJECT

public:
    using Field = QPair<QString, QString>; // label, value

    explicit DetailForm(QWidget *parent = nullptr);

    void setTitle(const QString &title);
    void setFields(const QList<Field> &fields);
    // Shown when there are no fields ("Select a device to see it here").
    void setPlaceholder(const QString &text);
    void clear();
    // The value shown for `label` (tests and screenshots).
    QString value(const QString &label) const;

private:
    QLabel *m_title;
    QLabel *m_placeholder;
    QFormLayout *m_form;
    QList<QPair<QLabel *, QLabel *>> m_lines;
    int m_used = 0;
};

} // namespace seneschal::admingui
