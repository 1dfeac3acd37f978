#pragma once

#include "audience.h"
#include "engine/objectstate.h"

#include <functional>

namespace seneschal::sync {

// Resolves an object's audience: public, private (owner and the principals
// on its list) or inherited from its parent chain, at most 16 deep.
class AccessPolicy
{
public:
    static constexpr int kMaxInheritDepth = 16;
    using ObjectLookup = std::function<const engine::ObjectState *(const QString &oid)>;

    explicit AccessPolicy(ObjectLookup lookup);

    Audience audienceOf(const engine::ObjectState &state) const;
    // The audience of an `inherit` object while its parent does not exist:
    // its owner and its own grants (PROTOCOL.md 9.6).
    static Audience orphanAudienceOf(const engine::ObjectState &state);
    bool canSee(const Viewer &viewer, const engine::ObjectState &state) const
    {
        return audienceOf(state).admits(viewer);
    }

private:
    ObjectLookup m_lookup;
};

} // namespace seneschal::sync
