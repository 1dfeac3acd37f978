#include "localprovider.h"

#include "storage/storage.h"

using namespace Qt::StringLiterals;

namespace seneschal::auth {

LocalProvider::LocalProvider(storage::Storage &storage, PasswordHasher hasher)
    : m_storage(storage)
    , m_hasher(hasher)
    // Unknown users are checked against this, so a wrong name costs as much
    // time as a wrong password and the timing does not reveal who exists.
    , m_dummyHash(m_hasher.hash(u"not a password"_s))
{}

QString LocalProvider::name() const
{
    return u"local"_s;
}

ProviderResult LocalProvider::authenticate(const QString &username, const QString &password)
{
    ProviderResult result;
    if (username.isEmpty() || password.isEmpty()) {
        result.message = u"empty user name or password"_s;
        return result;
    }
    const auto record = m_storage.user(username);
    if (!record) {
        result.outcome = ProviderResult::Outcome::Unavailable;
        result.message = u"user database unavailable"_s;
        return result;
    }
    const std::optional<storage::UserRecord> &user = record.value();
    if (!user || user->passwordHash.isEmpty()) {
        m_hasher.verify(password, m_dummyHash);
        result.message = u"no local user"_s;
        return result;
    }
    if (!m_hasher.verify(password, user->passwordHash)) {
        result.message = u"wrong password"_s;
        return result;
    }
    if (user->disabled) {
        result.message = u"user disabled"_s;
        return result;
    }
    result.outcome = ProviderResult::Outcome::Accepted;
    result.uuid = user->uuid;
    return result;
}

} // namespace seneschal::auth
