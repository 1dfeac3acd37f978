#pragma once

#include "confirmer.h"

#include <QWidget>

namespace seneschal::admingui {

class ConsoleSession;

// One page of the main window (Overview, Devices, ...): what the window asks
// of every page, and what every page gets from it (the session, the
// confirmer of its actions).
class ConsoleView : public QWidget
{
    Q_OBJECT

public:
    explicit ConsoleView(ConsoleSession *session, QWidget *parent = nullptr);

    virtual QString title() const = 0;
    // F5: a new snapshot or the query again.
    virtual void refresh() = 0;
    // Ctrl+F.
    virtual void focusFilter() = 0;

    void setConfirmer(Confirmer confirmer) { m_confirmer = std::move(confirmer); }

protected:
    ConsoleSession *session() const { return m_session; }
    bool confirm(const QString &title, const QString &question);

private:
    ConsoleSession *m_session;
    Confirmer m_confirmer;
};

} // namespace seneschal::admingui
