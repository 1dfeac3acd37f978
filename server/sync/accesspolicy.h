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
    bool canSee(const Viewer &viewer, const engine::ObjectState &state) const
    {
        return audienceOf(state).admits(viewer);
    }

private:
    ObjectLookup m_lookup;
};

} // namespace seneschal::sync
