import { z } from 'zod';
import { idSchema } from './ids';
import { LIMITS } from './limits';
import { proseSchema } from './text';

/** True for the only URL schemes a map may link to. */
export function isSafeUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

const DATE_PATTERN = /^\d{4}(-\d{2}(-\d{2})?)?$/;

export const sourceSchema = z.strictObject({
  id: idSchema,
  title: proseSchema(LIMITS.sourceFieldLength, { allowEmpty: false }),
  author: proseSchema(LIMITS.sourceFieldLength).optional(),
  publisher: proseSchema(LIMITS.sourceFieldLength).optional(),
  published: z
    .string()
    .regex(DATE_PATTERN, { error: 'must be a date written YYYY, YYYY-MM or YYYY-MM-DD' })
    .optional(),
  url: z
    .string()
    .max(LIMITS.urlLength, { error: `is longer than ${LIMITS.urlLength} characters` })
    .refine(isSafeUrl, { error: 'must be an http:// or https:// address' })
    .optional(),
  text: proseSchema(LIMITS.sourceTextLength).optional(),
});

/** A document the map quotes from: an article, a report, a transcript. */
export type Source = z.infer<typeof sourceSchema>;
