#include "accesspolicy.h"

namespace seneschal::sync {

using engine::Access;

AccessPolicy::AccessPolicy(ObjectLookup lookup)
    : m_lookup(std::move(lookup))
{}

Audience AccessPolicy::audienceOf(const engine::ObjectState &state) const
{
    const engine::ObjectState *current = &state;
    for (int depth = 0; depth <= kMaxInheritDepth; ++depth) {
        if (current->access == Access::Public)
            return Audience{true, {}, {}};
        if (current->access == Access::Private) {
            Audience audience;
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
    Audience ownerOnly;
    ownerOnly.users.insert(state.owner);
    return ownerOnly;
}

} // namespace seneschal::sync
