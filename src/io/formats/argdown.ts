// NOTE TO THE HELPER WORKING ON THIS FILE: first read /tmp/wt-argdown16/HELPER-RULES.md (the model you build on, the shared loss-report helper you own in shared.ts, the working rules, CPU limits and your 09:55 UTC deadline). Delete this line and that file in your last commit.
import type { Edge, EdgeKind } from '../../model/edge';
import {
  argdownFormOf,
  edgeKindOfArgdownRelation,
  endpointsAllowed,
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
 *
 * Every node is one statement whose title is its id, defined once, in map order; each edge is
 * written once, under its target. Positions carry the tag #position; other tags are written as
 * #(tag), and when one of them cannot be (a ")" in it, say) the data holds the whole list. The
 * statement's YAML data holds what Argdown has no syntax for: `quotes` (quote, speaker, source
 * id), `notes`, `tags` and the canvas `position`. The front matter holds the sources with their full text, so quotes can be
 * found again on import; their offsets are not written.
 *
 * Import (with the official parser, @argdown/core, loaded only when an import runs):
 * - every statement becomes a node; its title becomes its id when it is a valid id;
 * - support and entails become support edges; attack and contrary become rebuttals, and a
 *   contradiction (><) becomes a rebuttal each way;
 * - positions: when any statement is tagged #position (or the file says Clashmap wrote it),
 *   exactly the tagged statements; otherwise the top-level conclusions, i.e. statements that
 *   something supports or attacks and that themselves support or attack nothing;
 * - quotes come from the data (`quotes: [{quote, speaker, source}]`, or `quote`/`speaker`/
 *   `source` for a single one) and are found again in their source's text; quotes whose source
 *   text is missing go into a source made of the quotes themselves;
 * - arguments (<A>), undercuts (_>) and relations that involve arguments are not imported, and
 *   each is reported as a loss.
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
  for (const edge of map.edges) incoming.get(edge.to)?.push(edge);

  map.nodes.forEach((node, i) => {
    const path = `nodes[${i}]`;
    const text = normalizeStatementText(node.text);
    if (text !== node.text) {
      losses.add(
        `${path}.text`,
        'Line breaks, tabs and repeated spaces in node text become single spaces in Argdown',
      );
    }
    const tags = node.kind === 'position' ? ['#position'] : [];
    for (const tag of node.tags ?? []) if (isArgdownTag(tag)) tags.push(`#(${tag})`);
    const data: Record<string, unknown> = {};
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

    let line = `[${node.id}]: ${escapeArgdownText(text)}`;
    if (tags.length > 0) line += ` ${tags.join(' ')}`;
    if (Object.keys(data).length > 0) line += ` ${argdownJson(data)}`;
    lines.push(line);
    for (const edge of incoming.get(node.id) ?? []) {
      const form = argdownFormOf(edge.kind);
      lines.push(`  ${form.sign} [${edge.from}]`);
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
interface ArgdownRelation {
  from?: ArgdownRelationEnd;
  to?: ArgdownRelationEnd;
  relationType: string;
  occurrences?: Array<{ startLine?: number }>;
}
interface ArgdownArgument {
  title?: string;
  startLine?: number;
  members?: ArgdownStatement[];
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
async function parseWithArgdown(text: string): Promise<ParseOutcome> {
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
  const parsed = await parseWithArgdown(body);
  if (!parsed.ok) return parsed.result;
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

  // Node ids first, so that relations can be resolved by title.
  const idByTitle = new Map<string, string>();
  for (const ec of classes) {
    const title = ec.title ?? '';
    idByTitle.set(title, makeId(title, taken, 'statement'));
    if (!isValidId(title) && title !== '') {
      losses.add(
        lineOf(ec.members[0]),
        'Statement titles that are not valid ids (letters, digits, "_", ".", ":" or "-", at most 64) were turned into ids',
      );
    }
  }

  // Relations: what becomes an edge, and which statements have outgoing relations.
  const edgeKeys = new Set<string>();
  const pendingEdges: Array<{ from: string; to: string; kind: EdgeKind }> = [];
  const hasOutgoing = new Set<string>();
  const hasIncoming = new Set<string>();
  const addEdge = (from: string, to: string, kind: EdgeKind, place: string) => {
    if (from === to) {
      losses.add(place, 'A statement that supports or attacks itself was left out');
      return;
    }
    const key = `${from}\u0000${to}\u0000${kind}`;
    if (edgeKeys.has(key)) return;
    edgeKeys.add(key);
    pendingEdges.push({ from, to, kind });
    hasOutgoing.add(from);
    hasIncoming.add(to);
    // Contraries attack each other: neither end is a position for being attacked.
    if (relationKind(kind).symmetric) {
      hasOutgoing.add(to);
      hasIncoming.add(from);
    }
  };
  for (const relation of model.relations) {
    const place = relation.occurrences?.[0]?.startLine
      ? `line ${relation.occurrences[0].startLine}`
      : '';
    const from = relation.from;
    const to = relation.to;
    if (!from || !to) continue;
    if (from.type !== 'equivalence-class' || to.type !== 'equivalence-class') {
      losses.add(
        place,
        'Relations to or from arguments (<Argument>) and inferences are not imported: Clashmap links statements only',
      );
      continue;
    }
    const fromId = idByTitle.get(from.title ?? '');
    const toId = idByTitle.get(to.title ?? '');
    if (fromId === undefined || toId === undefined) continue;
    const read = edgeKindOfArgdownRelation(relation.relationType);
    if (read !== undefined && endpointsAllowed(read.kind, 'claim', 'claim')) {
      addEdge(fromId, toId, read.kind, place);
      if (read.bothWays) {
        addEdge(toId, fromId, read.kind, place);
        losses.add(
          place,
          `A contradiction (><) became two ${relationKind(read.kind).names.plural}, one each way: Clashmap has no contradiction link`,
        );
      }
      continue;
    }
    switch (relation.relationType) {
      case 'undercut':
        losses.add(
          place,
          'Undercuts (_>) are not imported: they attack an inference, and Clashmap has no inferences',
        );
        break;
      default:
        losses.add(place, `A "${relation.relationType}" relation is not imported`);
    }
  }

  const taggedPositions =
    frontMatter.generator === GENERATOR ||
    classes.some((ec) => (ec.tags ?? []).includes('position'));
  if (!taggedPositions && classes.length > 0) {
    losses.add(
      '',
      'No statement is tagged #position, so positions were chosen by structure: statements that others support or attack and that support or attack nothing',
    );
  }

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
    let nodeText = (member?.text ?? '').trim();
    if (nodeText === '') {
      nodeText = ec.title ?? id;
      losses.add(place, 'Statements that have a title but no text use their title as text');
    }
    let tags = (ec.tags ?? []).filter((t) => t !== 'position');
    const isPosition = taggedPositions
      ? (ec.tags ?? []).includes('position')
      : hasIncoming.has(id) && !hasOutgoing.has(id);

    const node: MapNode = {
      id,
      kind: isPosition ? 'position' : 'claim',
      text: cleanField(nodeText, LIMITS.nodeTextLength, losses, place, 'Statement text'),
      evidence: [],
    };

    const data = ec.data;
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
        node.notes = cleanField(data.notes, LIMITS.notesLength, losses, place, 'Notes');
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
    map.nodes.push(node);
  }

  for (const argument of Object.values(model.arguments)) {
    losses.add(
      argument.startLine !== undefined
        ? `line ${argument.startLine}`
        : lineOf(argument.members?.[0]),
      'Arguments (<Argument>) and their premise–conclusion structures are not imported: Clashmap maps statements, not arguments',
    );
  }
  if (model.sectionCount > 0) {
    losses.add('', 'Headings (Argdown sections) are not kept');
  }

  for (const pending of pendingEdges) {
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
  return finishImport(map, losses);
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
