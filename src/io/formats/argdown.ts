import type { Edge, EdgeKind } from '../../model/edge';
import { argumentParts } from '../../model/arguments';
import {
  argdownFormOf,
  edgeKindOfArgdownRelation,
  isPartOfArgument,
  relationKind,
} from '../../model/relations/registry';
import { anchorQuote, type Evidence } from '../../model/evidence';
import { LIMITS } from '../../model/limits';
import { emptyMap, type ClashMap } from '../../model/map';
import type { MapNode, Point } from '../../model/node';
import { sourceSchema, type Source } from '../../model/source';
import {
  cleanField,
  finishImport,
  importFailure,
  importFailures,
  isValidId,
  LossLog,
  makeId,
  QuoteSource,
  PENDING_QUOTE_ID,
  reportEvaluationChange,
  reportRoundLosses,
} from './shared';
import type { ExportResult, ImportResult } from './types';

/*
 * Argdown (https://argdown.org) as Clashmap writes and reads it.
 *
 * Export:
 *   ===
 *   title: "…"               the map title (and `description`, `generator`, `sources`), as JSON
 *   ===                      values, which are also YAML
 *
 *   [pos-a]: Text of a position. #position {"quotes":[{"quote":"…","speaker":"…","source":"article"}]}
 *     + [claim-b]            claim-b supports pos-a
 *     - [claim-c]            claim-c rebuts pos-a
 *     >< [claim-d]           claim-d and pos-a are contraries (a conflict)
 *
 *   [claim-u]: It does not follow.
 *     _> <arg-1>             claim-u undercuts the argument arg-1
 *
 *   <arg-1>: Name of the argument {"notes":"…"}
 *
 *   (1) [claim-b]            its premises, by reference,
 *   (2) [claim-e]
 *   -- Modus ponens --       its scheme as the inference rule (---- when it has none),
 *   (3) [pos-a]              and its conclusion
 *
 * Every node is one statement (an argument node: one argument) whose title is its id, defined
 * once, in map order; each support, rebuttal and contrary is written once, under its target, an
 * undercut under the undercutter. An argument is a premise–conclusion structure of one inference
 * step, which @argdown/core reads back as the same premises, conclusion and rule. Positions carry
 * the tag #position; other tags are written as #(tag), and when one of them cannot be (a ")" in
 * it, say) the data holds the whole list. The YAML data holds what Argdown has no syntax for:
 * `quotes` (quote, speaker, source id), `notes`, `tags`, the canvas `position`, and `text`, the
 * exact text, when it has line breaks, tabs, repeated or outer spaces (an Argdown line shows
 * single spaces). A scheme that Argdown would not read back as written (it splits rules at
 * commas and turns `.^.` into ∧, say) also goes in the inference's data as `scheme`. The front
 * matter holds the sources with their full text, so quotes can be found again on import; their
 * offsets are not written.
 *
 * Import (with the official parser, @argdown/core, loaded only when an import runs):
 * - every statement becomes a node; its title becomes its id when it is a valid id. A statement
 *   marked {isInMap: false} is left out with its relations, unless an argument's structure uses
 *   it (an argument needs its premises); both are reported;
 * - an argument with a premise–conclusion structure becomes one argument node per inference
 *   step. A step's premises are the statements its {uses: [1, 2]} names (numbered from 1 in the
 *   order written) or else every statement since the previous inference line, so an
 *   intermediary conclusion is a premise of the next step; its conclusion is the statement under
 *   the line; its rules, joined with ", ", are the scheme. The last step is named by the
 *   argument's title (earlier ones "Title (step 1 of 3)"), and the description goes to the
 *   notes. In a file Clashmap wrote, the title is the id and the description the text;
 * - an argument without a structure becomes a claim whose text is its description (or title),
 *   so that its relations are kept; this is reported;
 * - relations follow Argdown's own model (@argdown/core's ModelPlugin): one from a
 *   reconstructed argument comes from its conclusion; an undercut of a reconstructed argument
 *   targets its last inference, an undercut of an inference that inference's step. An undercut of
 *   an argument without a structure targets a one-premise argument made from it for each claim
 *   it supports (an undercut of one that only attacks cannot be held, and is reported). An
 *   attack on a reconstructed argument as a whole (Argdown keeps it only when it does not attack
 *   a premise) becomes an undercut of its last inference, and a support of one is reported as
 *   lost: Argdown does not say which premise it backs;
 * - support and entails become supports, attack becomes a rebuttal, undercut an undercut;
 * - contraries. Argdown's `contrary` relation is what an attack between two statements becomes
 *   in `model: mode: strict`, and Argdown defines it as symmetric: the two cannot both be true,
 *   and neither is preferred by the order they were written in. So it becomes a conflict (the
 *   symmetric `contrary` kind), never a one-way rebuttal, which would let the order of writing
 *   decide which stands (semmelweis_betz's rival hypotheses). A contradiction (><) becomes a
 *   conflict too, reported, since Clashmap does not record that one of the two must be true. Only
 *   `model.mode` is read from a file's front matter (it is data, never settings), and only
 *   strict changes anything; in the default (loose) mode an attack between statements is an
 *   attack, and reads as a rebuttal, which is also how Clashmap's own files write rebuttals
 *   (`- [c]`, with no mode), so they read back as rebuttals;
 * - positions: when any statement is tagged #position (or the file says Clashmap wrote it),
 *   exactly the tagged statements; otherwise the top-level conclusions, i.e. statements that
 *   something supports, attacks or concludes and that themselves support, attack or are used
 *   as premises of nothing;
 * - quotes come from the data (`quotes: [{quote, speaker, source}]`, or `quote`/`speaker`/
 *   `source` for a single one) and are found again in their source's text; quotes whose source
 *   text is missing go into a source made of the quotes themselves.
 * Every report of losses ends by saying whether they change which claims stand (see
 * evaluationChangeNote in shared.ts): on export, the map against the map as it reads back; on
 * import, the map the author meant (with the statements left out, and an attack that an
 * undercut stops going through an undercut inference) against the map imported.
 */

/** Written in the front matter so that an import knows #position is the only position rule. */
const GENERATOR = 'Clashmap';
const QUOTE_SOURCE_ID = 'argdown-quotes';

// Characters that Argdown reads as syntax anywhere in a line. `/`, `.`, `:` and `=` are only
// syntax in some neighbourhoods and are handled separately, so ordinary prose stays readable.
const ALWAYS_ESCAPED = new Set(['\\', '[', ']', '<', '>', '#', '*', '_', '{', '}', '@', '(', ')']);

/** Statement text with every character Argdown would read as syntax escaped with a backslash. */
export function escapeArgdownText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const next = text[i + 1];
    let escape = ALWAYS_ESCAPED.has(ch);
    // `//` and `/*` open comments.
    if (ch === '/' && (next === '/' || next === '*')) escape = true;
    // `===` opens front matter.
    if (ch === '=' && next === '=') escape = true;
    // `.x.` and `:x:` are shortcodes (`.A.` is ∀): escape a dot or colon when another one
    // follows before the next space.
    if ((ch === '.' || ch === ':') && next !== undefined && !/\s/.test(next)) {
      for (let j = i + 1; j < text.length && !/\s/.test(text[j]!); j++) {
        if (text[j] === '.' || text[j] === ':') {
          escape = true;
          break;
        }
      }
    }
    out += escape ? `\\${ch}` : ch;
  }
  return out;
}

/**
 * A JSON value in which every string also escapes what would end Argdown data or front matter
 * early (`{`, `}`, `=`) and what YAML refuses as unprintable; JSON of this kind is valid YAML.
 */
function argdownJson(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value).replace(
      /[{}=\u007F-\u009F\u2028\u2029\uFEFF\uFFFE\uFFFF]/g,
      (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`,
    );
  }
  if (Array.isArray(value)) return `[${value.map(argdownJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${argdownJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Node text as an Argdown statement line holds it: each run of spaces, tabs and line breaks
 * becomes one space. (The parser joins continued lines with a space, and the lexer drops tabs
 * and repeated spaces next to syntax characters.)
 */
export const normalizeStatementText = (text: string): string =>
  text.replace(/[ \t\r\n]+/g, ' ').trim();

// A tag Argdown can write as #(tag) and read back unchanged.
const isArgdownTag = (tag: string) =>
  !/[()\r\n\t]/.test(tag) && tag.trim() === tag && tag !== '' && tag !== 'position';

// A scheme Argdown reads back as written between the inference lines: words, digits, spaces,
// brackets, apostrophes and single hyphens, with commas only as ", " (Argdown splits rules at
// commas, and this importer joins them with ", ").
const PLAIN_SCHEME =
  /^[\p{L}\p{N}()'’]+(?:-[\p{L}\p{N}()'’]+)*(?:,? [\p{L}\p{N}()'’]+(?:-[\p{L}\p{N}()'’]+)*)*$/u;

/**
 * An argument's inference line: `----`, or `-- scheme --`; a scheme Argdown would not read back
 * as written (see PLAIN_SCHEME) also goes in the inference's data, which an import prefers.
 */
function inferenceLine(scheme: string | undefined): string {
  if (scheme === undefined) return '----';
  if (PLAIN_SCHEME.test(scheme)) return `-- ${scheme} --`;
  const shown = scheme
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // `--` inside the data would end the line early, so hyphens are written as \u002D.
  const json = argdownJson({ scheme }).replace(/-/g, '\\u002D');
  return `-- ${shown === '' ? '' : `${shown} `}${json} --`;
}

/** The map as Argdown text; see the notes at the top of this file for the conventions. */
export function exportArgdown(map: ClashMap): ExportResult {
  const losses = new LossLog();
  reportRoundLosses(map, losses, 'Argdown');
  const lines: string[] = ['==='];
  lines.push(`title: ${argdownJson(map.title)}`);
  if (map.description !== undefined) lines.push(`description: ${argdownJson(map.description)}`);
  lines.push(`generator: ${argdownJson(GENERATOR)}`);
  if (map.sources.length > 0) lines.push(`sources: ${argdownJson(map.sources)}`);
  lines.push('===', '');

  const incoming = new Map<string, Edge[]>(map.nodes.map((n) => [n.id, []]));
  const undercuts = new Map<string, Edge[]>(map.nodes.map((n) => [n.id, []]));
  for (const edge of map.edges) {
    if (edge.kind === 'undercut') undercuts.get(edge.from)?.push(edge);
    else if (!isPartOfArgument(relationKind(edge.kind).formats.argdown))
      incoming.get(edge.to)?.push(edge);
  }
  const parts = argumentParts(map);

  map.nodes.forEach((node, i) => {
    const path = `nodes[${i}]`;
    const text = normalizeStatementText(node.text);
    const tags = node.kind === 'position' ? ['#position'] : [];
    for (const tag of node.tags ?? []) if (isArgdownTag(tag)) tags.push(`#(${tag})`);
    const data: Record<string, unknown> = {};
    // A line holds single spaces only: the exact text, when it has more, goes in the data.
    if (node.text !== node.text.replace(/\s+/g, ' ').trim()) data.text = node.text;
    if (node.evidence.length > 0) {
      data.quotes = node.evidence.map((e) => ({
        id: e.id,
        quote: e.quote,
        speaker: e.speaker,
        source: e.sourceId,
      }));
      losses.add(
        `${path}.evidence`,
        'Quote offsets are not kept in Argdown; quotes are found again in their source text on import',
      );
    }
    if (node.notes !== undefined) data.notes = node.notes;
    // When Argdown cannot write every tag as #(tag) (or there are none), the data holds the
    // whole list, in order, and an import reads it instead of the #tags.
    if (node.tags !== undefined && (node.tags.length === 0 || !node.tags.every(isArgdownTag))) {
      data.tags = node.tags;
    }
    if (node.position) data.position = { x: node.position.x, y: node.position.y };

    const open = node.kind === 'argument' ? `<${node.id}>` : `[${node.id}]`;
    let line = `${open}: ${escapeArgdownText(text)}`;
    if (tags.length > 0) line += ` ${tags.join(' ')}`;
    if (Object.keys(data).length > 0) line += ` ${argdownJson(data)}`;
    lines.push(line);
    if (node.kind === 'argument') {
      // Its premise–conclusion structure: the premises and the conclusion by reference.
      const own = parts.get(node.id) ?? { premises: [], conclusions: [], undercutters: [] };
      lines.push('');
      own.premises.forEach((premise, k) => lines.push(`(${k + 1}) [${premise}]`));
      lines.push(inferenceLine(node.scheme));
      for (const conclusion of own.conclusions)
        lines.push(`(${own.premises.length + 1}) [${conclusion}]`);
      lines.push('');
      return;
    }
    for (const edge of undercuts.get(node.id) ?? []) lines.push(`  _> <${edge.to}>`);
    for (const edge of incoming.get(node.id) ?? []) {
      const form = argdownFormOf(edge.kind);
      lines.push(`  ${form.sign} [${edge.from}]`);
      if (edge.kind === 'contrary') {
        losses.add(
          `edges[${map.edges.indexOf(edge)}]`,
          'Argdown writes a conflict (contrary) only as a contradiction (><), which Argdown reads as stronger (one of the two must be true); Clashmap reads it back as a conflict',
        );
      }
      if (form.lost) {
        const { noun } = relationKind(edge.kind).names;
        const as = relationKind(form.writtenAs).names.noun;
        losses.add(
          `edges[${map.edges.indexOf(edge)}]`,
          `Argdown has no ${noun}: it was written as a ${as}, and reads back as one`,
        );
      }
    }
    lines.push('');
  });

  map.edges.forEach((edge, i) => {
    if (edge.note !== undefined)
      losses.add(`edges[${i}].note`, 'Edge notes are not kept: Argdown relations have no text');
  });
  if (map.edges.length > 0) {
    losses.add('', 'Edge ids are not kept in Argdown; imported edges get new ids');
  }
  // What reads back: the kinds Argdown has no sign for come back as the kind written.
  const readBack = {
    nodes: map.nodes,
    edges: map.edges.map((edge) =>
      isPartOfArgument(relationKind(edge.kind).formats.argdown)
        ? edge
        : { ...edge, kind: argdownFormOf(edge.kind).writtenAs },
    ),
  };
  reportEvaluationChange(losses, map, readBack);
  return { ok: true, value: `${lines.join('\n').trimEnd()}\n`, losses: losses.list() };
}

// ---------------------------------------------------------------------------------------------
// Import

/** The parts of @argdown/core's model this importer reads (all optional: it checks each). */
interface ArgdownStatement {
  text?: string;
  isReference?: boolean;
  startLine?: number;
  data?: unknown;
  tags?: string[];
}
interface ArgdownStatementClass {
  title?: string;
  members: ArgdownStatement[];
  tags?: string[];
  data?: unknown;
}
interface ArgdownRelationEnd {
  type: string;
  title?: string;
}
interface ArgdownInference {
  inferenceRules?: string[];
  data?: unknown;
}
interface ArgdownPcsStatement extends ArgdownStatement {
  title?: string;
  role?: string;
  inference?: ArgdownInference;
}
interface ArgdownRelation {
  from?: ArgdownRelationEnd;
  to?: ArgdownRelationEnd;
  relationType: string;
  occurrences?: Array<{ startLine?: number }>;
}
interface ArgdownArgument {
  title?: string;
  members?: ArgdownStatement[];
  pcs?: ArgdownPcsStatement[];
  tags?: string[];
  data?: unknown;
}
interface ArgdownSyntaxError {
  message: string;
  line?: number;
  column?: number;
  token?: { startLine?: number; startColumn?: number };
}
interface ArgdownModel {
  statements: Record<string, ArgdownStatementClass>;
  arguments: Record<string, ArgdownArgument>;
  relations: ArgdownRelation[];
  sectionCount: number;
  frontMatter: unknown;
}

type ParseOutcome = { ok: true; model: ArgdownModel } | { ok: false; result: ImportResult };

const lineOf = (statement: ArgdownStatement | undefined) =>
  statement?.startLine !== undefined ? `line ${statement.startLine}` : '';

/** Runs the official Argdown parser, loaded on first use so it stays out of the first page load. */
async function parseWithArgdown(text: string, strict = false): Promise<ParseOutcome> {
  let core: Pick<
    typeof import('@argdown/core'),
    | 'ArgdownApplication'
    | 'ParserPlugin'
    | 'DataPlugin'
    | 'ModelPlugin'
    | 'FrontMatterSettingsModes'
  >;
  try {
    // Destructured at the import so that the bundler keeps only these exports (the package
    // also exports renderers that bundle Graphviz as WebAssembly).
    const { ArgdownApplication, ParserPlugin, DataPlugin, ModelPlugin, FrontMatterSettingsModes } =
      await import('@argdown/core');
    core = { ArgdownApplication, ParserPlugin, DataPlugin, ModelPlugin, FrontMatterSettingsModes };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      result: importFailure('', `the Argdown parser could not be loaded (${reason})`),
    };
  }
  const silent = { log: () => {}, setLevel: () => {} };
  const app = new core.ArgdownApplication(silent);
  app.addPlugin(new core.ParserPlugin(), 'parse-input');
  // Front matter is data, never settings: a file must not be able to reconfigure the parser.
  app.addPlugin(
    new core.DataPlugin({ frontMatterSettingsMode: core.FrontMatterSettingsModes.IGNORE }),
    'build-model',
  );
  app.addPlugin(new core.ModelPlugin({ removeTagsFromText: true }), 'build-model');
  // Passed in rather than returned, so that syntax errors can be read even when a later stage
  // gives up because the parser produced nothing.
  const response: ReturnType<typeof app.run> = {};
  let crash: string | undefined;
  try {
    // throwExceptions: otherwise the application swallows errors it does not recognise (a YAML
    // error in a data block) and returns a half-built model without saying so.
    app.run(
      {
        input: text,
        process: ['parse-input', 'build-model'],
        throwExceptions: true,
        logExceptions: false,
        // Only the interpretation mode is taken from a file, and only when it asks for strict.
        ...(strict ? { model: { mode: 'strict' as never } } : {}),
      },
      response,
    );
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    crash =
      error instanceof Error && error.name === 'YAMLException'
        ? `a {…} data block or the front matter is not valid YAML (${reason})`
        : error instanceof RangeError
          ? `it is nested too deeply to read (${reason})`
          : reason;
  }
  const syntax: ArgdownSyntaxError[] = [
    ...(response.lexerErrors ?? []),
    ...(response.parserErrors ?? []),
  ];
  if (syntax.length > 0) {
    return {
      ok: false,
      result: importFailures(
        syntax.slice(0, 20).map((e) => {
          const line = e.line ?? e.token?.startLine;
          const column = e.column ?? e.token?.startColumn;
          return {
            path: line !== undefined ? `line ${line}${column ? `, column ${column}` : ''}` : '',
            message: `Argdown syntax error: ${e.message.split('\n')[0] ?? 'unexpected text'}`,
          };
        }),
      ),
    };
  }
  if (crash !== undefined) {
    return {
      ok: false,
      result: importFailure('', `the Argdown text could not be read: ${crash}`),
    };
  }
  return {
    ok: true,
    model: {
      statements: response.statements ?? {},
      arguments: response.arguments ?? {},
      relations: response.relations ?? [],
      sectionCount: response.sections?.length ?? 0,
      frontMatter: response.frontMatter,
    },
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The statement text Argdown treats as canonical: the last definition that has text. */
function canonicalMember(ec: ArgdownStatementClass): ArgdownStatement | undefined {
  for (let i = ec.members.length - 1; i >= 0; i--) {
    const member = ec.members[i]!;
    if (!member.isReference && (member.text ?? '').trim() !== '') return member;
  }
  return undefined;
}

function firstDefinitionLine(ec: ArgdownStatementClass): number {
  const lines = ec.members
    .filter((m) => !m.isReference && m.startLine !== undefined)
    .map((m) => m.startLine!);
  if (lines.length > 0) return Math.min(...lines);
  const any = ec.members.map((m) => m.startLine ?? Infinity);
  return any.length > 0 ? Math.min(...any) : Infinity;
}

interface ReadSources {
  sources: Source[];
  byId: Map<string, Source>;
}

function readFrontMatterSources(frontMatter: unknown, losses: LossLog): ReadSources {
  const sources: Source[] = [];
  const byId = new Map<string, Source>();
  if (!isRecord(frontMatter) || frontMatter.sources === undefined) return { sources, byId };
  if (!Array.isArray(frontMatter.sources)) {
    losses.add('front matter: sources', 'The front matter "sources" is not a list; it was ignored');
    return { sources, byId };
  }
  frontMatter.sources.forEach((raw, i) => {
    const place = `front matter: sources[${i}]`;
    const parsed = sourceSchema.safeParse(raw);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      losses.add(
        place,
        `A source in the front matter is not valid (${first?.path.join('.') || 'source'}: ${first?.message ?? 'invalid'}); it was left out`,
      );
      return;
    }
    if (byId.has(parsed.data.id) || sources.length >= LIMITS.sources) {
      losses.add(place, 'A repeated source id, or a source past the limit, was left out');
      return;
    }
    sources.push(parsed.data);
    byId.set(parsed.data.id, parsed.data);
  });
  return { sources, byId };
}

interface RawQuote {
  id?: unknown;
  quote: unknown;
  speaker: unknown;
  source: unknown;
}

function quotesOf(data: unknown): RawQuote[] {
  if (!isRecord(data)) return [];
  if (Array.isArray(data.quotes)) {
    return data.quotes.map((q) =>
      isRecord(q)
        ? { id: q.id, quote: q.quote ?? q.text, speaker: q.speaker, source: q.source }
        : { quote: q, speaker: undefined, source: undefined },
    );
  }
  if (data.quote !== undefined) {
    return [{ quote: data.quote, speaker: data.speaker, source: data.source }];
  }
  // Anything else under "quotes" is read as one quote without words, which is then reported.
  return data.quotes !== undefined
    ? [{ quote: undefined, speaker: undefined, source: undefined }]
    : [];
}

const KNOWN_DATA_KEYS = new Set([
  'quotes',
  'quote',
  'speaker',
  'source',
  'notes',
  'tags',
  'position',
  'text',
  'isInMap',
]);

/** Reads Argdown text into a map; see the notes at the top of this file for the rules. */
export async function importArgdown(text: string): Promise<ImportResult> {
  if (text.length > LIMITS.fileBytes) {
    return importFailure(
      '',
      `the file is larger than the ${LIMITS.fileBytes / 1024 / 1024} MB limit`,
    );
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return importFailure('', 'the file is empty');
  let parsed = await parseWithArgdown(body);
  if (!parsed.ok) return parsed.result;
  // 'model: mode: strict' makes an attack between two statements a contrary, which Argdown
  // defines as symmetric (they cannot both be true). The front matter is otherwise data, never
  // settings, so this one setting is read here and the file parsed again with it.
  const settings = isRecord(parsed.model.frontMatter) ? parsed.model.frontMatter.model : undefined;
  if (isRecord(settings) && settings.mode === 'strict') {
    parsed = await parseWithArgdown(body, true);
    if (!parsed.ok) return parsed.result;
  }
  const { model } = parsed;
  const losses = new LossLog();
  const frontMatter = isRecord(model.frontMatter) ? model.frontMatter : {};

  const classes = Object.values(model.statements).sort(
    (a, b) => firstDefinitionLine(a) - firstDefinitionLine(b),
  );
  if (classes.length === 0) return importFailure('', 'the file has no Argdown statements');
  if (classes.length > LIMITS.nodes) {
    return importFailure(
      '',
      `the file has ${classes.length.toLocaleString('en-US')} statements; a map may have at most ${LIMITS.nodes.toLocaleString('en-US')}`,
    );
  }

  const map = emptyMap();
  const titleValue = frontMatter.title;
  map.title =
    typeof titleValue === 'string' && titleValue.trim() !== ''
      ? cleanField(titleValue, LIMITS.titleLength, losses, 'front matter: title', 'The title')
      : 'Imported Argdown map';
  const descriptionValue = frontMatter.description ?? frontMatter.abstract;
  if (typeof descriptionValue === 'string') {
    map.description = cleanField(
      descriptionValue,
      LIMITS.descriptionLength,
      losses,
      'front matter: description',
      'The description',
    );
  }

  const { sources, byId: sourceById } = readFrontMatterSources(frontMatter, losses);
  const taken = new Set(sources.map((s) => s.id));
  const quoteSource = new QuoteSource(
    makeId(QUOTE_SOURCE_ID, taken, 'quotes'),
    'Quotes from the Argdown file',
  );

  const clashmapFile = frontMatter.generator === GENERATOR;
  const exactText = (data: unknown): string | undefined =>
    clashmapFile && isRecord(data) && typeof data.text === 'string' && data.text.trim() !== ''
      ? data.text
      : undefined;

  // Statements that a premise–conclusion structure uses: they stay, whatever their data says.
  const inStructure = new Set<string>();
  for (const argument of Object.values(model.arguments))
    for (const statement of argument.pcs ?? [])
      if (statement.title !== undefined) inStructure.add(statement.title);

  // Node ids first, so that relations can be resolved by title.
  const idByTitle = new Map<string, string>();
  const leftOut = new Set<string>();
  for (const ec of classes) {
    const title = ec.title ?? '';
    const id = makeId(title, taken, 'statement');
    idByTitle.set(title, id);
    if (!isValidId(title) && title !== '') {
      losses.add(
        lineOf(ec.members[0]),
        'Statement titles that are not valid ids (letters, digits, "_", ".", ":" or "-", at most 64) were turned into ids',
      );
    }
    if (isRecord(ec.data) && ec.data.isInMap === false) {
      if (inStructure.has(title)) {
        losses.add(
          lineOf(canonicalMember(ec) ?? ec.members[0]),
          'Statements marked {isInMap: false} that are premises or conclusions of an argument were kept as nodes: an argument needs its premises',
        );
      } else {
        leftOut.add(id);
        losses.add(
          lineOf(canonicalMember(ec) ?? ec.members[0]),
          'Statements marked {isInMap: false} were left out, with their relations',
        );
      }
    }
  }

  // Arguments. One with a premise–conclusion structure becomes one argument node per inference
  // step; one without becomes a claim whose text is its description (or title).
  const argumentNodes: MapNode[] = [];
  const pendingEdges: Array<{ from: string; to: string; kind: EdgeKind }> = [];
  const edgeKeys = new Set<string>();
  const addEdge = (from: string, to: string, kind: EdgeKind, place: string) => {
    if (from === to) {
      losses.add(place, 'A statement that supports or attacks itself was left out');
      return;
    }
    const key = `${from}\u0000${to}\u0000${kind}`;
    const reverse = `${to}\u0000${from}\u0000${kind}`;
    if (edgeKeys.has(key) || (relationKind(kind).symmetric && edgeKeys.has(reverse))) return;
    edgeKeys.add(key);
    pendingEdges.push({ from, to, kind });
  };
  /** Argdown argument title → the node that stands for it in relations. */
  const reconstructed = new Map<string, { last: string; conclusion: string }>();
  const described = new Map<string, { id: string; title: string }>();
  const stepOfInference = new Map<object, string>();
  const argumentLineOfNode = new Map<string, number>();
  const argumentsInOrder = Object.values(model.arguments).sort(
    (a, b) => argumentLine(a) - argumentLine(b),
  );
  for (const argument of argumentsInOrder) {
    const title = argument.title ?? '';
    const place = argumentLine(argument) < Infinity ? `line ${argumentLine(argument)}` : '';
    const description = argumentDescription(argument);
    const steps = readSteps(argument, place, losses);
    const untitled = /^Untitled \d+$/.test(title) && (argument.members ?? []).length === 0;
    const shown = untitled ? 'Untitled argument' : title;
    if (steps.length === 0) {
      // No premise–conclusion structure: a claim that keeps the argument's relations.
      const id = makeId(title, taken, 'argument');
      const node: MapNode = {
        id,
        kind: 'claim',
        text: cleanField(
          exactText(argument.data) ?? (description || shown),
          LIMITS.nodeTextLength,
          losses,
          place,
          'Argument text',
        ),
        evidence: [],
      };
      if (!clashmapFile && description !== '') node.notes = `Argdown argument <${title}>`;
      applyData(node, argument.data, argument.tags ?? [], place, sourceById, quoteSource, losses);
      argumentNodes.push(node);
      argumentLineOfNode.set(id, argumentLine(argument));
      described.set(title, { id, title });
      losses.add(
        place,
        'Arguments without a premise–conclusion structure became claims whose text is their description (or title), so that their relations are kept',
      );
      continue;
    }
    let last = '';
    steps.forEach((step, k) => {
      const final = k === steps.length - 1;
      const id = makeId(final ? title : `${title}-${k + 1}`, taken, 'argument');
      let text = final
        ? clashmapFile && description !== ''
          ? description
          : shown
        : `${shown} (step ${k + 1} of ${steps.length})`;
      if (final) text = exactText(argument.data) ?? text;
      const node: MapNode = {
        id,
        kind: 'argument',
        text: cleanField(text, LIMITS.nodeTextLength, losses, place, 'Argument text'),
        evidence: [],
      };
      if (step.scheme !== undefined && step.scheme !== '')
        node.scheme = cleanField(step.scheme, LIMITS.schemeLength, losses, place, 'A scheme');
      if (final) {
        if (!clashmapFile && description !== '')
          node.notes = cleanField(description, LIMITS.notesLength, losses, place, 'Notes');
        applyData(node, argument.data, argument.tags ?? [], place, sourceById, quoteSource, losses);
      }
      argumentNodes.push(node);
      argumentLineOfNode.set(id, argumentLine(argument));
      if (step.inference) stepOfInference.set(step.inference, id);
      for (const premise of step.premises)
        addEdge(idByTitle.get(premise) ?? '', id, 'premise', place);
      addEdge(id, idByTitle.get(step.conclusion) ?? '', 'concludes', place);
      last = id;
    });
    reconstructed.set(title, {
      last,
      conclusion: idByTitle.get(steps[steps.length - 1]!.conclusion) ?? '',
    });
  }

  // Relations, each end resolved to a node: a statement's, a described argument's claim, the
  // conclusion of a reconstructed argument (relations from it), or an inference step's argument.
  const undercutsOfDescribed: Array<{ from: string; target: string; place: string }> = [];
  const claimEnd = (end: ArgdownRelationEnd): string | undefined => {
    if (end.type === 'equivalence-class') return idByTitle.get(end.title ?? '');
    if (end.type === 'argument')
      return described.get(end.title ?? '')?.id ?? reconstructed.get(end.title ?? '')?.conclusion;
    return undefined;
  };
  for (const relation of model.relations) {
    const place = relation.occurrences?.[0]?.startLine
      ? `line ${relation.occurrences[0].startLine}`
      : '';
    const { from, to } = relation;
    if (!from || !to) continue;
    const read = edgeKindOfArgdownRelation(relation.relationType);
    if (read === undefined) {
      losses.add(place, `A "${relation.relationType}" relation is not imported`);
      continue;
    }
    const fromId = claimEnd(from);
    if (fromId === undefined) {
      losses.add(place, 'Relations from an inference are not imported');
      continue;
    }
    // What an argument as a whole is attacked or supported by.
    const whole = to.type === 'argument' ? reconstructed.get(to.title ?? '') : undefined;
    const step = to.type === 'inference' ? stepOfInference.get(to) : undefined;
    if (read.kind === 'undercut') {
      if (step !== undefined || whole !== undefined) {
        addEdge(fromId, step ?? whole!.last, 'undercut', place);
      } else if (to.type === 'argument' && described.has(to.title ?? '')) {
        undercutsOfDescribed.push({
          from: fromId,
          target: described.get(to.title ?? '')!.id,
          place,
        });
      } else {
        losses.add(
          place,
          'Undercuts of a statement are not imported: an undercut attacks an inference',
        );
      }
      continue;
    }
    if (whole !== undefined || step !== undefined) {
      const target = step ?? whole!.last;
      if (relationKind(read.kind).evaluation === 'attacks' && !relationKind(read.kind).symmetric) {
        addEdge(fromId, target, 'undercut', place);
        losses.add(
          place,
          'An attack on a reconstructed argument as a whole (not on one of its premises) became an undercut of its last inference: Argdown does not say which premise it attacks',
        );
      } else {
        losses.add(
          place,
          `A ${relationKind(read.kind).names.noun} of a reconstructed argument as a whole (not of one of its premises) is not imported: Argdown does not say which premise it backs, and Clashmap cannot ${relationKind(read.kind).names.verb.replace(/s$/, '')} an argument`,
        );
      }
      continue;
    }
    const toId = claimEnd(to);
    if (toId === undefined) continue;
    if (
      fromId === toId &&
      from.type === 'equivalence-class' &&
      relation.relationType !== 'attack'
    ) {
      // '[C] <+ <A>' where A concludes C restates the structure: nothing is lost.
      if ([...reconstructed.values()].some((r) => r.conclusion === toId) && read.kind === 'support')
        continue;
    }
    addEdge(fromId, toId, read.kind, place);
    if (relation.relationType === 'contradictory' && !clashmapFile) {
      losses.add(
        place,
        'Contradictions (><) became conflicts (contraries): Clashmap records that the two cannot both be true, not that one of them must be',
      );
    }
  }

  // An undercut of an argument written without a structure attacks its inference to what it
  // supports: that inference becomes a one-premise argument.
  const madeArguments = new Map<string, string[]>();
  const lostUndercuts: Array<{ from: string; target: string }> = [];
  for (const { from, target, place } of undercutsOfDescribed) {
    let made = madeArguments.get(target);
    if (made === undefined) {
      made = [];
      const supports = pendingEdges.filter((e) => e.from === target && e.kind === 'support');
      const claim = argumentNodes.find((n) => n.id === target)!;
      for (const edge of supports) {
        const id = makeId(`${target}-inference`, taken, 'argument');
        argumentNodes.push({ id, kind: 'argument', text: `${claim.id} (inference)`, evidence: [] });
        pendingEdges.splice(pendingEdges.indexOf(edge), 1, {
          from: target,
          to: id,
          kind: 'premise',
        });
        pendingEdges.push({ from: id, to: edge.to, kind: 'concludes' });
        made.push(id);
      }
      madeArguments.set(target, made);
    }
    if (made.length === 0) {
      lostUndercuts.push({ from, target });
      losses.add(
        place,
        'An undercut of an argument that supports nothing is not imported: Clashmap undercuts inferences, and only a support has one',
      );
      continue;
    }
    for (const id of made) addEdge(from, id, 'undercut', place);
    losses.add(
      place,
      'An undercut of an argument without a premise–conclusion structure attacks a one-premise argument made from it and what it supports',
    );
  }

  // The map the author meant keeps the statements marked not-in-map, and the undercuts of
  // attacks (each attack then goes through a claim that an undercut argument concludes: it holds
  // only while its undercutters fall); the map imported has neither.
  const meantNodes: MapNode[] = [];
  const meantEdges = [...pendingEdges];
  for (const { from, target } of lostUndercuts) {
    for (const attack of pendingEdges.filter((e) => e.from === target && e.kind === 'rebuttal')) {
      const step = `${target}\u0000${attack.to}`;
      const holds = `${step}\u0000holds`;
      if (!meantNodes.some((n) => n.id === step)) {
        meantNodes.push(
          { id: step, kind: 'argument', text: step, evidence: [] },
          { id: holds, kind: 'claim', text: holds, evidence: [] },
        );
        meantEdges.splice(meantEdges.indexOf(attack), 1);
        meantEdges.push(
          { from: target, to: step, kind: 'premise' },
          { from: step, to: holds, kind: 'concludes' },
          { from: holds, to: attack.to, kind: 'rebuttal' },
        );
      }
      meantEdges.push({ from, to: step, kind: 'undercut' });
    }
  }
  const keptEdges = pendingEdges.filter((e) => !leftOut.has(e.from) && !leftOut.has(e.to));

  const hasOutgoing = new Set<string>();
  const hasIncoming = new Set<string>();
  for (const edge of keptEdges) {
    hasOutgoing.add(edge.from);
    hasIncoming.add(edge.to);
    // Contraries attack each other: neither end is a position for being attacked.
    if (relationKind(edge.kind).symmetric) {
      hasOutgoing.add(edge.to);
      hasIncoming.add(edge.from);
    }
  }

  const taggedPositions =
    clashmapFile || classes.some((ec) => (ec.tags ?? []).includes('position'));
  if (!taggedPositions && classes.length > 0) {
    losses.add(
      '',
      'No statement is tagged #position, so positions were chosen by structure: statements that others support or attack and that support or attack nothing',
    );
  }

  const statementNodes: MapNode[] = [];
  for (const ec of classes) {
    const id = idByTitle.get(ec.title ?? '')!;
    const member = canonicalMember(ec);
    const place = lineOf(member ?? ec.members[0]);
    const definitions = new Set(
      ec.members.filter((m) => !m.isReference && (m.text ?? '').trim() !== '').map((m) => m.text),
    );
    if (definitions.size > 1) {
      losses.add(
        place,
        'Statements defined with several different texts keep only the last one (Argdown’s canonical text)',
      );
    }
    let nodeText = exactText(ec.data) ?? (member?.text ?? '').trim();
    if (nodeText === '') {
      nodeText = ec.title ?? id;
      losses.add(place, 'Statements that have a title but no text use their title as text');
    }
    const isPosition = taggedPositions
      ? (ec.tags ?? []).includes('position')
      : hasIncoming.has(id) && !hasOutgoing.has(id);

    const node: MapNode = {
      id,
      kind: isPosition ? 'position' : 'claim',
      text: cleanField(nodeText, LIMITS.nodeTextLength, losses, place, 'Statement text'),
      evidence: [],
    };
    applyData(node, ec.data, ec.tags ?? [], place, sourceById, quoteSource, losses);
    statementNodes.push(node);
  }
  // In the order the file defines them (an argument's steps in their order).
  const lineOfNode = new Map<string, number>();
  classes.forEach((ec) => lineOfNode.set(idByTitle.get(ec.title ?? '')!, firstDefinitionLine(ec)));
  for (const [id, line] of argumentLineOfNode) lineOfNode.set(id, line);
  const allNodes = [...statementNodes, ...argumentNodes].sort(
    (a, b) => (lineOfNode.get(a.id) ?? Infinity) - (lineOfNode.get(b.id) ?? Infinity),
  );
  map.nodes = allNodes.filter((n) => !leftOut.has(n.id));
  if (map.nodes.length > LIMITS.nodes) {
    return importFailure(
      '',
      `the file has ${map.nodes.length.toLocaleString('en-US')} statements and inferences; a map may have at most ${LIMITS.nodes.toLocaleString('en-US')}`,
    );
  }

  if (model.sectionCount > 0) {
    losses.add('', 'Headings (Argdown sections) are not kept');
  }

  for (const pending of keptEdges) {
    if (map.edges.length >= LIMITS.edges) {
      losses.add(
        '',
        `Relations past the ${LIMITS.edges.toLocaleString('en-US')} a map may hold were left out`,
      );
      break;
    }
    map.edges.push({ id: makeId(`e${map.edges.length + 1}`, taken, 'e'), ...pending });
  }

  const quoted = quoteSource.source();
  map.sources = quoted ? [...sources, quoted] : sources;
  reportEvaluationChange(
    losses,
    {
      nodes: [...allNodes, ...meantNodes],
      edges: meantEdges.map((e, i) => ({ id: `m${i}`, ...e })),
    },
    map,
    new Set(meantNodes.map((n) => n.id)),
  );
  return finishImport(map, losses);
}

/**
 * The first line of an argument: its first definition (a description, not a reference to it) or
 * its structure's first statement, else its first mention.
 */
function argumentLine(argument: ArgdownArgument): number {
  const members = argument.members ?? [];
  const lines = (own: ArgdownStatement[]) =>
    own.map((m) => m.startLine).filter((n): n is number => n !== undefined);
  const defined = lines([...members.filter((m) => !m.isReference), ...(argument.pcs ?? [])]);
  const any = defined.length > 0 ? defined : lines(members);
  return any.length > 0 ? Math.min(...any) : Infinity;
}

/** An argument's description: its last description with text, as Argdown takes it. */
function argumentDescription(argument: ArgdownArgument): string {
  const members = argument.members ?? [];
  for (let i = members.length - 1; i >= 0; i--) {
    const text = (members[i]!.text ?? '').trim();
    if (text !== '') return text;
  }
  return '';
}

interface Step {
  premises: string[];
  conclusion: string;
  scheme: string | undefined;
  inference: object | undefined;
}

/**
 * The inference steps of a premise–conclusion structure. A step infers the statement under its
 * inference line from the statements named by `{uses: [1, 2]}` (numbered from 1 in the order
 * written), or else from every statement since the previous inference line (so a step's
 * intermediary conclusion is a premise of the next step). The rule names, which Argdown splits
 * at commas, are joined again as the scheme; a Clashmap file's `{scheme: …}` wins.
 */
function readSteps(argument: ArgdownArgument, place: string, losses: LossLog): Step[] {
  const pcs = argument.pcs ?? [];
  const steps: Step[] = [];
  let segmentStart = 0;
  pcs.forEach((statement, i) => {
    const inference = statement.inference;
    if (inference === undefined || i === 0) return;
    const data = isRecord(inference.data) ? inference.data : {};
    let used: number[] | undefined;
    if (data.uses !== undefined) {
      const uses = Array.isArray(data.uses) ? data.uses : [data.uses];
      const valid = uses.filter(
        (n): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= i,
      );
      if (valid.length === uses.length && valid.length > 0) used = valid.map((n) => n - 1);
      else
        losses.add(
          place,
          'An inference’s {uses: […]} that names no statement above it was ignored: it uses every statement since the inference line before it',
        );
    }
    const indices = used ?? Array.from({ length: i - segmentStart }, (_, k) => segmentStart + k);
    const premises = [...new Set(indices.map((k) => pcs[k]!.title ?? ''))].filter(
      (t) => t !== '' && t !== statement.title,
    );
    segmentStart = i;
    if (premises.length === 0 || statement.title === undefined) return;
    const rules = (inference.inferenceRules ?? []).map((r) => r.trim()).filter((r) => r !== '');
    const scheme =
      typeof data.scheme === 'string' && data.scheme.trim() !== ''
        ? data.scheme
        : rules.length > 0
          ? rules.join(', ')
          : undefined;
    const other = Object.keys(data).filter((k) => k !== 'uses' && k !== 'scheme');
    if (other.length > 0) losses.add(place, 'Inference data other than {uses: […]} is not kept');
    steps.push({ premises, conclusion: statement.title, scheme, inference });
  });
  const used = new Set(steps.flatMap((step) => [...step.premises, step.conclusion]));
  if (pcs.some((statement) => statement.title !== undefined && !used.has(statement.title)))
    losses.add(
      place,
      'Premises that no inference uses (its {uses: […]} leaves them out) are kept as claims but not linked to the argument',
    );
  return steps;
}

/** Reads a statement's or argument's tags and data (notes, tags, position, quotes) into `node`. */
function applyData(
  node: MapNode,
  data: unknown,
  argdownTags: string[],
  place: string,
  sourceById: Map<string, Source>,
  quoteSource: QuoteSource,
  losses: LossLog,
): void {
  let tags = argdownTags.filter((t) => t !== 'position');
  if (data !== undefined && !isRecord(data)) {
    losses.add(place, 'Statement data that is not a set of named fields was ignored');
  }
  if (isRecord(data)) {
    const unknown = Object.keys(data).filter((k) => !KNOWN_DATA_KEYS.has(k));
    if (unknown.length > 0) {
      losses.add(
        place,
        'Statement data fields other than quotes, quote, speaker, source, notes, tags and position are not kept',
      );
    }
    if (typeof data.notes === 'string') {
      const notes = cleanField(data.notes, LIMITS.notesLength, losses, place, 'Notes');
      node.notes = node.notes !== undefined ? `${node.notes}\n\n${notes}` : notes;
    }
    if (Array.isArray(data.tags)) {
      tags = data.tags.filter((t): t is string => typeof t === 'string');
      if (data.tags.length === 0) node.tags = [];
    }
    const position = readPosition(data.position);
    if (position) node.position = position;
    else if (data.position !== undefined) {
      losses.add(place, 'A canvas position that is not {x, y} within range was ignored');
    }
    for (const raw of quotesOf(data)) {
      const evidence = readQuote(raw, place, sourceById, quoteSource, losses);
      if (!evidence) continue;
      if (node.evidence.length >= LIMITS.evidencePerNode) {
        losses.add(
          place,
          `Quotes past the ${LIMITS.evidencePerNode} a node may hold were left out`,
        );
        break;
      }
      node.evidence.push(evidence);
    }
  }
  const cleanTags = tags
    .map((t) => cleanField(t, LIMITS.tagLength, losses, place, 'A tag'))
    .filter((t) => t !== '');
  if (cleanTags.length > LIMITS.tagsPerNode) {
    losses.add(place, `Tags past the ${LIMITS.tagsPerNode} a node may have were left out`);
  }
  if (cleanTags.length > 0) node.tags = cleanTags.slice(0, LIMITS.tagsPerNode);
}

function readPosition(value: unknown): Point | undefined {
  if (!isRecord(value)) return undefined;
  const { x, y } = value;
  const ok = (n: unknown): n is number =>
    typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= LIMITS.coordinate;
  return ok(x) && ok(y) ? { x, y } : undefined;
}

function readQuote(
  raw: RawQuote,
  place: string,
  sourceById: Map<string, Source>,
  quoteSource: QuoteSource,
  losses: LossLog,
): Evidence | null {
  const evidence = readQuoteWords(raw, place, sourceById, quoteSource, losses);
  // A quote keeps the id it was written with (Clashmap's own export writes it), when valid;
  // finishImport numbers the others and any repeat.
  return evidence && typeof raw.id === 'string' && isValidId(raw.id)
    ? { ...evidence, id: raw.id }
    : evidence;
}

function readQuoteWords(
  raw: RawQuote,
  place: string,
  sourceById: Map<string, Source>,
  quoteSource: QuoteSource,
  losses: LossLog,
): Evidence | null {
  if (typeof raw.quote !== 'string' || raw.quote.trim() === '') {
    losses.add(place, 'Quotes without quoted words were left out');
    return null;
  }
  const quote = cleanField(raw.quote, LIMITS.quoteLength, losses, place, 'A quote');
  let speaker = typeof raw.speaker === 'string' ? raw.speaker : '';
  if (speaker.trim() === '') {
    speaker = 'Unknown speaker';
    losses.add(place, 'Quotes without a speaker are attributed to "Unknown speaker"');
  }
  speaker = cleanField(speaker, LIMITS.speakerLength, losses, place, 'A speaker');
  const source = typeof raw.source === 'string' ? sourceById.get(raw.source) : undefined;
  if (source?.text !== undefined) {
    const span = anchorQuote(source.text, quote);
    if (span) return { id: PENDING_QUOTE_ID, sourceId: source.id, quote, ...span, speaker };
    losses.add(
      place,
      'Quotes that are not found word for word in their source text were kept in a source made of the quotes themselves',
    );
  } else {
    losses.add(
      place,
      'Quotes whose source text is not in the file were kept in a source made of the quotes themselves',
    );
  }
  const evidence = quoteSource.quote(quote, speaker);
  if (!evidence) losses.add(place, 'Quotes past the longest source text allowed were left out');
  return evidence;
}
