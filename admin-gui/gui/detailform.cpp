#include "detailform.h"

#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace seneschal::admingui {

DetailForm::DetailForm(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_placeholder(new QLabel(this))
    , m_form(new QFormLayout)
{
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // Room for a time and a device id side by side with their labels.
    setMinimumWidth(fontMetrics().averageCharWidth() * 42);
    m_form->setLabelAlignment(Qt::AlignLeft);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_placeholder);
    layout->addLayout(m_form);
    layout->addStretch(1);
    clear();
}

void DetailForm::setTitle(const QString &title)
{
    m_title->setText(title);
    m_title->setVisible(!title.isEmpty());
}

void DetailForm::setPlaceholder(const QString &text)
{
    m_placeholder->setText(text);
    m_placeholder->setVisible(m_used == 0);
}

void DetailForm::setFields(const QList<Field> &fields)
{
    while (m_lines.size() < fields.size()) {
        auto *label = new QLabel(this);
        auto *value = new QLabel(this);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setWordWrap(true);
        value->setTextFormat(Qt::PlainText);
        m_form->addRow(label, value);
        m_lines.append(qMakePair(label, value));
    }
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        const bool used = i < fields.size();
        m_lines[i].first->setVisible(used);
        m_lines[i].second->setVisible(used);
        if (used) {
            m_lines[i].first->setText(fields[i].first);
            m_lines[i].second->setText(fields[i].second);
        }
    }
    m_used = int(fields.size());
    m_placeholder->setVisible(m_used == 0);
}

void DetailForm::clear()
{
    setTitle({});
    setFields({});
}

QString DetailForm::value(const QString &label) const
{
    for (qsizetype i = 0; i < m_used; ++i) {
        if (m_lines[i].first->text() == label)
            return m_lines[i].second->text();
    }
    return {};
}

} // namespace seneschal::admingui
