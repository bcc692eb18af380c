import { z } from './zod';

// C0 controls other than tab, newline and carriage return have no place in prose and can
// hide content in terminals; lone surrogates break every encoder downstream.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Bidirectional embeddings, overrides and isolates reorder how text is displayed without
// changing what it says ("Trojan Source"), so a claim could read differently from what it is.
// The plain marks U+200E/U+200F are not here: they cannot reorder a run, and Arabic and Hebrew
// text uses them legitimately.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

const BIDI_NAMES: Record<number, string> = {
  0x202a: 'embedding',
  0x202b: 'embedding',
  0x202c: 'formatting character',
  0x202d: 'override',
  0x202e: 'override',
  0x2066: 'isolate',
  0x2067: 'isolate',
  0x2068: 'isolate',
  0x2069: 'formatting character',
};

/** "U+202E": how messages name a character that cannot be shown. */
export function codePointName(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why a piece of text is not acceptable prose, or null when it is. */
export function textProblem(value: string): string | null {
  if (LONE_SURROGATE.test(value)) return 'contains a broken character (a lone UTF-16 surrogate)';
  if (CONTROL_CHARS.test(value)) return 'contains a control character';
  const bidi = BIDI_CONTROL.exec(value);
  if (bidi) {
    const name = BIDI_NAMES[bidi[0].charCodeAt(0)] ?? 'control';
    return `contains an invisible bidirectional ${name} (${codePointName(bidi[0])}) that can disguise text`;
  }
  return null;
}

/**
 * The text without the bidirectional controls that `textProblem` refuses, for importers and
 * paste handlers that would rather clean text than refuse it.
 */
export function removeBidiControls(value: string): string {
  return value.replace(BIDI_CONTROLS, '');
}

/**
 * A zod string schema of at most `max` UTF-16 code units (`string.length`), as the file format
 * counts. zod's own `z.maxLength()` counts code points, which lets 1,001 emoji (2,002 code units)
 * through a 2,000 limit that the app's fields, importers and offsets all count in code units.
 */
export function stringOfAtMost(max: number) {
  return z.string().check(
    z.refine((value: string) => value.length <= max, {
      error: `is longer than ${max.toLocaleString('en-US')} characters`,
    }),
  );
}

/** A zod schema for user-visible text of at most `max` UTF-16 code units. */
export function proseSchema(max: number, { allowEmpty = true } = {}) {
  return stringOfAtMost(max).check(
    z.refine((value: string) => allowEmpty || value.length > 0, { error: 'must not be empty' }),
    z.superRefine((value: string, ctx) => {
      const problem = textProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  );
}

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL_CHARS_GLOBAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LONE_SURROGATE_GLOBAL =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Typed or pasted text made acceptable: bidirectional overrides and control characters removed,
 * broken characters replaced by U+FFFD. What a user enters is cleaned, not refused.
 */
export function cleanProse(value: string): string {
  return removeBidiControls(value)
    .replace(CONTROL_CHARS_GLOBAL, '')
    .replace(LONE_SURROGATE_GLOBAL, '\uFFFD');
}

/** Every string inside a plain value (object, array) passed through `cleanProse`. */
export function cleanProseDeep<T>(value: T): T {
  if (typeof value === 'string') return cleanProse(value) as T;
  if (Array.isArray(value)) return value.map((v) => cleanProseDeep(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanProseDeep(v)])) as T;
  }
  return value;
}
