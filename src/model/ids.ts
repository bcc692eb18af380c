import { z } from './zod';
import { LIMITS } from './limits';

/** Ids are short, URL- and file-safe tokens so they survive every export format. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

export const idSchema = z.string().check(
  z.minLength(1, { error: 'must not be empty', abort: true }),
  // In UTF-16 code units, as every limit of the format is counted.
  z.refine((value: string) => value.length <= LIMITS.idLength, {
    error: `is longer than ${LIMITS.idLength} characters`,
  }),
  z.regex(ID_PATTERN, {
    error: 'must start with a letter or digit and use only letters, digits, "_", ".", ":" or "-"',
  }),
);

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
/**
 * Base-36 characters in the random part of a fresh id: 20 × log2(36) ≈ 103 random bits, so two
 * people adding nodes to copies of the same map on different machines never pick the same id
 * (the birthday bound for a million ids each is about 2^-63).
 */
export const FRESH_ID_RANDOM_CHARS = 20;
// The largest multiple of 36 that fits a byte: bytes at or above it are redrawn, so every
// character is equally likely.
const UNBIASED_BYTE_LIMIT = 252;

function randomBase36(length: number): string {
  let out = '';
  const bytes = new Uint8Array(length + 8);
  while (out.length < length) {
    globalThis.crypto.getRandomValues(bytes);
    for (const byte of bytes) {
      if (byte < UNBIASED_BYTE_LIMIT) out += ID_ALPHABET[byte % 36];
      if (out.length === length) break;
    }
  }
  return out;
}

/**
 * A fresh id `prefix-<20 base-36 characters>` from the platform's cryptographic random source,
 * not in `taken`.
 */
export function freshId(prefix: string, taken: ReadonlySet<string>): string {
  for (;;) {
    const id = `${prefix}-${randomBase36(FRESH_ID_RANDOM_CHARS)}`;
    if (!taken.has(id)) return id;
  }
}
