#pragma once

#include "authprovider.h"
#include "passwordhasher.h"

namespace seneschal::storage {
class Storage;
}

namespace seneschal::auth {

// Checks passwords against the scrypt hashes of the local user table.
// Groups of local users come from storage at every login, so they are not
// reported here.
class LocalProvider : public AuthProvider
{
public:
    LocalProvider(storage::Storage &storage, PasswordHasher hasher = PasswordHasher());

    QString name() const override;
    ProviderResult authenticate(const QString &username, const QString &password) override;

private:
    storage::Storage &m_storage;
    PasswordHasher m_hasher;
    QString m_dummyHash;
};

} // namespace seneschal::auth
