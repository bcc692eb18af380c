import { removeBidiControls } from '../../model/text';
import { evaluateMap, type Evaluation, type Label } from '../../model/evaluate';
import { holdsRound } from '../../model/round';
import { evaluateRound } from '../../model/roundEvaluation';
import type { Evidence } from '../../model/evidence';
import { ID_PATTERN } from '../../model/ids';
import type { Issue } from '../../model/issue';
import { LIMITS } from '../../model/limits';
import type { ClashMap } from '../../model/map';
import type { Source } from '../../model/source';
import { parseJsonText } from '../jsonText';
import { parseMap } from '../parse';
import { describeParseError } from '../parseError';
import { serializeMap } from '../serialize';
import type { ImportResult, Loss } from './types';

/** How many places one loss lists before it says "and N more". */
const PLACES_SHOWN = 5;

/**
 * Collects losses and merges those with the same message, so that a map with 300 quotes gets
 * one line about quote offsets instead of 300.
 */
export class LossLog {
  private readonly byMessage = new Map<string, string[]>();

  /** Records that `message` applies at `path` (an empty path means the file as a whole). */
  add(path: string, message: string): void {
    const paths = this.byMessage.get(message);
    if (paths) paths.push(path);
    else this.byMessage.set(message, [path]);
  }

  /** The losses so far, in the order their messages were first seen. */
  list(): Loss[] {
    return [...this.byMessage].map(([message, paths]) => {
      const named = [...new Set(paths.filter((p) => p !== ''))];
      const shown = named.slice(0, PLACES_SHOWN).join(', ');
      const more = named.length - PLACES_SHOWN;
      return {
        path: more > 0 ? `${shown} and ${more} more` : shown,
        message,
        count: paths.length,
      };
    });
  }
}

// C0 controls other than tab, line feed and carriage return, and DEL: the map refuses them.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Foreign text made acceptable as map prose, and what had to change. */
export interface CleanText {
  text: string;
  /** Control characters or broken characters were replaced. */
  repaired: boolean;
  /** The text was longer than allowed and was cut. */
  truncated: boolean;
}

/**
 * Replaces what the map refuses in prose (control characters, lone surrogates) and cuts text
 * longer than `max` with an ellipsis, never splitting a surrogate pair.
 */
export function cleanText(value: string, max: number): CleanText {
  const replaced = removeBidiControls(value)
    .replace(CONTROL_CHARS, ' ')
    .replace(LONE_SURROGATES, '\uFFFD');
  const repaired = replaced !== value;
  if (replaced.length <= max) return { text: replaced, repaired, truncated: false };
  let cut = max - 1;
  const last = replaced.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return { text: `${replaced.slice(0, cut)}…`, repaired, truncated: true };
}

/**
 * `cleanText`, logging what changed at `path`; `what` names the field in the loss message
 * ("Node text", "A speaker").
 */
export function cleanField(
  value: string,
  max: number,
  losses: LossLog,
  path: string,
  what: string,
): string {
  const clean = cleanText(value, max);
  if (clean.repaired)
    losses.add(path, `${what} had control or broken characters; they were replaced`);
  if (clean.truncated)
    losses.add(
      path,
      `${what} was longer than ${max.toLocaleString('en-US')} characters and was cut short`,
    );
  return clean.text;
}

/** True when `value` can be used as a map id as it is. */
export const isValidId = (value: string): boolean =>
  value.length <= LIMITS.idLength && ID_PATTERN.test(value);

/**
 * A map id for a foreign name: the name itself when it is a valid, unused id, otherwise a slug
 * of it (or of `fallback`) made unique with a number. Adds the result to `taken`.
 */
export function makeId(name: string, taken: Set<string>, fallback: string): string {
  let base = name;
  if (!isValidId(base) || taken.has(base)) {
    base = name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9_.:-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[^A-Za-z0-9]+/, '')
      .replace(/[-_.:]+$/, '')
      .slice(0, LIMITS.idLength - 8);
    if (base === '') base = fallback;
  }
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** The id an importer gives a quote it makes; `finishImport` numbers every quote in the end. */
export const PENDING_QUOTE_ID = 'q0';

/**
 * The map with an id on every quote: a quote keeps the id it came with when no earlier quote
 * has it, and the others are numbered `q1`, `q2`, … in node order (skipping ids in use), as the
 * version-1 migration numbers them. So an import gives the same ids every time and no two
 * quotes share one.
 */
export function numberQuotes(map: ClashMap): ClashMap {
  const kept = new Set<string>();
  const keeps = map.nodes.map((node) =>
    node.evidence.map((quote) => {
      if (quote.id === PENDING_QUOTE_ID || kept.has(quote.id)) return false;
      kept.add(quote.id);
      return true;
    }),
  );
  let n = 0;
  const next = () => {
    let id = `q${++n}`;
    while (kept.has(id)) id = `q${++n}`;
    return id;
  };
  return {
    ...map,
    nodes: map.nodes.map((node, i) => ({
      ...node,
      evidence: node.evidence.map((quote, j) => (keeps[i]![j] ? quote : { ...quote, id: next() })),
    })),
  };
}

/**
 * Builds one source whose text is every quote it is given, blank-line separated, so that quotes
 * from a format without source documents still point at a verbatim span.
 */
export class QuoteSource {
  private readonly parts: string[] = [];
  private readonly offsets = new Map<string, number>();
  private length = 0;

  constructor(
    readonly id: string,
    readonly title: string,
  ) {}

  /** Evidence for `quote` said by `speaker`, or null when the source text would grow too long. */
  quote(quote: string, speaker: string): Evidence | null {
    let start = this.offsets.get(quote);
    if (start === undefined) {
      const separator = this.parts.length > 0 ? 2 : 0;
      if (this.length + separator + quote.length > LIMITS.sourceTextLength) return null;
      start = this.length + separator;
      this.parts.push(quote);
      this.offsets.set(quote, start);
      this.length = start + quote.length;
    }
    return {
      id: PENDING_QUOTE_ID,
      sourceId: this.id,
      quote,
      start,
      end: start + quote.length,
      speaker,
    };
  }

  /** The source, or nothing when no quote was added. */
  source(): Source | undefined {
    if (this.parts.length === 0) return undefined;
    return { id: this.id, title: this.title, text: this.parts.join('\n\n') };
  }
}

/**
 * Checks a converted map exactly as a saved file would be checked and wraps it as an import
 * result. A failure here is a bug in the importer, reported rather than handed to the app.
 */
export function finishImport(map: ClashMap, losses: LossLog): ImportResult {
  const parsed = parseMap(serializeMap(numberQuotes(map)));
  if (!parsed.ok) {
    return {
      ok: false,
      errors: [
        {
          path: '',
          message: `the converted map did not pass validation (${describeParseError(parsed.error)})`,
        },
        ...parsed.error.issues,
      ],
    };
  }
  return { ok: true, value: parsed.map, losses: losses.list() };
}

/** A failed import with a single issue. */
export const importFailure = (path: string, message: string): ImportResult => ({
  ok: false,
  errors: [{ path, message }],
});

/** A failed import with several issues. */
export const importFailures = (errors: Issue[]): ImportResult => ({ ok: false, errors });

/**
 * A JSON file another tool wrote, read for import: within the size limit, a leading BOM
 * dropped, and a syntax or structure error said with its place. The value, or the failure.
 */
export function readImportJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; failure: ImportResult } {
  if (text.length > LIMITS.fileBytes) {
    return {
      ok: false,
      failure: importFailure(
        '',
        `the file is larger than the ${LIMITS.fileBytes / 1024 / 1024} MB limit`,
      ),
    };
  }
  const json = parseJsonText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (json.ok) return { ok: true, value: json.value };
  if ('syntax' in json) {
    const { line, column, reason } = json.syntax;
    return {
      ok: false,
      failure: importFailure(`line ${line}, column ${column}`, `not valid JSON: ${reason}`),
    };
  }
  return { ok: false, failure: importFailures([json.structure]) };
}

/** "1 node", "3 nodes". */
export const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/**
 * Reports, for an exporter whose format has no place for a debate round, the round's format and
 * teams and each node's side, speech, sheet and crossed-out mark, naming `format`.
 */
export function reportRoundLosses(map: ClashMap, losses: LossLog, format: string): void {
  if (map.round !== undefined)
    losses.add('round', `The debate round's format and teams have no place in ${format}`);
  map.nodes.forEach((node, i) => {
    const fields = (['side', 'speech', 'sheet', 'conceded'] as const).filter(
      (field) => field in node && (node as Partial<Record<string, unknown>>)[field] !== undefined,
    );
    if (fields.length > 0)
      losses.add(
        `nodes[${i}]`,
        `Who made an argument, in which speech, on which sheet and whether it was crossed out have no place in ${format}`,
      );
  });
}

/** How many changed claims one evaluation note names before it says "and N more". */
const CHANGES_SHOWN = 3;

const STOOD: Record<Label, string> = {
  stands: 'stood',
  falls: 'fell',
  undecided: 'was undecided',
};
const NOW: Record<Label, string> = {
  stands: 'now stands',
  falls: 'now falls',
  undecided: 'is now undecided',
};

/** A claim's text shortened for a message, in curly quotes. */
const quoted = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `“${flat.length > 60 ? `${flat.slice(0, 59)}…` : flat}”`;
};

/** One claim (or position) whose label a conversion changed. */
export interface EvaluationChange {
  id: string;
  text: string;
  before: Label;
  /** Undefined when the claim is not in the map after the conversion. */
  after: Label | undefined;
}

/**
 * The claims and positions (not arguments: their ids need not survive a conversion) whose
 * label differs between `before`, the map the author meant (or the map before export), and
 * `after`, the map as converted (or as read back), matched by id. `helpers` are nodes that
 * `before` holds only to model what the author meant (an attack that an undercut can stop, say),
 * which nobody reads: they are not reported.
 */
export function evaluationChanges(
  before: Pick<ClashMap, 'nodes' | 'edges'>,
  after: Pick<ClashMap, 'nodes' | 'edges'>,
  helpers: ReadonlySet<string> = new Set(),
): EvaluationChange[] {
  return labelChanges(before, evaluateMap(before), evaluateMap(after), helpers);
}

function labelChanges(
  before: Pick<ClashMap, 'nodes'>,
  wasEvaluation: Evaluation,
  nowEvaluation: Evaluation,
  helpers: ReadonlySet<string> = new Set(),
): EvaluationChange[] {
  const was = wasEvaluation.nodes;
  const now = nowEvaluation.nodes;
  const changes: EvaluationChange[] = [];
  for (const node of before.nodes) {
    if (node.kind === 'argument' || helpers.has(node.id)) continue;
    const a = was.get(node.id)?.label;
    const b = now.get(node.id)?.label;
    if (a !== undefined && a !== b)
      changes.push({ id: node.id, text: node.text, before: a, after: b });
  }
  return changes;
}

/**
 * Whether a conversion's losses change which claims stand, in words: "Which claims stand is
 * unchanged", or "This changes which claims stand: “X” stood and now falls; …". `before` is the
 * map the author meant (or the map before export), `after` the map as converted (or as read back).
 */
export function evaluationChangeNote(
  before: Pick<ClashMap, 'nodes' | 'edges'>,
  after: Pick<ClashMap, 'nodes' | 'edges'>,
  helpers: ReadonlySet<string> = new Set(),
): string {
  return changeNote(evaluationChanges(before, after, helpers));
}

function changeNote(changes: readonly EvaluationChange[]): string {
  if (changes.length === 0) return 'Which claims stand is unchanged by these losses';
  const named = changes
    .slice(0, CHANGES_SHOWN)
    .map((c) =>
      c.after === undefined
        ? `${quoted(c.text)} ${STOOD[c.before]} and is not in the map`
        : `${quoted(c.text)} ${STOOD[c.before]} and ${NOW[c.after]}`,
    );
  const more = changes.length - CHANGES_SHOWN;
  return `This changes which claims stand: ${named.join('; ')}${more > 0 ? `; and ${plural(more, 'more claim')}` : ''}`;
}

/**
 * Adds to `losses` whether they change which claims stand (see evaluationChangeNote), when
 * there is any other loss to qualify; a conversion that lost nothing says nothing.
 */
/**
 * For a format that keeps every node and relation but not the round (DOT, GraphML, the Markdown
 * outline): whether its losses change which claims stand. A reader of the file judges the map by
 * the plain rule; the map itself, when it holds a round, counts drops and crossings-out.
 */
export function reportExportEvaluation(losses: LossLog, map: ClashMap): void {
  if (losses.list().length === 0) return;
  const plain = evaluateMap(map);
  const meant = holdsRound(map) ? evaluateRound(map).evaluation : plain;
  losses.add('', changeNote(labelChanges(map, meant, plain)));
}

export function reportEvaluationChange(
  losses: LossLog,
  before: Pick<ClashMap, 'nodes' | 'edges'>,
  after: Pick<ClashMap, 'nodes' | 'edges'>,
  helpers: ReadonlySet<string> = new Set(),
): void {
  if (losses.list().length === 0) return;
  losses.add('', evaluationChangeNote(before, after, helpers));
}
