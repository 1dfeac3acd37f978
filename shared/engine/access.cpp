#include "access.h"

namespace seneschal::engine {

QString accessName(Access access)
{
    switch (access) {
    case Access::Public:
        return QStringLiteral("public");
    case Access::Private:
        return QStringLiteral("private");
    case Access::Inherit:
        return QStringLiteral("inherit");
    }
    return {};
}

std::optional<Access> accessFromName(QStringView name)
{
    if (name == u"public")
        return Access::Public;
    if (name == u"private")
        return Access::Private;
    if (name == u"inherit")
        return Access::Inherit;
    return std::nullopt;
}

} // namespace seneschal::engine
