#include "consoleview.h"

namespace seneschal::admingui {

ConsoleView::ConsoleView(ConsoleSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_confirmer(messageBoxConfirmer())
{}

bool ConsoleView::confirm(const QString &title, const QString &question)
{
    return m_confirmer && m_confirmer(this, title, question);
}

} // namespace seneschal::admingui
