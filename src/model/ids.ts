import { z } from 'zod';
import { LIMITS } from './limits';

/** Ids are short, URL- and file-safe tokens so they survive every export format. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

export const idSchema = z
  .string()
  .min(1, { error: 'must not be empty', abort: true })
  .max(LIMITS.idLength, { error: `is longer than ${LIMITS.idLength} characters` })
  .regex(ID_PATTERN, {
    error: 'must start with a letter or digit and use only letters, digits, "_", ".", ":" or "-"',
  });

/** A fresh id with the given prefix that is not in `taken`. */
export function freshId(prefix: string, taken: ReadonlySet<string>): string {
  for (;;) {
    const random = Math.random().toString(36).slice(2, 8);
    const id = `${prefix}-${random}`;
    if (!taken.has(id)) return id;
  }
}
