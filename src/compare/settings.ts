import { parseJsonText } from '../io/jsonText';
import { formatPath, type Issue } from '../model/issue';
import { idSchema } from '../model/ids';
import { proseSchema } from '../model/text';
import { z } from '../model/zod';

export const SETTINGS_FORMAT = 'clashmap-compare';
export const SETTINGS_VERSION = 1;
/** What the teacher's file next to the model is called: `cartel.clashmap.json` → `cartel.compare.json`. */
export const SETTINGS_SUFFIX = '.compare.json';
const MAX_DECISIONS = 20_000;

/** How much each part counts in the combined score; they need not add up to 1. */
export interface ScoreWeights {
  claimRecall: number;
  claimPrecision: number;
  relations: number;
}

export const DEFAULT_WEIGHTS: ScoreWeights = {
  claimRecall: 0.4,
  claimPrecision: 0.2,
  relations: 0.4,
};
/** The similarity a pair needs before matching pairs it without the teacher. */
export const DEFAULT_THRESHOLD = 0.35;

const weight = z
  .number()
  .check(
    z.refine(Number.isFinite, { error: 'must be a finite number' }),
    z.gte(0, { error: 'must not be negative' }),
    z.lte(100, { error: 'must be at most 100' }),
  );

const decisionSchema = z.strictObject({
  model: idSchema,
  /** The student's claim, by its text: ids differ from file to file, the words a student wrote do not. */
  student: proseSchema(2000, { allowEmpty: false }),
  match: z.boolean({ error: 'must be true (a match) or false (not a match)' }),
});

export const settingsSchema = z.strictObject({
  format: z.literal(SETTINGS_FORMAT, { error: `must be "${SETTINGS_FORMAT}"` }),
  version: z.literal(SETTINGS_VERSION, { error: `must be ${SETTINGS_VERSION}` }),
  threshold: z.optional(
    z
      .number()
      .check(
        z.gte(0, { error: 'must be between 0 and 1' }),
        z.lte(1, { error: 'must be between 0 and 1' }),
      ),
  ),
  weights: z.optional(
    z.strictObject({ claimRecall: weight, claimPrecision: weight, relations: weight }),
  ),
  decisions: z
    .array(decisionSchema)
    .check(z.maxLength(MAX_DECISIONS, { error: `has more than ${MAX_DECISIONS} decisions` })),
});

/** A teacher's hand decision: this model node is (or is not) the student's claim with this text. */
export type MatchDecision = z.infer<typeof decisionSchema>;

/** What a teacher keeps next to a model map: their decisions, threshold and weights. */
export interface CompareSettings {
  threshold: number;
  weights: ScoreWeights;
  decisions: MatchDecision[];
}

export const defaultSettings = (): CompareSettings => ({
  threshold: DEFAULT_THRESHOLD,
  weights: { ...DEFAULT_WEIGHTS },
  decisions: [],
});

/** How a decision recognises a student's claim: its words, spaces and case folded. */
export const decisionKey = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

export type SettingsResult =
  { ok: true; settings: CompareSettings } | { ok: false; issues: Issue[] };

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Reads a `.compare.json` file; every problem names where it is. */
export function parseSettings(text: string): SettingsResult {
  const json = parseJsonText(text);
  if (!json.ok) {
    if ('syntax' in json) {
      const { line, column, reason } = json.syntax;
      return {
        ok: false,
        issues: [{ path: '', message: `line ${line}, column ${column}: ${reason}` }],
      };
    }
    return { ok: false, issues: [json.structure] };
  }
  const parsed = settingsSchema.safeParse(json.value);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({
        path: formatPath(issue.path),
        message:
          issue.code === 'unrecognized_keys'
            ? `has an unknown field "${issue.keys.join('", "')}"`
            : issue.code === 'invalid_type' && valueAt(json.value, issue.path) === undefined
              ? 'is missing'
              : issue.message,
      })),
    };
  }
  const { threshold, weights, decisions } = parsed.data;
  return {
    ok: true,
    settings: {
      threshold: threshold ?? DEFAULT_THRESHOLD,
      weights: weights ?? { ...DEFAULT_WEIGHTS },
      decisions,
    },
  };
}

/** The file text of a teacher's settings, in a stable order (one decision per line). */
export function serializeSettings(settings: CompareSettings): string {
  const decisions = settings.decisions.map((d) => `    ${JSON.stringify(d)}`).join(',\n');
  return `{
  "format": "${SETTINGS_FORMAT}",
  "version": ${SETTINGS_VERSION},
  "threshold": ${settings.threshold},
  "weights": ${JSON.stringify(settings.weights)},
  "decisions": [${decisions ? `\n${decisions}\n  ` : ''}]
}
`;
}

/** The settings with one decision set (a later decision on the same pair replaces an earlier one). */
export function withDecision(settings: CompareSettings, decision: MatchDecision): CompareSettings {
  const key = decisionKey(decision.student);
  // A node is matched to at most one other, so a new match undoes the matches it contradicts.
  const others = settings.decisions.filter((d) => {
    const sameStudent = decisionKey(d.student) === key;
    if (d.model === decision.model && sameStudent) return false;
    return !(decision.match && d.match && (d.model === decision.model || sameStudent));
  });
  return { ...settings, decisions: [...others, decision] };
}

/** The settings without any decision on this pair: matching decides it again. */
export function withoutDecision(
  settings: CompareSettings,
  model: string,
  studentText: string,
): CompareSettings {
  const key = decisionKey(studentText);
  return {
    ...settings,
    decisions: settings.decisions.filter(
      (d) => !(d.model === model && decisionKey(d.student) === key),
    ),
  };
}

/** `maps/cartel.clashmap.json` → `maps/cartel.compare.json`: where the teacher's settings live. */
export function settingsPathFor(modelPath: string): string {
  const base = modelPath.replace(/\.clashmap\.json$|\.json$|\.svg$/i, '');
  return `${base}${SETTINGS_SUFFIX}`;
}
