#pragma once

#include "protocol/messages.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <optional>

namespace seneschal::admingui {

// A change of one object's access as the operator builds it in the access
// editor: from the object's access and grants as the server showed them, the
// principals to grant and revoke and the new access; the admin `share` that
// makes it, and the lines that preview it before it is applied.
class AccessPlan
{
    Q_DECLARE_TR_FUNCTIONS(seneschal::admingui::AccessPlan)

public:
    AccessPlan() = default;
    AccessPlan(const QString &oid, const QString &access, const QStringList &grants);

    QString oid() const { return m_oid; }
    QString currentAccess() const { return m_access; }
    QStringList currentGrants() const { return m_grants; }

    // "public", "private" or "inherit"; the current one cancels a change.
    void setAccess(const QString &access);
    QString access() const { return m_newAccess.value_or(m_access); }
    // false for a text that is not "user:<name>" or "group:<name>".
    bool grant(const QString &principal);
    void revoke(const QString &principal);

    // The grants after the change, in a stable order.
    QStringList grants() const;
    QStringList toGrant() const { return m_grant; }
    QStringList toRevoke() const { return m_revoke; }
    std::optional<QString> newAccess() const { return m_newAccess; }
    bool isEmpty() const;

    protocol::Share share() const;
    // What will change, a line each, in the operator's language.
    QStringList preview() const;

    static bool isPrincipal(const QString &text);
    // "user:bob" -> "User bob".
    static QString principalText(const QString &principal);

private:
    QString m_oid;
    QString m_access;
    QStringList m_grants;
    QStringList m_grant;
    QStringList m_revoke;
    std::optional<QString> m_newAccess;
};

} // namespace seneschal::admingui
