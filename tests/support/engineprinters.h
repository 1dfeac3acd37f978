#pragma once

#include "engine/dispatch.h"
#include "engine/merge.h"
#include "engine/objectstate.h"
#include "engine/stamp.h"

#include <QString>

// QTest prints these when a QCOMPARE of engine values fails. They live in the
// engine's namespace so QTest finds them by argument-dependent lookup; each
// returns a string allocated with new[], which QTest frees.
namespace seneschal::engine {

char *toString(const Stamp &stamp);
char *toString(const Property &property);
char *toString(const ObjectState &state);
char *toString(const PropertyConflict &conflict);

} // namespace seneschal::engine

namespace seneschal::test {

// One-line, deterministic renderings for failure messages.
QString describe(const engine::Stamp &stamp);
QString describe(const engine::Property &property);
QString describe(const engine::Dispatch &dispatch);
// Properties sorted by name, so two renderings can be compared by eye.
QString describe(const engine::ObjectState &state);
QString describe(const QHash<QString, engine::Property> &props);
QString describe(const QList<engine::Dispatch> &dispatches);

} // namespace seneschal::test
