import { createHash, createHmac, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify, errors, type JWTHeaderParameters } from 'jose';

const ISSUER = 'textbook-assistant';
const AUDIENCE = 'textbook-assistant';
/** Clock difference tolerated between instances for a token's iat. */
const IAT_SKEW_SECONDS = 60;

export interface AccessClaims {
  userId: string;
  sessionId: string;
}

export interface TokenService {
  signAccess(claims: AccessClaims): Promise<string>;
  /** null for anything that is not a valid, unexpired access token of ours. */
  verifyAccess(token: string): Promise<AccessClaims | null>;
  newRefreshToken(): string;
  /**
   * The token a rotation hands out, derived from the presented one, so that a second request
   * with the same token inside the grace window gets the same successor (two tabs refreshing
   * at once) and the database still holds only hashes.
   */
  successorOf(refreshToken: string): string;
  hashRefresh(refreshToken: string): string;
  accessTtlSeconds: number;
}

export function createTokenService(secret: string, accessTtlSeconds: number): TokenService {
  const key = createHash('sha256').update(`access-jwt:${secret}`).digest();
  // Imported once: handed raw bytes, jose imports a WebCrypto key on every sign and verify.
  const cryptoKey = crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
  const rotationKey = createHash('sha256').update(`refresh-rotation:${secret}`).digest();
  // Our tokens carry only alg and typ: a kid, jku, jwk or x5u header names a key we never use.
  const pinnedKey = (header: JWTHeaderParameters) => {
    if (Object.keys(header).some((name) => name !== 'alg' && name !== 'typ')) {
      throw new errors.JWSInvalid('unexpected JOSE header parameter');
    }
    return cryptoKey;
  };
  return {
    accessTtlSeconds,
    signAccess: async ({ userId, sessionId }) =>
      new SignJWT({ sid: sessionId, type: 'access' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${accessTtlSeconds}s`)
        .sign(await cryptoKey),
    async verifyAccess(token) {
      try {
        const { payload } = await jwtVerify(token, pinnedKey, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          audience: AUDIENCE,
          typ: 'JWT',
          requiredClaims: ['sub', 'sid', 'exp', 'iat'],
        });
        if (payload.type !== 'access' || typeof payload.sid !== 'string' || typeof payload.sub !== 'string') {
          return null;
        }
        // jose checks iat only with maxTokenAge: refuse tokens "issued" in the future or claiming a
        // longer life than this service ever issues.
        const now = Math.floor(Date.now() / 1000);
        if (payload.iat! > now + IAT_SKEW_SECONDS || payload.exp! - payload.iat! > accessTtlSeconds)
          return null;
        if (!UUID.test(payload.sub) || !UUID.test(payload.sid)) return null;
        return { userId: payload.sub, sessionId: payload.sid };
      } catch (err) {
        if (err instanceof errors.JOSEError || err instanceof TypeError) return null;
        throw err;
      }
    },
    newRefreshToken: () => randomBytes(32).toString('base64url'),
    successorOf: (token) => createHmac('sha256', rotationKey).update(token).digest('base64url'),
    hashRefresh: (token) => createHash('sha256').update(token).digest('hex'),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
