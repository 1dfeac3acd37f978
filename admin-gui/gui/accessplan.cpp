#include "accessplan.h"

#include "cellformatter.h"
#include "engine/access.h"

namespace seneschal::admingui {

using namespace Qt::StringLiterals;

AccessPlan::AccessPlan(const QString &oid, const QString &access, const QStringList &grants)
    : m_oid(oid)
    , m_access(access)
    , m_grants(grants)
{}

void AccessPlan::setAccess(const QString &access)
{
    if (access == m_access || access.isEmpty())
        m_newAccess.reset();
    else
        m_newAccess = access;
}

bool AccessPlan::isPrincipal(const QString &text)
{
    for (const QString &prefix : {u"user:"_s, u"group:"_s}) {
        if (text.startsWith(prefix) && text.size() > prefix.size() &&
            !text.mid(prefix.size()).contains(u' '))
            return true;
    }
    return false;
}

QString AccessPlan::principalText(const QString &principal)
{
    if (principal.startsWith(u"user:"))
        return tr("User %1").arg(principal.mid(5));
    if (principal.startsWith(u"group:"))
        return tr("Group %1").arg(principal.mid(6));
    return principal;
}

bool AccessPlan::grant(const QString &principal)
{
    if (!isPrincipal(principal))
        return false;
    if (m_revoke.removeAll(principal) > 0)
        return true; // a revoke taken back
    if (!m_grants.contains(principal) && !m_grant.contains(principal))
        m_grant.append(principal);
    return true;
}

void AccessPlan::revoke(const QString &principal)
{
    if (m_grant.removeAll(principal) > 0)
        return; // a grant taken back
    if (m_grants.contains(principal) && !m_revoke.contains(principal))
        m_revoke.append(principal);
}

QStringList AccessPlan::grants() const
{
    QStringList result;
    for (const QString &principal : m_grants) {
        if (!m_revoke.contains(principal))
            result.append(principal);
    }
    result += m_grant;
    return result;
}

bool AccessPlan::isEmpty() const
{
    return m_grant.isEmpty() && m_revoke.isEmpty() && !m_newAccess;
}

protocol::Share AccessPlan::share() const
{
    protocol::Share share;
    share.oid = m_oid;
    share.grant = m_grant;
    share.revoke = m_revoke;
    if (m_newAccess)
        share.access = engine::accessFromName(*m_newAccess);
    return share;
}

QStringList AccessPlan::preview() const
{
    if (isEmpty())
        return {tr("Nothing to change.")};
    QStringList lines;
    if (m_newAccess) {
        lines.append(tr("Access: %1 → %2")
                         .arg(CellFormatter::accessLabel(m_access),
                              CellFormatter::accessLabel(*m_newAccess)));
        if (*m_newAccess == u"public")
            lines.append(tr("Every user will see the object; grants no longer matter."));
        else if (m_access == u"public")
            lines.append(tr("Only the owner, the admins and the grants will see the object; "
                            "other devices lose it."));
        else if (*m_newAccess == u"inherit")
            lines.append(tr("The object will follow the access of its parent."));
    }
    for (const QString &principal : m_grant)
        lines.append(
            tr("Grant to %1: their devices receive a full copy.").arg(principalText(principal)));
    for (const QString &principal : m_revoke)
        lines.append(tr("Revoke from %1: their devices lose the object unless another grant "
                        "covers them.")
                         .arg(principalText(principal)));
    return lines;
}

} // namespace seneschal::admingui
