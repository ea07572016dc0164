// Application passwords as WordPress 5.6 makes them (WP_Application_Passwords): 24 letters and digits from
// a CSPRNG, shown once in groups of four ("abcd EFGH 1234 ..."); when checked, everything but letters and
// digits is dropped, so a client may keep the spaces or not.
import { createHash, randomInt } from 'node:crypto';

export const APPLICATION_PASSWORD_LENGTH = 24;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A new password, unformatted: 24 characters, each uniformly one of 62 (randomInt rejects modulo bias). */
export function generateApplicationPassword(): string {
  let out = '';
  for (let i = 0; i < APPLICATION_PASSWORD_LENGTH; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** As shown to the user: groups of four separated by spaces (WordPress's chunk_split( $password, 4, ' ' )). */
export function formatApplicationPassword(password: string): string {
  return password.match(/.{1,4}/g)?.join(' ') ?? '';
}

/** What a client sent, as an application password, or null when it cannot be one (so it is not looked up). */
export function normaliseApplicationPassword(input: string): string | null {
  const bare = input.replace(/[^A-Za-z0-9]/g, '');
  return bare.length === APPLICATION_PASSWORD_LENGTH ? bare : null;
}

/**
 * The stored form. Not scrypt, on purpose: scrypt's cost protects passwords people choose, which an
 * attacker holding the hash can guess from a dictionary. These are 24 characters drawn uniformly from 62,
 * about 143 bits, so no guessing reaches one whatever the hash costs, and SHA-256 (preimage resistant) is
 * as safe here. Being fast and unsalted, the same password always hashes the same, so the check is one
 * indexed lookup of (user, hash) rather than a slow hash per password the user holds (WordPress checks
 * each of them in turn). The prefix separates these hashes from any other use of SHA-256.
 */
export function hashApplicationPassword(normalised: string): string {
  return `sha256$${createHash('sha256').update(`backtalk application password\0${normalised}`).digest('base64url')}`;
}
