#pragma once

#include <QString>

namespace seneschal::auth {

// scrypt cost parameters. The defaults take about 40-50 ms and 8 MiB per
// hash on the reference machine (2 shared cores): slow enough to make
// offline guessing expensive, fast enough for a login burst.
struct ScryptParameters
{
    quint64 n = 8192; // CPU/memory cost, a power of two
    quint32 r = 8;    // block size
    quint32 p = 1;    // parallelism
};

// Hashes and verifies local passwords with scrypt (OpenSSL). The stored form
// carries its own parameters and salt, "scrypt$N$r$p$salt$hash" (standard
// base64 without padding), so the cost can be raised later without
// invalidating existing hashes.
class PasswordHasher
{
public:
    explicit PasswordHasher(ScryptParameters parameters = {});

    ScryptParameters parameters() const { return m_parameters; }

    // A new hash with a fresh random salt; empty if OpenSSL failed.
    QString hash(const QString &password) const;
    // True iff `encoded` is a well-formed hash of `password`. Comparison is
    // constant time; malformed or absurd parameters simply fail.
    bool verify(const QString &password, const QString &encoded) const;
    // True if `encoded` was made with weaker parameters than ours.
    bool needsRehash(const QString &encoded) const;

private:
    ScryptParameters m_parameters;
};

} // namespace seneschal::auth
