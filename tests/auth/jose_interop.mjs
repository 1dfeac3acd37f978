// Token interop with an implementation nobody on this project wrote: the npm
// package jose. Driven by tst_jwt_interop.
//
//   node jose_interop.mjs verify <secret file> <issuer> <token>
//       verifies a server-issued HS256 token; prints {"payload":..,"header":..}
//       or exits 1 with the error on stderr.
//   node jose_interop.mjs make <out dir> <issuer> <audience>
//       generates an RSA and an EC P-256 key pair, writes rsa.pem, ec.pem
//       (public keys, SPKI PEM) and jwks.json, tokens.json with
//       {"valid": {name: token}, "forged": {name: token}, "kid": {name: token}}
//       and jose-opinion.json, jose's own verdict on each token.
import * as jose from 'jose';
import { readFileSync, writeFileSync } from 'node:fs';
import { KeyObject, constants, createHmac, sign as nodeSign } from 'node:crypto';
import { join } from 'node:path';

const b64u = (data) => Buffer.from(data).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

async function verify(secretFile, issuer, token) {
  const secret = readFileSync(secretFile);
  const { payload, protectedHeader } = await jose.jwtVerify(token, new Uint8Array(secret), {
    issuer,
    algorithms: ['HS256'],
  });
  process.stdout.write(JSON.stringify({ payload, header: protectedHeader }));
}

async function make(outDir, issuer, audience) {
  const rsa = await jose.generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const ec = await jose.generateKeyPair('ES256', { extractable: true });
  const stranger = await jose.generateKeyPair('RS256', { modulusLength: 2048, extractable: true });

  const rsaPem = await jose.exportSPKI(rsa.publicKey);
  const ecPem = await jose.exportSPKI(ec.publicKey);
  writeFileSync(join(outDir, 'rsa.pem'), rsaPem);
  writeFileSync(join(outDir, 'ec.pem'), ecPem);
  const rsaJwk = { ...(await jose.exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' };
  const ecJwk = { ...(await jose.exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' };
  writeFileSync(join(outDir, 'jwks.json'), JSON.stringify({ keys: [rsaJwk, ecJwk] }, null, 2));

  const t = now();
  const claims = (extra = {}) => ({
    iss: issuer,
    aud: audience,
    sub: 'erin',
    groups: ['family', 'admins'],
    iat: t,
    nbf: t - 5,
    exp: t + 600,
    ...extra,
  });
  const signRs = (payload, header = {}, key = rsa.privateKey) =>
    new jose.SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'rsa-1', typ: 'JWT', ...header }).sign(key);
  const signEs = (payload, header = {}) =>
    new jose.SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: 'ec-1', typ: 'JWT', ...header }).sign(ec.privateKey);

  const valid = {
    rs256: await signRs(claims()),
    es256: await signEs(claims({ sub: 'frank', groups: ['family'] })),
    rs256_audience_array: await signRs(claims({ aud: ['someone-else', audience] })),
    es256_groups_as_string: await signEs(claims({ groups: 'family' })),
    rs256_within_leeway_after_exp: await signRs(claims({ exp: t - 20 })),
  };

  const rsToken = valid.rs256;
  const [h, p, s] = rsToken.split('.');
  const header = (obj) => b64u(JSON.stringify(obj));
  const forged = {};

  // alg "none": as jose's UnsecuredJWT makes it, and with a signature kept
  forged.alg_none = new jose.UnsecuredJWT(claims()).encode();
  forged.alg_none_with_kid = `${header({ alg: 'none', kid: 'rsa-1' })}.${p}.`;
  forged.alg_none_with_signature = `${header({ alg: 'none', kid: 'rsa-1' })}.${p}.${s}`;
  // algorithm confusion: HS256 with the RSA public key (PEM text) as HMAC secret
  {
    const input = `${header({ alg: 'HS256', kid: 'rsa-1', typ: 'JWT' })}.${p}`;
    forged.hs256_with_rsa_public_key = `${input}.${createHmac('sha256', rsaPem).update(input).digest('base64url')}`;
    const input2 = `${header({ alg: 'HS256', typ: 'JWT' })}.${p}`;
    forged.hs256_with_rsa_public_key_no_kid = `${input2}.${createHmac('sha256', rsaPem).update(input2).digest('base64url')}`;
    const jwkText = JSON.stringify(rsaJwk);
    const input3 = `${header({ alg: 'HS256', kid: 'rsa-1' })}.${p}`;
    forged.hs256_with_rsa_jwk = `${input3}.${createHmac('sha256', jwkText).update(input3).digest('base64url')}`;
  }
  // Signed by the real RSA key but naming a key the JWKS does not have, or
  // the EC key: refused with the JWKS. (With one configured PEM key the kid
  // is not consulted, so these are forgeries for the JWKS only.)
  const kid = {};
  kid.unknown_kid = await signRs(claims(), { kid: 'rsa-2' });
  kid.rs256_header_ec_kid = await signRs(claims(), { kid: 'ec-1' });
  // header says ES256 but carries the RSA signature
  forged.es256_header_rsa_kid = `${header({ alg: 'ES256', kid: 'rsa-1' })}.${p}.${s}`;
  {
    const input = `${header({ alg: 'PS256', kid: 'rsa-1' })}.${p}`;
    const pss = nodeSign('sha256', Buffer.from(input), {
      key: KeyObject.from(rsa.privateKey),
      padding: constants.RSA_PKCS1_PSS_PADDING,
    });
    forged.ps256_same_rsa_key = `${input}.${b64u(pss)}`;
  }
  // keys
  forged.unknown_kid_stranger_key = await signRs(claims(), { kid: 'rsa-2' }, stranger.privateKey);
  forged.stranger_key_known_kid = await signRs(claims(), {}, stranger.privateKey);
  // time and audience
  forged.expired = await signRs(claims({ iat: t - 7200, nbf: t - 7200, exp: t - 3600 }));
  forged.not_yet_valid = await signRs(claims({ nbf: t + 3600, exp: t + 7200 }));
  forged.no_exp = await signRs((({ exp, ...rest }) => rest)(claims()));
  forged.wrong_audience = await signRs(claims({ aud: 'someone-else' }));
  forged.no_audience = await signRs((({ aud, ...rest }) => rest)(claims()));
  forged.wrong_issuer = await signRs(claims({ iss: 'https://evil.example' }));
  forged.no_subject = await signEs((({ sub, ...rest }) => rest)(claims()));
  // tampering
  {
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    payload.sub = 'alice';
    forged.tampered_payload = `${h}.${b64u(JSON.stringify(payload))}.${s}`;
    const sig = Buffer.from(s, 'base64url');
    sig[10] ^= 1;
    forged.tampered_signature = `${h}.${p}.${b64u(sig)}`;
    const [eh, ep] = valid.es256.split('.');
    const der = nodeSign('sha256', Buffer.from(`${eh}.${ep}`), KeyObject.from(ec.privateKey));
    forged.es256_der_signature = `${eh}.${ep}.${b64u(der)}`;
  }
  // malformed
  forged.two_segments = `${h}.${p}`;
  forged.four_segments = `${rsToken}.${s}`;
  forged.empty_signature = `${h}.${p}.`;
  forged.bad_base64 = `${h}.${p.slice(0, 10)}*${p.slice(11)}.${s}`;
  forged.padded_base64 = `${h}=.${p}.${s}`;
  forged.header_not_json = `${b64u('{"alg":"RS256",')}.${p}.${s}`;
  forged.payload_not_json = `${h}.${b64u('not json')}.${s}`;
  forged.payload_array = `${h}.${b64u('[1,2,3]')}.${s}`;
  forged.crit_header = await signRs(claims(), { crit: ['exp'] }).catch(() => `${header({ alg: 'RS256', kid: 'rsa-1', crit: ['x'] })}.${p}.${s}`);
  forged.empty = '';
  forged.garbage = 'not a token at all';

  writeFileSync(join(outDir, 'tokens.json'), JSON.stringify({ valid, forged, kid }, null, 2));
  // jose's own opinion of every token, so the test can show both agree
  const jwks = jose.createLocalJWKSet({ keys: [rsaJwk, ecJwk] });
  const opinion = {};
  for (const [group, tokens] of Object.entries({ valid, forged, kid })) {
    for (const [name, token] of Object.entries(tokens)) {
      try {
        await jose.jwtVerify(token, jwks, { issuer, audience, clockTolerance: 60, requiredClaims: ['exp', 'sub'] });
        opinion[name] = 'accepted';
      } catch (e) {
        opinion[name] = `refused: ${e.code ?? e.message}`;
      }
    }
  }
  writeFileSync(join(outDir, 'jose-opinion.json'), JSON.stringify(opinion, null, 2));
}

const [mode, ...args] = process.argv.slice(2);
try {
  if (mode === 'verify') await verify(...args);
  else if (mode === 'make') await make(...args);
  else throw new Error(`unknown mode ${mode}`);
} catch (e) {
  process.stderr.write(`${e.code ?? ''} ${e.message}\n`);
  process.exit(1);
}
