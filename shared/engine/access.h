#pragma once

#include <QString>

#include <optional>

namespace seneschal::engine {

// Who may see an object (PROTOCOL.md section 7).
enum class Access { Public, Private, Inherit };

QString accessName(Access access);
std::optional<Access> accessFromName(QStringView name);

} // namespace seneschal::engine
