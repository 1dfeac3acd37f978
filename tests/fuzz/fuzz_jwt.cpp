// libFuzzer target for the JWT code of server/auth: the compact-token
// parser (JwtParts), the server's own HS256 tokens (TokenIssuer::verify), the
// external issuers' ES256 tokens (ExternalJwtVerifier, with a PEM key and with
// a JWKS) and the JWK reader (PublicKey::fromJwk). The first byte picks:
//   0: the rest is a token as a client sends it. Nothing may crash, and
//      nothing may verify: the fuzzer holds no key, so a token it makes up
//      that is accepted is a forgery.
//   1: the rest is "header\npayload" (JSON), signed here with the server's
//      HS256 secret: the claim checks run on a valid signature, and what they
//      accept must be a token a client may use (issuer, subject, not expired).
//   2: the same, signed with the external issuer's ES256 key.
//   3: the rest is a JWKS document (or one JWK), read key by key.
#include "auth/base64url.h"
#include "auth/externaljwtverifier.h"
#include "auth/jwtparts.h"
#include "auth/publickey.h"
#include "auth/tokenissuer.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

using namespace Qt::StringLiterals;
using namespace seneschal::auth;

namespace {

constexpr qint64 kNowMs = 1764054000000; // the fuzzer's fixed clock
const QByteArray kSecret(32, 'k');
const QString kServerIssuer = u"seneschal"_s;
const QString kExternalIssuer = u"https://issuer.example"_s;
const QString kAudience = u"seneschal-app"_s;

[[noreturn]] void fail(const char *what, const QByteArray &input, const QString &detail = {})
{
    std::fprintf(stderr, "fuzz_jwt: %s\ninput: %s\ndetail: %s\n", what, input.constData(),
                 detail.toUtf8().constData());
    std::abort();
}

struct Keys
{
    QTemporaryDir dir;
    EVP_PKEY *signing = nullptr; // the external issuer's ES256 private key
    std::unique_ptr<TokenIssuer> server;
    std::unique_ptr<ExternalJwtVerifier> withPem;
    std::unique_ptr<ExternalJwtVerifier> withJwks;
};

QByteArray bigNumber(const BIGNUM *n)
{
    QByteArray out(32, '\0');
    BN_bn2binpad(n, reinterpret_cast<unsigned char *>(out.data()), 32);
    return out;
}

Keys &keys()
{
    static Keys *k = [] {
        auto *made = new Keys;
        made->signing = EVP_EC_gen("P-256");
        if (!made->signing)
            std::abort();
        // The public half as a PEM file and as a one-key JWKS.
        BIO *bio = BIO_new(BIO_s_mem());
        PEM_write_bio_PUBKEY(bio, made->signing);
        char *data = nullptr;
        const long size = BIO_get_mem_data(bio, &data);
        const QByteArray pem(data, int(size));
        BIO_free(bio);
        const QString pemFile = made->dir.filePath(u"issuer.pem"_s);
        QFile out(pemFile);
        if (!out.open(QIODevice::WriteOnly) || out.write(pem) != pem.size())
            std::abort();
        out.close();

        BIGNUM *x = nullptr;
        BIGNUM *y = nullptr;
        EVP_PKEY_get_bn_param(made->signing, "qx", &x);
        EVP_PKEY_get_bn_param(made->signing, "qy", &y);
        const QJsonObject jwk{{u"kty"_s, u"EC"_s},
                              {u"crv"_s, u"P-256"_s},
                              {u"kid"_s, u"k1"_s},
                              {u"x"_s, QString::fromLatin1(Base64Url::encode(bigNumber(x)))},
                              {u"y"_s, QString::fromLatin1(Base64Url::encode(bigNumber(y)))}};
        BN_free(x);
        BN_free(y);
        const QString jwksFile = made->dir.filePath(u"issuer.jwks"_s);
        QFile jwks(jwksFile);
        if (!jwks.open(QIODevice::WriteOnly))
            std::abort();
        jwks.write(QJsonDocument(QJsonObject{{u"keys"_s, QJsonArray{jwk}}}).toJson());
        jwks.close();

        const Clock clock = [] { return kNowMs; };
        made->server = std::make_unique<TokenIssuer>(kSecret, kServerIssuer, 3600, clock);
        ExternalIssuerConfig config;
        config.issuer = kExternalIssuer;
        config.audience = kAudience;
        config.publicKeyFile = pemFile;
        QString error;
        made->withPem = ExternalJwtVerifier::create(config, clock, &error);
        config.publicKeyFile.clear();
        config.jwksFile = jwksFile;
        made->withJwks = ExternalJwtVerifier::create(config, clock, &error);
        if (!made->withPem || !made->withJwks) {
            std::fprintf(stderr, "fuzz_jwt: %s\n", error.toUtf8().constData());
            std::abort();
        }
        return made;
    }();
    return *k;
}

QByteArray hs256(const QByteArray &input)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), kSecret.constData(), int(kSecret.size()),
         reinterpret_cast<const unsigned char *>(input.constData()), size_t(input.size()), out,
         &length);
    return QByteArray(reinterpret_cast<const char *>(out), int(length));
}

// ES256 as JWS wants it: r and s, 32 bytes each (not DER).
QByteArray es256(const QByteArray &input)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    size_t length = 0;
    QByteArray der;
    if (EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, keys().signing) == 1 &&
        EVP_DigestSign(ctx, nullptr, &length,
                       reinterpret_cast<const unsigned char *>(input.constData()),
                       size_t(input.size())) == 1) {
        der.resize(qsizetype(length));
        if (EVP_DigestSign(ctx, reinterpret_cast<unsigned char *>(der.data()), &length,
                           reinterpret_cast<const unsigned char *>(input.constData()),
                           size_t(input.size())) == 1)
            der.resize(qsizetype(length));
        else
            der.clear();
    }
    EVP_MD_CTX_free(ctx);
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    ECDSA_SIG *sig = d2i_ECDSA_SIG(nullptr, &p, long(der.size()));
    if (!sig)
        std::abort();
    const BIGNUM *r = nullptr;
    const BIGNUM *s = nullptr;
    ECDSA_SIG_get0(sig, &r, &s);
    const QByteArray raw = bigNumber(r) + bigNumber(s);
    ECDSA_SIG_free(sig);
    return raw;
}

// "header\npayload" as a signed compact token (header and payload as given,
// even when they are not JSON: the parser must refuse those).
QString signedToken(const QByteArray &rest, QByteArray (*sign)(const QByteArray &))
{
    const qsizetype newline = rest.indexOf('\n');
    const QByteArray header = newline < 0 ? rest : rest.left(newline);
    const QByteArray payload = newline < 0 ? QByteArray() : rest.mid(newline + 1);
    const QByteArray input = Base64Url::encode(header) + '.' + Base64Url::encode(payload);
    return QString::fromLatin1(input + '.' + Base64Url::encode(sign(input)));
}

void checkParts(const QString &token, const QByteArray &input)
{
    QString why;
    const auto parts = JwtParts::parse(token, &why);
    if (!parts) {
        if (why.isEmpty())
            fail("JwtParts refused without a reason", input);
        return;
    }
    // What was accepted is the token, re-spelled exactly.
    const QByteArray again = parts->signingInput + '.' + Base64Url::encode(parts->signature);
    if (again != token.toLatin1())
        fail("JwtParts: the parts do not spell the token", input);
    if (parts->header.contains(u"crit"_s) || !parts->header.value(u"alg"_s).isString())
        fail("JwtParts accepted a header it must refuse", input);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const QByteArray rest = input.mid(1);
    Keys &k = keys();
    switch (data[0] % 4) {
    case 0: {
        const QString token = QString::fromUtf8(rest);
        checkParts(token, input);
        QString why;
        if (k.server->verify(token, &why))
            fail("a made-up token passed as the server's own", input);
        if (k.withPem->verify(token, &why) || k.withJwks->verify(token, &why))
            fail("a made-up token passed as the external issuer's", input);
        break;
    }
    case 1: {
        const QString token = signedToken(rest, hs256);
        checkParts(token, input);
        QString why;
        if (const auto claims = k.server->verify(token, &why)) {
            if (claims->issuer != kServerIssuer || claims->uuid.isEmpty())
                fail("server token accepted without issuer or subject", input);
            if (claims->expiresAt * 1000 <= kNowMs)
                fail("expired server token accepted", input);
        } else if (why.isEmpty()) {
            fail("server token refused without a reason", input);
        }
        // Signed by the server is never signed by the external issuer.
        if (k.withPem->verify(token, &why) || k.withJwks->verify(token, &why))
            fail("an HS256 token passed as the external issuer's", input);
        break;
    }
    case 2: {
        const QString token = signedToken(rest, es256);
        checkParts(token, input);
        for (const ExternalJwtVerifier *verifier : {k.withPem.get(), k.withJwks.get()}) {
            QString why;
            if (const auto identity = verifier->verify(token, &why)) {
                if (identity->uuid.isEmpty())
                    fail("external token accepted without a subject", input);
                if (identity->expiresMs + 60000 <= kNowMs)
                    fail("expired external token accepted", input);
            } else if (why.isEmpty()) {
                fail("external token refused without a reason", input);
            }
        }
        QString why;
        if (k.server->verify(token, &why))
            fail("an ES256 token passed as the server's own", input);
        break;
    }
    case 3: {
        const QJsonDocument doc = QJsonDocument::fromJson(rest);
        QJsonArray candidates;
        if (doc.isObject() && doc.object().value(u"keys"_s).isArray())
            candidates = doc.object().value(u"keys"_s).toArray();
        else if (doc.isObject())
            candidates.append(doc.object());
        for (const QJsonValue &jwk : candidates) {
            QString why;
            const auto key = PublicKey::fromJwk(jwk.toObject(), &why);
            if (!key && why.isEmpty())
                fail("JWK refused without a reason", input);
            // A key read from a JWK must not verify a signature made up here.
            if (key && key->verify("a.b", QByteArray(64, '\x01')))
                fail("a JWK key verified a made-up signature", input);
        }
        break;
    }
    }
    return 0;
}
