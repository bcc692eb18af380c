import { z } from './zod';
import { idSchema } from './ids';
import { LIMITS } from './limits';
import { proseSchema, stringOfAtMost } from './text';

// Whitespace, control and invisible formatting characters (tabs, newlines, zero-width and
// bidirectional marks) and lone surrogates: the URL parser silently drops or encodes some of
// them, which is how "java\tscript:" or " javascript:" slip past naive checks, so a URL that
// holds any of them is refused as written rather than normalised into acceptance.
const URL_INVISIBLE = /[\s\p{Cc}\p{Cf}\p{Z}\p{Cs}]/u;
const HTTP_PREFIX = /^https?:\/\//i;

/** How a URL problem names the invisible character it found. */
function describeUrlChar(char: string): string {
  if (char === ' ') return 'a space';
  if (char === '\t') return 'a tab';
  if (char === '\n' || char === '\r') return 'a line break';
  const code = `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return /\p{Zs}/u.test(char) ? `a space (${code})` : `an invisible character (${code})`;
}

/**
 * Why `url` is not an address a map may link to, or null when it is: only http:// or https://,
 * exactly as written, to a named host, with no user name or password before the host (in
 * `https://bank.example@evil.example/` the host is evil.example, whatever the reader sees first).
 */
export function urlProblem(url: string): string | null {
  if (!HTTP_PREFIX.test(url)) return 'must be an http:// or https:// address';
  const invisible = URL_INVISIBLE.exec(url);
  if (invisible)
    return `contains ${describeUrlChar(invisible[0])} at character ${invisible.index + 1}`;
  // The host as written: the URL parser reads "https:///etc/passwd" as the host "etc", so an
  // empty one is refused here, before it can be reinterpreted.
  const afterScheme = url.slice(url.indexOf('//') + 2);
  const authority = /^[^/\\?#]*/.exec(afterScheme)![0];
  if (authority === '') return 'has no host name after the "//"';
  if (authority.includes('@'))
    return 'has a user name or password before the host (the "@" hides where the link really goes)';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a valid web address';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return 'must be an http:// or https:// address';
  if (parsed.hostname === '') return 'has no host name after the "//"';
  if (parsed.username !== '' || parsed.password !== '')
    return 'has a user name or password before the host (the "@" hides where the link really goes)';
  return null;
}

/** True for the only URLs a map may link to (see `urlProblem`). */
export function isSafeUrl(url: string): boolean {
  return urlProblem(url) === null;
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
  author: z.optional(proseSchema(LIMITS.sourceFieldLength)),
  publisher: z.optional(proseSchema(LIMITS.sourceFieldLength)),
  published: z.optional(
    z.string().check(
      z.regex(DATE_PATTERN, {
        error: 'must be a date written YYYY, YYYY-MM or YYYY-MM-DD',
        abort: true,
      }),
      z.refine(isCalendarDate, { error: 'is not a real date (check the month and day)' }),
    ),
  ),
  url: z.optional(
    stringOfAtMost(LIMITS.urlLength).check(
      z.superRefine((value: string, ctx) => {
        const problem = urlProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    ),
  ),
  text: z.optional(proseSchema(LIMITS.sourceTextLength)),
});

/** A document the map quotes from: an article, a report, a transcript. */
export type Source = z.infer<typeof sourceSchema>;
