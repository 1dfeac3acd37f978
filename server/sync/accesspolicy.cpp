#include "accesspolicy.h"

namespace seneschal::sync {

using engine::Access;

AccessPolicy::AccessPolicy(ObjectLookup lookup)
    : m_lookup(std::move(lookup))
{}

Audience AccessPolicy::audienceOf(const engine::ObjectState &state) const
{
    // Grants along an inheritance chain add up: an item of a shared list can
    // be shared further on its own.
    Audience audience;
    const engine::ObjectState *current = &state;
    for (int depth = 0; depth <= kMaxInheritDepth; ++depth) {
        audience.grant(current->grants);
        if (current->access == Access::Public) {
            audience.everyone = true;
            return audience;
        }
        if (current->access == Access::Private) {
            audience.users.insert(current->owner);
            return audience;
        }
        // Inherit: a parent that does not exist (yet) leaves the object to its
        // own owner and admins (PROTOCOL.md 9.6).
        const engine::ObjectState *parent =
            current->parent.isEmpty() ? nullptr : m_lookup(current->parent);
        if (!parent || !parent->exists())
            break;
        current = parent;
    }
    audience.users.insert(state.owner);
    return audience;
}

Audience AccessPolicy::orphanAudienceOf(const engine::ObjectState &state)
{
    Audience audience;
    audience.grant(state.grants);
    audience.users.insert(state.owner);
    return audience;
}

} // namespace seneschal::sync
