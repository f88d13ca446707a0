import { createHash, createHmac, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify, errors, type JWTHeaderParameters } from 'jose';

const ISSUER = 'textbook-assistant';
const AUDIENCE = 'textbook-assistant';
/** Clock difference tolerated between instances for a token's iat. */
const IAT_SKEW_SECONDS = 60;
/**
 * Tokens whose signature and claims were verified, kept so that a reader's next calls with the same
 * cookie skip the HMAC check (a WebCrypto job on the thread pool: most of "who am I"'s latency at one
 * connection). Bounded; the oldest verified entry goes first.
 */
const VERIFIED_CACHE_SIZE = 2048;

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
  const verify = async (token: string): Promise<Verified | null> => {
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
      // jose checks iat only with maxTokenAge: refuse tokens claiming a longer life than this
      // service ever issues (and, in withinLife, tokens "issued" in the future).
      if (payload.exp! - payload.iat! > accessTtlSeconds) return null;
      if (!UUID.test(payload.sub) || !UUID.test(payload.sid)) return null;
      return {
        claims: { userId: payload.sub, sessionId: payload.sid },
        iat: payload.iat!,
        exp: payload.exp!,
      };
    } catch (err) {
      if (err instanceof errors.JOSEError || err instanceof TypeError) return null;
      throw err;
    }
  };
  // What a verification found depends on the token alone; only the time checks are redone on a hit.
  // Revocation is not the token's business: every caller checks the session row on each request.
  const verified = new Map<string, Verified>();
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
      const cached = verified.get(token);
      if (cached) {
        if (withinLife(cached)) return { ...cached.claims };
        verified.delete(token);
        return null;
      }
      const found = await verify(token);
      if (!found || !withinLife(found)) return null;
      if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!);
      verified.set(token, found);
      return { ...found.claims };
    },
    newRefreshToken: () => randomBytes(32).toString('base64url'),
    successorOf: (token) => createHmac('sha256', rotationKey).update(token).digest('base64url'),
    hashRefresh: (token) => createHash('sha256').update(token).digest('hex'),
  };
}

interface Verified {
  claims: AccessClaims;
  iat: number;
  exp: number;
}

/** jose's expiry rule (expired once exp is not after now, in whole seconds) and our iat skew. */
function withinLife({ iat, exp }: Verified): boolean {
  const now = Math.floor(Date.now() / 1000);
  return exp > now && iat <= now + IAT_SKEW_SECONDS;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
