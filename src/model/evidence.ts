import { z } from './zod';
import { idSchema } from './ids';
import { LIMITS } from './limits';
import { proseSchema } from './text';
import type { Source } from './source';

const offsetSchema = z
  .number()
  .check(
    z.int({ error: 'must be a whole number' }),
    z.gte(0, { error: 'must not be negative' }),
    z.lte(LIMITS.sourceTextLength, { error: 'is beyond the longest source text allowed' }),
  );

export const evidenceSchema = z
  .strictObject({
    id: idSchema,
    sourceId: idSchema,
    quote: proseSchema(LIMITS.quoteLength, { allowEmpty: false }),
    start: z.optional(offsetSchema),
    end: z.optional(offsetSchema),
    speaker: proseSchema(LIMITS.speakerLength, { allowEmpty: false }),
  })
  .check(
    z.refine((e) => (e.start === undefined) === (e.end === undefined), {
      error: 'must be given with start, or both left out (a quote not yet checked against a text)',
      path: ['end'],
    }),
    z.refine((e) => e.start === undefined || e.end === undefined || e.end > e.start, {
      error: 'must be after start',
      path: ['end'],
    }),
  );

/**
 * A verbatim quote and who says it. Checked: the span [start, end) of its source's text. Not
 * checked: no offsets (version 3 of the format on), when the source's text is not at hand; its
 * source then says where it comes from (a citation). Its id is unique in the map (version 2
 * on), so a quote can be addressed on its own.
 */
export type Evidence = z.infer<typeof evidenceSchema>;

/** A quote before it has an id: what a form, an importer or a paste produces. */
export type EvidenceDraft = Omit<Evidence, 'id'>;

/** Prefix of the fresh ids given to new quotes. */
export const EVIDENCE_ID_PREFIX = 'q';

/** True for a quote that has been checked against its source's text (it has offsets). */
export const isChecked = (
  evidence: Pick<Evidence, 'start' | 'end'>,
): evidence is { start: number; end: number } =>
  evidence.start !== undefined && evidence.end !== undefined;

/**
 * Why a checked quote does not match its source span, or null when it does. A quote not yet
 * checked against a text matches nothing and mismatches nothing: null.
 */
export function quoteMismatch(evidence: Evidence, source: Source): string | null {
  if (!isChecked(evidence)) return null;
  if (source.text === undefined)
    return `source "${source.id}" has no text to check the quote against`;
  if (evidence.end > source.text.length) {
    return `end ${evidence.end} is past the end of source "${source.id}" (${source.text.length} characters)`;
  }
  const span = source.text.slice(evidence.start, evidence.end);
  if (span === evidence.quote) return null;
  const shown = span.length > 60 ? `${span.slice(0, 57)}…` : span;
  return `does not match source "${source.id}" at ${evidence.start}–${evidence.end}, which reads "${shown}"`;
}

/**
 * Where `quote` occurs in `text`: the occurrence nearest `near` (a previous start), or the first.
 * Returns null when the text does not contain it.
 */
export function anchorQuote(
  text: string,
  quote: string,
  near = 0,
): { start: number; end: number } | null {
  if (quote.length === 0) return null;
  let best = -1;
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
    if (best === -1 || Math.abs(at - near) < Math.abs(best - near)) best = at;
  }
  return best === -1 ? null : { start: best, end: best + quote.length };
}
