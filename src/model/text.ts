import { z } from 'zod';

// C0 controls other than tab, newline and carriage return have no place in prose and can
// hide content in terminals; lone surrogates break every encoder downstream.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a piece of text is not acceptable prose, or null when it is. */
export function textProblem(value: string): string | null {
  if (LONE_SURROGATE.test(value)) return 'contains a broken character (a lone UTF-16 surrogate)';
  if (CONTROL_CHARS.test(value)) return 'contains a control character';
  return null;
}

/** A zod schema for user-visible text of at most `max` characters. */
export function proseSchema(max: number, { allowEmpty = true } = {}) {
  return z
    .string()
    .min(allowEmpty ? 0 : 1, { error: 'must not be empty' })
    .max(max, { error: `is longer than ${max.toLocaleString('en-US')} characters` })
    .superRefine((value, ctx) => {
      const problem = textProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}
