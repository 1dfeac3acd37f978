#include "objectstate.h"

#include "dispatch.h"

namespace seneschal::engine {

bool ObjectState::isDeleted() const
{
    const auto it = props.constFind(kDeletedProperty);
    return it != props.constEnd() && it->value.toBool();
}

const Property *ObjectState::deletedProperty() const
{
    const auto it = props.constFind(kDeletedProperty);
    return it == props.constEnd() ? nullptr : &*it;
}

} // namespace seneschal::engine
