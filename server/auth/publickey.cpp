#include "publickey.h"

#include "base64url.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

using namespace Qt::StringLiterals;

namespace seneschal::auth {

namespace {

constexpr int kMinRsaBits = 2048;

template<typename T, void (*Free)(T *)> struct Deleter
{
    void operator()(T *p) const { Free(p); }
};
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM, OSSL_PARAM_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG, ECDSA_SIG_free>>;

const unsigned char *bytes(const QByteArray &a)
{
    return reinterpret_cast<const unsigned char *>(a.constData());
}

BnPtr toBignum(const QByteArray &bigEndian)
{
    return BnPtr(BN_bin2bn(bytes(bigEndian), int(bigEndian.size()), nullptr));
}

EVP_PKEY *fromParams(const char *type, const OSSL_PARAM *params)
{
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY *key = nullptr;
    if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, const_cast<OSSL_PARAM *>(params)) !=
            1)
        return nullptr;
    return key;
}

std::optional<QByteArray> member(const QJsonObject &jwk, const char *name)
{
    const QJsonValue v = jwk[QLatin1StringView(name)];
    if (!v.isString())
        return std::nullopt;
    return Base64Url::decode(v.toString().toLatin1());
}

// Drop leading zero bytes: a JWK integer has none, but be lenient with
// encoders that keep a sign byte.
QByteArray stripZeros(QByteArray a)
{
    while (a.size() > 1 && a.front() == '\0')
        a.remove(0, 1);
    return a;
}

} // namespace

PublicKey::PublicKey(std::shared_ptr<EVP_PKEY> key, Type type, QString keyId)
    : m_key(std::move(key))
    , m_type(type)
    , m_keyId(std::move(keyId))
{}

std::optional<PublicKey> PublicKey::adopt(EVP_PKEY *raw, QString keyId, QString *why)
{
    auto fail = [why](const QString &reason) -> std::optional<PublicKey> {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    if (!raw)
        return fail(u"not a public key"_s);
    std::shared_ptr<EVP_PKEY> key(raw, EVP_PKEY_free);
    if (EVP_PKEY_is_a(raw, "RSA")) {
        if (EVP_PKEY_get_bits(raw) < kMinRsaBits)
            return fail(u"RSA key shorter than %1 bits"_s.arg(kMinRsaBits));
        return PublicKey(std::move(key), Type::Rsa, std::move(keyId));
    }
    if (EVP_PKEY_is_a(raw, "EC")) {
        char group[64] = {};
        size_t length = 0;
        if (EVP_PKEY_get_utf8_string_param(raw, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                           &length) != 1 ||
            qstrcmp(group, "prime256v1") != 0)
            return fail(u"EC key not on P-256"_s);
        return PublicKey(std::move(key), Type::EcP256, std::move(keyId));
    }
    return fail(u"key type neither RSA nor EC"_s);
}

std::optional<PublicKey> PublicKey::fromPem(const QByteArray &pem, QString *why)
{
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    if (!bio)
        return adopt(nullptr, {}, why);
    return adopt(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr), {}, why);
}

std::optional<PublicKey> PublicKey::fromJwk(const QJsonObject &jwk, QString *why)
{
    auto fail = [why](const QString &reason) -> std::optional<PublicKey> {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    const QString kty = jwk["kty"_L1].toString();
    const QString kid = jwk["kid"_L1].toString();
    const QString alg = jwk["alg"_L1].toString();
    if (jwk.contains("use"_L1) && jwk["use"_L1].toString() != "sig"_L1)
        return fail(u"key %1 is not for signatures"_s.arg(kid));
    if (jwk.contains("d"_L1))
        return fail(u"key %1 contains a private part"_s.arg(kid));

    ParamBldPtr bld(OSSL_PARAM_BLD_new());
    if (!bld)
        return fail(u"out of memory"_s);
    if (kty == "RSA"_L1) {
        if (!alg.isEmpty() && alg != "RS256"_L1)
            return fail(u"key %1: alg %2 is not RS256"_s.arg(kid, alg));
        const auto n = member(jwk, "n");
        const auto e = member(jwk, "e");
        if (!n || !e || n->isEmpty() || e->isEmpty())
            return fail(u"key %1: bad n or e"_s.arg(kid));
        BnPtr bn(toBignum(stripZeros(*n)));
        BnPtr be(toBignum(stripZeros(*e)));
        if (!bn || !be || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn.get()) != 1 ||
            OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, be.get()) != 1)
            return fail(u"key %1: bad RSA parameters"_s.arg(kid));
        ParamPtr params(OSSL_PARAM_BLD_to_param(bld.get()));
        if (!params)
            return fail(u"out of memory"_s);
        return adopt(fromParams("RSA", params.get()), kid, why);
    }
    if (kty == "EC"_L1) {
        if (!alg.isEmpty() && alg != "ES256"_L1)
            return fail(u"key %1: alg %2 is not ES256"_s.arg(kid, alg));
        if (jwk["crv"_L1].toString() != "P-256"_L1)
            return fail(u"key %1: curve is not P-256"_s.arg(kid));
        const auto x = member(jwk, "x");
        const auto y = member(jwk, "y");
        if (!x || !y || x->size() != 32 || y->size() != 32)
            return fail(u"key %1: bad x or y"_s.arg(kid));
        QByteArray point = '\x04' + *x + *y; // uncompressed SEC1 point
        char group[] = "prime256v1";
        if (OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, 0) != 1 ||
            OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.constData(),
                                             size_t(point.size())) != 1)
            return fail(u"key %1: bad EC parameters"_s.arg(kid));
        ParamPtr params(OSSL_PARAM_BLD_to_param(bld.get()));
        if (!params)
            return fail(u"out of memory"_s);
        return adopt(fromParams("EC", params.get()), kid, why);
    }
    return fail(u"key %1: unsupported kty '%2'"_s.arg(kid, kty));
}

QString PublicKey::algorithm() const
{
    return m_type == Type::Rsa ? u"RS256"_s : u"ES256"_s;
}

bool PublicKey::verify(const QByteArray &signingInput, const QByteArray &signature) const
{
    QByteArray sig = signature;
    if (m_type == Type::EcP256) {
        if (signature.size() != 64)
            return false;
        EcdsaSigPtr ecdsa(ECDSA_SIG_new());
        BIGNUM *r = BN_bin2bn(bytes(signature), 32, nullptr);
        BIGNUM *s = BN_bin2bn(bytes(signature) + 32, 32, nullptr);
        if (!ecdsa || !r || !s || ECDSA_SIG_set0(ecdsa.get(), r, s) != 1) {
            BN_free(r);
            BN_free(s);
            return false;
        }
        unsigned char *der = nullptr;
        const int length = i2d_ECDSA_SIG(ecdsa.get(), &der);
        if (length <= 0)
            return false;
        sig = QByteArray(reinterpret_cast<const char *>(der), length);
        OPENSSL_free(der);
    } else if (signature.size() != EVP_PKEY_get_size(m_key.get())) {
        return false;
    }
    MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pctx = nullptr;
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pctx, EVP_sha256(), nullptr, m_key.get()) != 1)
        return false;
    if (m_type == Type::Rsa && EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(), bytes(sig), size_t(sig.size()), bytes(signingInput),
                            size_t(signingInput.size())) == 1;
}

} // namespace seneschal::auth
