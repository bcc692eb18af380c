import { z } from 'zod';
import { idSchema } from './ids';
import { LIMITS } from './limits';
import { proseSchema } from './text';

// Whitespace, control and invisible formatting characters (tabs, newlines, zero-width and
// bidirectional marks) and lone surrogates: the URL parser silently drops or encodes some of
// them, which is how "java\tscript:" or " javascript:" slip past naive checks, so a URL that
// holds any of them is refused as written rather than normalised into acceptance.
const URL_INVISIBLE = /[\s\p{Cc}\p{Cf}\p{Z}\p{Cs}]/u;
const HTTP_PREFIX = /^https?:\/\//i;

/** True for the only URL schemes a map may link to: http:// or https://, exactly as written. */
export function isSafeUrl(url: string): boolean {
  if (!HTTP_PREFIX.test(url) || URL_INVISIBLE.test(url)) return false;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

const DATE_PATTERN = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** True when a YYYY, YYYY-MM or YYYY-MM-DD string names a month and day that exist. */
function isCalendarDate(value: string): boolean {
  const [year = 0, month, day] = value.split('-').map(Number);
  if (month === undefined) return true;
  if (month < 1 || month > 12) return false;
  if (day === undefined) return true;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day >= 1 && day <= days;
}

export const sourceSchema = z.strictObject({
  id: idSchema,
  title: proseSchema(LIMITS.sourceFieldLength, { allowEmpty: false }),
  author: proseSchema(LIMITS.sourceFieldLength).optional(),
  publisher: proseSchema(LIMITS.sourceFieldLength).optional(),
  published: z
    .string()
    .regex(DATE_PATTERN, {
      error: 'must be a date written YYYY, YYYY-MM or YYYY-MM-DD',
      abort: true,
    })
    .refine(isCalendarDate, { error: 'is not a real date (check the month and day)' })
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
