import { Secret, TOTP } from 'otpauth';

const PERIOD_SECONDS = 30;

/** RFC 6238 with the parameters every authenticator app supports: SHA-1, 6 digits, 30 seconds. */
function totp(secret: string, label = 'finsight'): TOTP {
  return new TOTP({
    issuer: 'finsight',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/** A new random secret: 160 bits, as RFC 4226 recommends. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function otpauthUri(secret: string, account: string): string {
  return totp(secret, account).toString();
}

/**
 * The time step a code belongs to, if it is valid now: the current step or one either side, for clocks a
 * little off. The caller refuses a step already used, so a code works once.
 */
export function acceptedTotpStep(secret: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secret).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  return Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
}

/** The code an authenticator app shows at `now`. */
export function totpCodeAt(secret: string, now = Date.now()): string {
  return totp(secret).generate({ timestamp: now });
}
