import { z } from '../../model/zod';
import type { EdgeKind } from '../../model/edge';
import {
  aifSchemeForm,
  edgeKindOfAifNode,
  relationKind,
  type AifSchemeNode,
} from '../../model/relations/registry';
import type { Evidence } from '../../model/evidence';
import { formatPath, type Issue } from '../../model/issue';
import { LIMITS } from '../../model/limits';
import { emptyMap, type ClashMap } from '../../model/map';
import type { InferenceNode, MapNode } from '../../model/node';
import type { Source } from '../../model/source';
import {
  cleanField,
  cleanText,
  evaluationChangeNote,
  finishImport,
  importFailure,
  importFailures,
  LossLog,
  makeId,
  PENDING_QUOTE_ID,
  plural,
  readImportJson,
  QuoteSource,
  reportEvaluationChange,
  reportRoundLosses,
} from './shared';
import { STANDING_UNCHANGED, STANDING_UNKNOWN } from './standing';
import type { ExportResult, ImportResult } from './types';

/*
 * AIF (Argument Interchange Format) JSON as AIFdb and OVA exchange it. The shape followed here
 * is the one AIFdb serves and OVA3 loads (arg-tech/OVA3, res/js/ova-save.js: `loaddbjson` reads
 * top-level `nodes` [{nodeID, text, type}], `edges` [{edgeID, fromID, toID}], `participants`
 * [{participantID, firstname, surname}] and `locutions` [{nodeID, personID, …}], with L-node
 * texts "Speaker : words"; `genjson` writes the same arrays wrapped in {"AIF": …}), with the
 * `timestamp` on nodes and `formEdgeID: null` on edges that AIFdb includes. AIFdb writes ids as
 * strings; numbers are accepted too.
 *
 * Export:
 * - every claim and position becomes an I-node (its id is the nodeID); every support edge an
 *   RA-node ("Default Inference") and every rebuttal a CA-node ("Default Conflict"), linked
 *   I(from) → RA/CA → I(to); Clashmap's other kinds are RA/CA-nodes named after the kind;
 * - an argument is one RA-node (its id is the nodeID) named by its scheme, with its `scheme`
 *   field when it has one: every premise links into it, it links to its conclusion, and an
 *   undercut is a CA-node ("Undercut") from the undercutter to the RA-node;
 * - a contrary is two CA-nodes named "Contrary", one each way: AIF's symmetric conflict;
 * - every quote becomes an L-node ("Speaker: quote") linked by a YA-node ("Asserting") to the
 *   I-node it grounds, with a locution naming the speaker as a participant (first word as
 *   first name, the rest as surname);
 * - AIF has no title, no positions, no names for inferences and no layout, so a `clashmap`
 *   field (ignored by other AIF tools) keeps the title, description, which I-nodes are
 *   positions, each argument's name and notes, and the canvas positions.
 *
 * Import:
 * - I-nodes become claims and positions. An RA-node with one premise and one conclusion, no
 *   scheme ("Default Inference") and no undercut is a support edge; any other RA-node (linked
 *   premises, a named scheme, undercut) is an argument, one per conclusion;
 * - a CA-node aimed at an I-node is a rebuttal, at an RA-node an undercut of its argument; two
 *   CA-nodes between the same propositions, one each way, or one named "Contrary",
 *   "Contradiction" and the like, are one contrary (in files Clashmap did not write);
 * - positions: those the `clashmap` field lists when it is there; otherwise I-nodes that are
 *   the conclusion or target of something and the premise of nothing;
 * - L-nodes that assert an I-node (L → YA → I) become quotes on it, said by the locution's
 *   participant (or the personID when it is a name and no participant is listed, or the
 *   "Speaker:" before the words). OVA3/xAIF files carry the analysed text (top-level `text`,
 *   HTML with each locution in a `<span id="nodeN">`): it becomes a source, and each quote is
 *   anchored at its locution's span. Without it, the quotes are kept in one source made of the
 *   quoted words, which the import reports;
 * - OVA's layout (x, y in the `OVA` block or on the nodes) becomes node positions;
 * - MA (rephrase, evaluation …), PA (preference) and TA (dialogue transition) nodes and attacks
 *   on attacks are not imported; each is reported, with whether it changes which claims stand.
 */

/** The name of the field in which Clashmap keeps what AIF cannot say. */
export const AIF_EXTENSION_KEY = 'clashmap';
const QUOTE_SOURCE_ID = 'aif-locutions';

/** Options for exportAif. */
export interface AifExportOptions {
  /** The time stamped on every node and locution; now by default. */
  now?: Date;
}

/** "2025-05-06 14:03:00" (UTC), the way AIFdb writes timestamps. */
const aifTimestamp = (date: Date) => date.toISOString().slice(0, 19).replace('T', ' ');

/** Splits a speaker into AIF's first name and surname: the first word, then the rest. */
function splitName(speaker: string): { firstname: string; surname: string } {
  const at = speaker.indexOf(' ');
  return at === -1
    ? { firstname: speaker, surname: '' }
    : { firstname: speaker.slice(0, at), surname: speaker.slice(at + 1) };
}

/** The map as AIF JSON (pretty-printed), with what AIF could not hold. */
export function exportAif(map: ClashMap, options: AifExportOptions = {}): ExportResult {
  const losses = new LossLog();
  reportRoundLosses(map, losses, 'AIF');
  const timestamp = aifTimestamp(options.now ?? new Date());
  const taken = new Set<string>([
    ...map.sources.map((s) => s.id),
    ...map.nodes.map((n) => n.id),
    ...map.edges.map((e) => e.id),
  ]);
  const nodes: Array<{
    nodeID: string;
    text: string;
    type: string;
    timestamp: string;
    scheme?: string;
  }> = [];
  const edges: Array<{ edgeID: string; fromID: string; toID: string; formEdgeID: null }> = [];
  const locutions: Array<Record<string, string | null>> = [];
  const participants: Array<{ participantID: string; firstname: string; surname: string }> = [];
  const participantBySpeaker = new Map<string, string>();
  const argumentNames: Array<{ id: string; text: string; notes?: string }> = [];
  const link = (fromID: string, toID: string) =>
    edges.push({ edgeID: String(edges.length + 1), fromID, toID, formEdgeID: null });

  map.nodes.forEach((node, i) => {
    if (node.kind === 'argument') {
      // An argument is AIF's own inference node (RA), named by its scheme; its premises link
      // into it and it links to its conclusion. Its own name and notes go in the extension.
      nodes.push({
        nodeID: node.id,
        text: node.scheme ?? aifSchemeForm('support')!.scheme,
        type: 'RA',
        timestamp,
        ...(node.scheme !== undefined ? { scheme: node.scheme } : {}),
      });
      argumentNames.push({
        id: node.id,
        text: node.text,
        ...(node.notes !== undefined ? { notes: node.notes } : {}),
      });
    } else {
      nodes.push({ nodeID: node.id, text: node.text, type: 'I', timestamp });
      if (node.notes !== undefined)
        losses.add(`nodes[${i}].notes`, 'Node notes have no place in AIF');
    }
    if (node.tags !== undefined && node.tags.length > 0)
      losses.add(`nodes[${i}].tags`, 'Node tags have no place in AIF');
    if (node.kind === 'position') {
      losses.add(
        `nodes[${i}]`,
        'AIF has no positions: Clashmap lists them in its own "clashmap" field, and other AIF tools see ordinary propositions',
      );
    }
  });
  map.edges.forEach((edge, i) => {
    const aif = aifSchemeForm(edge.kind);
    if (aif === undefined) {
      // A premise runs into its argument's RA node, a conclusion out of it.
      link(edge.from, edge.to);
      return;
    }
    const scheme = edge.id;
    nodes.push({ nodeID: scheme, text: aif.scheme, type: aif.node, timestamp });
    // AIF's own forms: a CA-node aimed at an RA-node is an undercut, and two CA-nodes, one each
    // way, a symmetric conflict; other kinds are Clashmap's names on an ordinary scheme node.
    const ownForm = edge.kind === 'undercut' || relationKind(edge.kind).symmetric;
    if (!ownForm && edgeKindOfAifNode(aif.node) !== edge.kind) {
      const { names } = relationKind(edge.kind);
      losses.add(
        `edges[${i}]`,
        `A ${names.noun} is written as an ${aif.node} node named "${aif.scheme}": Clashmap reads it back as a ${names.noun}, other AIF tools as an ordinary ${aif.node === 'CA' ? 'conflict' : 'inference'}`,
      );
    }
    link(edge.from, scheme);
    link(scheme, edge.to);
    if (relationKind(edge.kind).symmetric) {
      const back = makeId(`${edge.id}.back`, taken, 'CA');
      nodes.push({ nodeID: back, text: aif.scheme, type: aif.node, timestamp });
      link(edge.to, back);
      link(back, edge.from);
    }
    if (edge.note !== undefined) losses.add(`edges[${i}].note`, 'Edge notes have no place in AIF');
  });
  map.nodes.forEach((node, i) => {
    node.evidence.forEach((evidence, j) => {
      const lNode = makeId(`${node.id}.L${j + 1}`, taken, 'L');
      const yaNode = makeId(`${node.id}.YA${j + 1}`, taken, 'YA');
      let personID = participantBySpeaker.get(evidence.speaker);
      if (personID === undefined) {
        personID = String(participants.length + 1);
        participantBySpeaker.set(evidence.speaker, personID);
        participants.push({ participantID: personID, ...splitName(evidence.speaker) });
      }
      nodes.push({
        nodeID: lNode,
        text: `${evidence.speaker}: ${evidence.quote}`,
        type: 'L',
        timestamp,
      });
      nodes.push({ nodeID: yaNode, text: 'Asserting', type: 'YA', timestamp });
      link(lNode, yaNode);
      link(yaNode, node.id);
      locutions.push({ nodeID: lNode, personID, timestamp, start: null, end: null, source: null });
      losses.add(
        `nodes[${i}].evidence[${j}]`,
        'Quote sources and offsets are not kept: AIF records who said what (L-nodes and participants), not where it was written',
      );
    });
  });
  map.sources.forEach((_, i) =>
    losses.add(
      `sources[${i}]`,
      'Sources (title, author, publisher, date, address and text) have no place in AIF',
    ),
  );

  const extension = {
    title: map.title,
    ...(map.description !== undefined ? { description: map.description } : {}),
    positions: map.nodes.filter((n) => n.kind === 'position').map((n) => n.id),
    ...(argumentNames.length > 0 ? { arguments: argumentNames } : {}),
    // AIF has no layout of its own (OVA keeps one beside it): Clashmap keeps its canvas here.
    ...(map.nodes.some((n) => n.position)
      ? {
          layout: map.nodes.flatMap((n) =>
            n.position ? [{ id: n.id, x: n.position.x, y: n.position.y }] : [],
          ),
        }
      : {}),
  };
  const document = { nodes, edges, locutions, participants, [AIF_EXTENSION_KEY]: extension };
  const value = `${JSON.stringify(document, null, 2)}\n`;
  if (losses.list().length > 0) {
    // Whether any of it matters to the labels: read the file back and compare.
    const back = readAif(value);
    if (back.ok) reportEvaluationChange(losses, map, back.value);
    else losses.add('', `${STANDING_UNKNOWN}: the AIF file could not be read back`);
  }
  return { ok: true, value, losses: losses.list() };
}

// ---------------------------------------------------------------------------------------------
// Import

const aifId = z.union(
  [z.string().check(z.minLength(1, { error: 'must not be empty' })), z.number()],
  {
    error: 'must be text or a number',
  },
);

const aifNodeSchema = z.looseObject({
  nodeID: aifId,
  text: z.nullish(z.string({ error: 'must be text' })),
  type: z.string({ error: 'must be text such as "I", "RA" or "CA"' }),
});
const aifEdgeSchema = z.looseObject({ fromID: aifId, toID: aifId });
const aifLocutionSchema = z.looseObject({ nodeID: aifId, personID: z.nullish(aifId) });
const aifParticipantSchema = z.looseObject({
  participantID: aifId,
  firstname: z.nullish(z.string({ error: 'must be text' })),
  surname: z.nullish(z.string({ error: 'must be text' })),
});
const aifDocumentSchema = z.looseObject({
  nodes: z.array(aifNodeSchema, { error: 'must be a list of nodes' }),
  edges: z.array(aifEdgeSchema, { error: 'must be a list of edges' }),
  locutions: z.nullish(z.array(aifLocutionSchema, { error: 'must be a list' })),
  participants: z.nullish(z.array(aifParticipantSchema, { error: 'must be a list' })),
  [AIF_EXTENSION_KEY]: z.optional(z.unknown()),
});

const extensionSchema = z.looseObject({
  title: z.optional(z.string()),
  description: z.optional(z.string()),
  positions: z.optional(z.array(aifId)),
  layout: z.optional(z.array(z.looseObject({ id: aifId, x: z.number(), y: z.number() }))),
  arguments: z.optional(
    z.array(z.looseObject({ id: aifId, text: z.string(), notes: z.optional(z.string()) })),
  ),
});

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function zodIssues(
  issues: readonly z.core.$ZodIssue[],
  body: unknown,
  prefix: PropertyKey[],
): Issue[] {
  return issues.slice(0, 50).map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    message: valueAt(body, issue.path) === undefined ? 'is missing' : issue.message,
  }));
}

/** Pulls "Speaker: words" (or AIFdb's "Speaker : words") apart. */
function splitLocutionText(text: string, speaker: string | undefined) {
  if (speaker !== undefined) {
    for (const prefix of [`${speaker} : `, `${speaker}: `, `${speaker} :`, `${speaker}:`]) {
      if (text.startsWith(prefix)) return { speaker, words: text.slice(prefix.length).trim() };
    }
    return { speaker, words: text.trim() };
  }
  const match = /^([^:\n]{1,120}?)\s?:\s+([\s\S]+)$/.exec(text);
  if (match) return { speaker: match[1]!.trim(), words: match[2]!.trim() };
  return { speaker: undefined, words: text.trim() };
}

// How loss messages speak of each scheme node type a relation kind is written as.
// ---------------------------------------------------------------------------------------------
// Which claims stand: every loss line says whether what was lost changes it.

// ---------------------------------------------------------------------------------------------
// The analysed text of an OVA3/xAIF file

/** Plain text read from OVA's HTML, and where each locution's `<span id="nodeN">` lies in it. */
export interface AnalysedText {
  text: string;
  /** By L-node id ("5_1731…" for `id="node5_1731…"`): the span's start and end in `text`. */
  anchors: Map<string, { start: number; end: number }>;
}

// A tag's name, read where a '<' is (sticky).
const TAG_NAME = /<(\/?)([A-Za-z][A-Za-z0-9-]*)/y;
const HTML_ENTITY = /&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/g;
const NAMED_ENTITIES = new Map([
  ['nbsp', ' '],
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['ndash', '–'],
  ['mdash', '—'],
  ['hellip', '…'],
  ['lsquo', '‘'],
  ['rsquo', '’'],
  ['ldquo', '“'],
  ['rdquo', '”'],
]);
const BLOCK_TAGS = new Set([
  'div',
  'p',
  'li',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
]);
const SPAN_ID = /\bid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;

function decodeEntities(text: string): string {
  return text.replace(HTML_ENTITY, (all, name: string) => {
    if (name.startsWith('#')) {
      const hex = name[1] === 'x' || name[1] === 'X';
      const code = Number.parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
      const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
      return valid ? String.fromCodePoint(code) : all;
    }
    return NAMED_ENTITIES.get(name.toLowerCase()) ?? all;
  });
}

/**
 * Reads the top-level `text` of an OVA3 file (the analysed text as HTML, each locution wrapped
 * in `<span id="nodeN">`) as plain text with the spans' places. It is a small tokenizer, not an
 * HTML parser: tags are dropped (a `<br>` or a new block is a line break), entities decoded,
 * script and style content left out, and nothing is ever run or rendered.
 */
export function readAnalysedText(html: string): AnalysedText {
  let text = '';
  const anchors = new Map<string, { start: number; end: number }>();
  const open: Array<{ id: string | undefined; start: number }> = [];
  let lower: string | undefined; // made once, for finding </script> and </style>
  const append = (raw: string) => {
    if (raw !== '') text += cleanText(decodeEntities(raw), Number.MAX_SAFE_INTEGER).text;
  };
  const newLine = () => {
    if (text !== '' && !text.endsWith('\n')) text += '\n';
  };
  // One pass, each character read once or twice: no regular expression that can backtrack
  // over the whole text, so a hostile file cannot stall the import.
  let from = 0; // where the text not yet appended starts
  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf('<', at);
    if (lt === -1) break;
    if (html.startsWith('<!--', lt)) {
      append(html.slice(from, lt));
      const end = html.indexOf('-->', lt + 4);
      at = from = end === -1 ? html.length : end + 3;
      continue;
    }
    TAG_NAME.lastIndex = lt;
    const tag = TAG_NAME.exec(html);
    if (tag === null) {
      at = lt + 1; // a '<' that starts no tag is text
      continue;
    }
    // The tag ends at the first '>' outside quotes; an unended tag takes the rest, as browsers do.
    let end = TAG_NAME.lastIndex;
    let quote = '';
    for (; end < html.length; end++) {
      const c = html[end]!;
      if (quote !== '') {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '>') break;
    }
    append(html.slice(from, lt));
    at = from = Math.min(end + 1, html.length);
    const name = tag[2]!.toLowerCase();
    const closing = tag[1] === '/';
    if (!closing && (name === 'script' || name === 'style')) {
      lower ??= html.toLowerCase();
      const close = lower.indexOf(`</${name}`, at);
      const after = close === -1 ? -1 : html.indexOf('>', close);
      at = from = after === -1 ? html.length : after + 1;
      continue;
    }
    if (name === 'br') text += '\n';
    else if (BLOCK_TAGS.has(name) && !closing) newLine();
    else if (name === 'span' && !closing) {
      const id = SPAN_ID.exec(
        html.slice(TAG_NAME.lastIndex, Math.min(end, TAG_NAME.lastIndex + 2000)),
      );
      const value = id ? (id[1] ?? id[2] ?? id[3]) : undefined;
      open.push({ id: value?.startsWith('node') ? value.slice(4) : undefined, start: text.length });
    } else if (name === 'span' && closing) {
      const span = open.pop();
      if (span?.id !== undefined && span.id !== '' && !anchors.has(span.id)) {
        anchors.set(span.id, { start: span.start, end: text.length });
      }
    }
  }
  append(html.slice(from));
  text = text.trimEnd();
  // A quote is the span's words: without the spaces at its edges. The runs of white space are
  // found once, so trimming many spans over the same spaces stays linear.
  const runs: Array<[number, number]> = [];
  for (const match of text.matchAll(/\s+/g))
    runs.push([match.index, match.index + match[0].length]);
  const runAt = (i: number) => {
    let lo = 0;
    let hi = runs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [s, e] = runs[mid]!;
      if (i < s) hi = mid - 1;
      else if (i >= e) lo = mid + 1;
      else return runs[mid];
    }
    return undefined;
  };
  for (const [id, span] of anchors) {
    let { start, end } = span;
    end = Math.min(end, text.length);
    if (start < end) start = Math.min(end, runAt(start)?.[1] ?? start);
    if (end > start) end = Math.max(start, runAt(end - 1)?.[0] ?? end);
    if (end > start) anchors.set(id, { start, end });
    else anchors.delete(id);
  }
  return { text, anchors };
}

// ---------------------------------------------------------------------------------------------
// Import

// How loss messages speak of each scheme node type.
const SCHEME_NODE_WORDS: Record<AifSchemeNode, { what: string; notBetweenPropositions: string }> = {
  RA: {
    what: 'RA-node (inference)',
    notBetweenPropositions: `Inferences that draw on other inferences or conflicts (not propositions) are not imported; ${STANDING_UNKNOWN}`,
  },
  CA: {
    what: 'CA-node (conflict)',
    notBetweenPropositions: `Conflicts aimed at other conflicts or at nodes other than propositions and inferences are not imported; ${STANDING_UNKNOWN}`,
  },
};

const KNOWN_LOSSES: Record<string, string> = {
  PA: `PA-nodes (preferences) are not imported: Clashmap has no preference link; ${STANDING_UNKNOWN}`,
  TA: `TA-nodes (dialogue transitions) are not imported: Clashmap keeps what was said, not the order of the dialogue; ${STANDING_UNCHANGED}`,
};

/** What an MA-node (one proposition restated or reframed as another) is, by its scheme name. */
function maLoss(name: string): string {
  const shown = name === '' ? 'Default Rephrase' : name.slice(0, 40);
  const what =
    shown.toLowerCase() === 'default rephrase'
      ? `MA-nodes (rephrases, "${shown}")`
      : `MA-nodes named "${shown}" (one proposition reframed as another of that kind, not a plain rephrase)`;
  return `${what} are not imported: Clashmap has no link that says one proposition restates another, so each is judged on its own; ${STANDING_UNKNOWN}`;
}

// CA scheme names that say the two propositions exclude each other (a symmetric conflict).
const SYMMETRIC_CONFLICT =
  /\b(contrar(y|ies|iness)|contradict(ion|ory|ories)?|symmetric|mutual(ly)? exclusive|incompatib(le|ility))\b/i;

/** An AIF node's scheme name: its `scheme` field (AIFdb), else its text. */
function schemeNameOf(node: { text?: string | null | undefined; [key: string]: unknown }): string {
  const scheme = node.scheme;
  if (typeof scheme === 'string' && scheme.trim() !== '') return scheme.trim();
  return (node.text ?? '').trim();
}

/** Whether a scheme name is AIF's "no particular scheme". */
const isDefaultScheme = (name: string) =>
  name === '' || /^default (inference|conflict)$/i.test(name);

/** A sentence made to follow a comma. */
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

// OVA draws its boxes smaller than Clashmap's cards: spread its layout to keep them apart.
const OVA_SCALE = 1.6;

/** Reads AIF JSON (AIFdb's, or OVA's {"AIF": …}) into a map; see the notes at the top of this file. */
export async function importAif(text: string): Promise<ImportResult> {
  return Promise.resolve(readAif(text));
}

function readAif(text: string): ImportResult {
  const json = readImportJson(text);
  if (!json.ok) return json.failure;
  const root = json.value;
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    return importFailure('', 'an AIF file holds an object with "nodes" and "edges"');
  }
  let prefix: string[] = [];
  let body: unknown = root;
  for (const key of ['AIF', 'aif']) {
    const inner = (root as Record<string, unknown>)[key];
    if (!('nodes' in root) && inner !== null && typeof inner === 'object') {
      prefix = [key];
      body = inner;
      break;
    }
  }
  const parsed = aifDocumentSchema.safeParse(body);
  if (!parsed.success) return importFailures(zodIssues(parsed.error.issues, body, prefix));
  const doc = parsed.data;
  const at = (...path: PropertyKey[]) => formatPath([...prefix, ...path]);
  const losses = new LossLog();
  const top = root as Record<string, unknown>;

  // Ids are compared as text: AIFdb writes "12", other tools 12.
  const typeById = new Map<string, string>();
  const indexById = new Map<string, number>();
  const problems: Issue[] = [];
  doc.nodes.forEach((node, i) => {
    const id = String(node.nodeID);
    const earlier = indexById.get(id);
    if (earlier !== undefined) {
      problems.push({
        path: at('nodes', i, 'nodeID'),
        message: `repeats the id of ${at('nodes', earlier)}`,
      });
    } else {
      indexById.set(id, i);
      typeById.set(id, node.type.toUpperCase());
    }
  });
  if (problems.length > 0) return importFailures(problems.slice(0, 50));

  const iNodes = doc.nodes
    .map((node, index) => ({ node, index }))
    .filter(({ node }) => node.type.toUpperCase() === 'I');
  if (iNodes.length === 0)
    return importFailure(at('nodes'), 'has no I-nodes (propositions) to import');
  if (iNodes.length > LIMITS.nodes) {
    return importFailure(
      at('nodes'),
      `has ${iNodes.length.toLocaleString('en-US')} I-nodes; a map may have at most ${LIMITS.nodes.toLocaleString('en-US')}`,
    );
  }

  const outgoing = new Map<string, string[]>();
  const incoming = new Map<string, string[]>();
  doc.edges.forEach((edge, i) => {
    const from = String(edge.fromID);
    const to = String(edge.toID);
    if (!typeById.has(from) || !typeById.has(to)) {
      losses.add(
        at('edges', i),
        `Edges that name a node the file does not have were ignored; ${STANDING_UNKNOWN}`,
      );
      return;
    }
    outgoing.set(from, [...(outgoing.get(from) ?? []), to]);
    incoming.set(to, [...(incoming.get(to) ?? []), from]);
  });

  const extension = extensionSchema.safeParse((body as Record<string, unknown>)[AIF_EXTENSION_KEY]);
  const ext = extension.success ? extension.data : undefined;

  const map = emptyMap(
    ext?.title && ext.title.trim() !== ''
      ? cleanField(
          ext.title,
          LIMITS.titleLength,
          losses,
          at(AIF_EXTENSION_KEY, 'title'),
          'The title',
        )
      : 'Imported AIF map',
  );
  if (ext?.description !== undefined) {
    map.description = cleanField(
      ext.description,
      LIMITS.descriptionLength,
      losses,
      at(AIF_EXTENSION_KEY, 'description'),
      'The description',
    );
  }

  const taken = new Set<string>();
  // OVA3 and xAIF keep the analysed text beside the AIF, each locution in a span.
  const analysed =
    prefix.length > 0 && typeof top.text === 'string' ? readAnalysedText(top.text) : undefined;
  let textSource: Source | undefined;
  if (analysed && analysed.text.trim() !== '') {
    let sourceText = analysed.text;
    if (sourceText.length > LIMITS.sourceTextLength) {
      sourceText = sourceText.slice(0, LIMITS.sourceTextLength);
      losses.add(
        'text',
        `The analysed text was longer than ${LIMITS.sourceTextLength.toLocaleString('en-US')} characters and was cut short; ${STANDING_UNCHANGED}`,
      );
    }
    textSource = {
      id: makeId('aif-text', taken, 'text'),
      title: 'Analysed text',
      text: sourceText,
    };
  }
  const quoteSource = new QuoteSource(
    makeId(QUOTE_SOURCE_ID, taken, 'quotes'),
    textSource ? 'Locutions not marked in the analysed text' : 'Locutions from the AIF file',
  );

  // OVA's layout: OVA3 keeps x and y in its own "OVA" block, older files on the nodes.
  const layout = new Map<string, { x: number; y: number }>();
  const placeAt = (id: unknown, x: unknown, y: unknown) => {
    if (typeof x !== 'number' || typeof y !== 'number') return;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    const clamp = (n: number) =>
      Math.max(-LIMITS.coordinate, Math.min(LIMITS.coordinate, Math.round(n * OVA_SCALE)));
    if (typeof id === 'string' || typeof id === 'number')
      layout.set(String(id), { x: clamp(x), y: clamp(y) });
  };
  // Clashmap's own canvas, kept in its field, as it was.
  for (const { id, x, y } of ext?.layout ?? []) {
    if (
      Number.isFinite(x) &&
      Number.isFinite(y) &&
      Math.max(Math.abs(x), Math.abs(y)) <= LIMITS.coordinate
    )
      layout.set(String(id), { x, y });
  }
  for (const node of doc.nodes) placeAt(node.nodeID, node.x, node.y);
  const ova = top.OVA;
  if (
    ova !== null &&
    typeof ova === 'object' &&
    Array.isArray((ova as { nodes?: unknown }).nodes)
  ) {
    for (const entry of (ova as { nodes: unknown[] }).nodes) {
      if (entry !== null && typeof entry === 'object') {
        const { nodeID, x, y } = entry as Record<string, unknown>;
        placeAt(nodeID, x, y);
      }
    }
  }

  const nodeIdOf = new Map<string, string>();
  // Drafts: whether each one is a position is only known once all links are read.
  const nodeByAifId = new Map<string, Omit<MapNode, 'kind'>>();
  for (const { node, index } of iNodes) {
    const aifNodeId = String(node.nodeID);
    const id = makeId(aifNodeId, taken, 'node');
    nodeIdOf.set(aifNodeId, id);
    let nodeText = (node.text ?? '').trim();
    if (nodeText === '') {
      nodeText = '(no text)';
      losses.add(
        at('nodes', index),
        `I-nodes without text are shown as "(no text)"; ${STANDING_UNCHANGED}`,
      );
    }
    const mapNode: Omit<MapNode, 'kind'> = {
      id,
      text: cleanField(
        nodeText,
        LIMITS.nodeTextLength,
        losses,
        at('nodes', index, 'text'),
        'Node text',
      ),
      evidence: [],
    };
    const point = layout.get(aifNodeId);
    if (point) mapNode.position = point;
    nodeByAifId.set(aifNodeId, mapNode);
  }

  const pending: Array<{ from: string; to: string; kind: EdgeKind }> = [];
  const edgeKeys = new Set<string>();
  const addEdge = (from: string, to: string, kind: EdgeKind) => {
    const symmetric = relationKind(kind).symmetric;
    const key = `${from}\u0000${to}\u0000${kind}`;
    const back = `${to}\u0000${from}\u0000${kind}`;
    if (from === to || edgeKeys.has(key) || (symmetric && edgeKeys.has(back))) return;
    edgeKeys.add(key);
    pending.push({ from, to, kind });
  };
  const isI = (id: string) => typeById.get(id) === 'I';
  const arguments_: InferenceNode[] = [];
  const argumentText = new Map<string, { text: string; notes?: string | undefined }>();
  for (const entry of ext?.arguments ?? []) {
    argumentText.set(String(entry.id), { text: entry.text, notes: entry.notes });
  }

  // Conflicts first: an RA-node that something undercuts becomes an argument, whatever else.
  const undercutters = new Map<string, string[]>();
  // CA-nodes aimed at conflicts (attacks on attacks) and PA-nodes that weigh them.
  const contested = new Set<string>();
  for (const node of doc.nodes) {
    const type = node.type.toUpperCase();
    if (type !== 'CA' && type !== 'PA') continue;
    const id = String(node.nodeID);
    for (const target of outgoing.get(id) ?? []) {
      if (typeById.get(target) === 'CA') contested.add(target);
      if (type === 'CA' && typeById.get(target) === 'RA') {
        const attackers = (incoming.get(id) ?? []).filter(isI);
        undercutters.set(target, [...(undercutters.get(target) ?? []), ...attackers]);
      }
    }
  }
  const argumentsOfRa = new Map<string, string[]>();
  // Edges that came from contested conflicts, to say what their loss could change.
  const contestedEdges = new Set<string>();

  doc.nodes.forEach((node, index) => {
    const id = String(node.nodeID);
    const type = node.type.toUpperCase();
    const place = at('nodes', index);
    const premises = incoming.get(id) ?? [];
    const targets = outgoing.get(id) ?? [];
    switch (type) {
      case 'I': {
        for (const to of targets) {
          if (isI(to))
            losses.add(
              place,
              `Direct I-to-I edges (with no RA or CA between) are not imported; ${STANDING_UNKNOWN}`,
            );
        }
        break;
      }
      case 'RA':
      case 'CA': {
        const scheme = schemeNameOf(node);
        let kind = edgeKindOfAifNode(type, node.text ?? undefined);
        if (type === 'CA' && kind === 'rebuttal' && SYMMETRIC_CONFLICT.test(scheme))
          kind = 'contrary';
        const words = SCHEME_NODE_WORDS[type];
        if (kind === undefined) {
          losses.add(place, `${words.what}s are not imported; ${STANDING_UNKNOWN}`);
          break;
        }
        // What arrives from YA (dialogue anchoring), CA (undercuts), PA (preferences) and TA is
        // reported where it starts; here only premises and conclusions count.
        const inputs = premises.filter(
          (p) => !['YA', 'CA', 'PA', 'TA'].includes(typeById.get(p) ?? ''),
        );
        const from = inputs.filter(isI);
        const to = targets.filter(isI);
        const inferences = type === 'CA' ? targets.filter((t) => typeById.get(t) === 'RA') : [];
        const elsewhere = targets.filter((t) => !isI(t) && !inferences.includes(t));
        if (inputs.length > from.length || elsewhere.length > 0) {
          losses.add(place, words.notBetweenPropositions);
        }
        if (from.length === 0 || (to.length === 0 && inferences.length === 0)) {
          if (inputs.length === from.length && elsewhere.length === 0) {
            losses.add(
              place,
              `Each ${words.what} without both a premise and a conclusion was ignored; ${STANDING_UNKNOWN}`,
            );
          }
          break;
        }
        if (type === 'CA') {
          // Undercuts are drawn when their inference's argument exists (see the RA case).
          const conflict = kind === 'undercut' ? 'rebuttal' : kind;
          for (const f of from)
            for (const t of to) {
              addEdge(nodeIdOf.get(f)!, nodeIdOf.get(t)!, conflict);
              if (contested.has(id))
                contestedEdges.add(`${nodeIdOf.get(f)!}\u0000${nodeIdOf.get(t)!}`);
            }
          break;
        }
        if (kind !== 'support') {
          // Clashmap's own inferences (extensions, cross-applications) are edges.
          for (const f of from)
            for (const t of to) addEdge(nodeIdOf.get(f)!, nodeIdOf.get(t)!, kind);
          break;
        }
        const named = isDefaultScheme(scheme) ? undefined : scheme;
        const undercut = undercutters.get(id) ?? [];
        const kept = argumentText.get(id);
        if (from.length === 1 && to.length === 1 && !named && undercut.length === 0 && !kept) {
          addEdge(nodeIdOf.get(from[0]!)!, nodeIdOf.get(to[0]!)!, 'support');
          break;
        }
        // An inference with linked premises, a named scheme or an undercut is an argument; one
        // with several conclusions is one argument per conclusion.
        if (to.length > 1) {
          losses.add(
            place,
            `An RA-node with several conclusions became one argument for each (same premises and scheme); ${STANDING_UNCHANGED}`,
          );
        }
        const made: string[] = [];
        to.forEach((conclusion, k) => {
          if (nodeByAifId.size + arguments_.length >= LIMITS.nodes) {
            losses.add(
              place,
              `Arguments past the ${LIMITS.nodes.toLocaleString('en-US')} nodes a map may hold were left out; ${STANDING_UNKNOWN}`,
            );
            return;
          }
          const argId = makeId(k === 0 ? id : `${id}-${k + 1}`, taken, 'argument');
          const rawText = kept?.text.trim() || (node.text ?? '').trim() || 'Default Inference';
          const argument: InferenceNode = {
            id: argId,
            kind: 'argument',
            text: cleanField(rawText, LIMITS.nodeTextLength, losses, place, 'An inference name'),
            evidence: [],
          };
          if (named !== undefined)
            argument.scheme = cleanField(
              named,
              LIMITS.schemeLength,
              losses,
              place,
              'A scheme name',
            );
          if (kept?.notes !== undefined)
            argument.notes = cleanField(
              kept.notes,
              LIMITS.notesLength,
              losses,
              place,
              'Argument notes',
            );
          const point = layout.get(id);
          if (point) argument.position = point;
          arguments_.push(argument);
          made.push(argId);
          for (const f of from) addEdge(nodeIdOf.get(f)!, argId, 'premise');
          addEdge(argId, nodeIdOf.get(conclusion)!, 'concludes');
        });
        argumentsOfRa.set(id, made);
        break;
      }
      case 'L': {
        // Quotes come from the YA-nodes that link this L-node to the propositions it asserts.
        const asserted = targets.filter((t) => typeById.get(t) === 'YA');
        if (asserted.length === 0) {
          losses.add(
            place,
            `Locutions (L-nodes) that assert no proposition are not imported; ${STANDING_UNCHANGED}`,
          );
        }
        break;
      }
      case 'YA':
        break; // below, once the speakers are known
      case 'MA':
        losses.add(place, maLoss(schemeNameOf(node)));
        break;
      default:
        losses.add(
          place,
          KNOWN_LOSSES[type] ??
            `Nodes of type "${node.type.slice(0, 20)}" are not imported; ${STANDING_UNKNOWN}`,
        );
    }
  });

  // Undercuts: CA → RA, now that the inferences' arguments exist.
  doc.nodes.forEach((node, index) => {
    if (node.type.toUpperCase() !== 'CA') return;
    const id = String(node.nodeID);
    const attackers = (incoming.get(id) ?? []).filter(isI);
    for (const target of outgoing.get(id) ?? []) {
      if (typeById.get(target) !== 'RA' || attackers.length === 0) continue;
      const made = argumentsOfRa.get(target);
      if (made === undefined || made.length === 0) {
        losses.add(
          at('nodes', index),
          `Undercuts of inferences that were not imported (an extension, a cross-application, or an inference without a premise or a conclusion) are left out; ${STANDING_UNKNOWN}`,
        );
        continue;
      }
      for (const a of attackers) for (const arg of made) addEdge(nodeIdOf.get(a)!, arg, 'undercut');
    }
  });

  // Two propositions that attack each other both ways are contraries: one symmetric conflict.
  // (Not in Clashmap's own files: it writes contraries as "Contrary", and keeps two rebuttals.)
  const rebuttals = new Set(
    ext ? [] : pending.filter((e) => e.kind === 'rebuttal').map((e) => `${e.from}\u0000${e.to}`),
  );
  const symmetric: typeof pending = [];
  const paired = new Set<string>();
  for (const edge of pending) {
    const key = `${edge.from}\u0000${edge.to}`;
    if (paired.has(key)) continue; // the second of a pair: its first became the contrary
    if (edge.kind !== 'rebuttal' || !rebuttals.has(`${edge.to}\u0000${edge.from}`)) {
      symmetric.push(edge);
      continue;
    }
    paired.add(`${edge.to}\u0000${edge.from}`);
    const contrary = `${key}\u0000contrary`;
    if (!edgeKeys.has(contrary) && !edgeKeys.has(`${edge.to}\u0000${edge.from}\u0000contrary`)) {
      edgeKeys.add(contrary);
      symmetric.push({ ...edge, kind: 'contrary' });
    }
  }
  pending.splice(0, pending.length, ...symmetric);

  // Speakers: locution → participant, or the name given as the personID itself.
  const participantName = new Map<string, string>();
  for (const p of doc.participants ?? []) {
    const name = [p.firstname ?? '', p.surname ?? ''].filter((s) => s.trim() !== '').join(' ');
    if (name !== '') participantName.set(String(p.participantID), name);
  }
  const speakerOfLocution = new Map<string, string>();
  // Numbers of people the file names nowhere else, for locutions that say no name either.
  const personOfLocution = new Map<string, string>();
  for (const l of doc.locutions ?? []) {
    if (l.personID === null || l.personID === undefined) continue;
    const person = String(l.personID).trim();
    const name =
      participantName.get(person) ??
      // A number names a participant the file does not list; anything else is a name.
      (participantName.size === 0 && person !== '' && !/^\d+$/.test(person) ? person : undefined);
    if (name !== undefined) speakerOfLocution.set(String(l.nodeID), name);
    else if (person !== '') personOfLocution.set(String(l.nodeID), person);
  }

  let anchored = 0;
  doc.nodes.forEach((node, index) => {
    if (node.type.toUpperCase() !== 'YA') return;
    const id = String(node.nodeID);
    const place = at('nodes', index);
    const locutionIds = (incoming.get(id) ?? []).filter((p) => typeById.get(p) === 'L');
    const propositions = (outgoing.get(id) ?? []).filter(isI);
    if (locutionIds.length === 0 || propositions.length === 0) {
      losses.add(
        place,
        `Illocutionary connections (YA-nodes) other than a locution asserting a proposition are not imported; ${STANDING_UNCHANGED}`,
      );
      return;
    }
    const illocution = (node.text ?? '').trim();
    if (illocution !== '' && illocution.toLowerCase() !== 'asserting') {
      losses.add(
        place,
        `Illocutions other than "Asserting" (here "${illocution.slice(0, 40)}") are kept as plain quotes; ${STANDING_UNCHANGED}`,
      );
    }
    for (const lId of locutionIds) {
      const lIndex = indexById.get(lId)!;
      const lNode = doc.nodes[lIndex]!;
      const split = splitLocutionText(lNode.text ?? '', speakerOfLocution.get(lId));
      const lPlace = at('nodes', lIndex);
      const anchor = analysed?.anchors.get(lId);
      const span =
        textSource?.text !== undefined && anchor && anchor.end <= textSource.text.length
          ? textSource.text.slice(anchor.start, anchor.end)
          : undefined;
      if (split.words === '' && span === undefined) {
        losses.add(lPlace, `Locutions without words were left out; ${STANDING_UNCHANGED}`);
        continue;
      }
      let speaker = split.speaker;
      const person = personOfLocution.get(lId);
      if ((speaker === undefined || speaker.trim() === '') && person !== undefined) {
        speaker = `Person ${person.slice(0, 40)}`;
        losses.add(
          lPlace,
          `Locutions whose only speaker is a personID that no participant names are attributed to "Person" and that id; ${STANDING_UNCHANGED}`,
        );
      } else if (speaker === undefined || speaker.trim() === '') {
        speaker = 'Unknown speaker';
        losses.add(
          lPlace,
          `Locutions with no participant or "Speaker:" are attributed to "Unknown speaker"; ${STANDING_UNCHANGED}`,
        );
      }
      const cleanSpeaker = cleanField(speaker, LIMITS.speakerLength, losses, lPlace, 'A speaker');
      let evidence: Evidence | null;
      if (span !== undefined && span.length <= LIMITS.quoteLength && anchor && textSource) {
        evidence = {
          id: PENDING_QUOTE_ID,
          sourceId: textSource.id,
          quote: span,
          start: anchor.start,
          end: anchor.end,
          speaker: cleanSpeaker,
        };
      } else {
        if (textSource) {
          losses.add(
            lPlace,
            `Locutions not marked in the analysed text (no <span id="node…">) are quoted from their own words, in a second source ("${quoteSource.title}"); ${STANDING_UNCHANGED}`,
          );
        }
        const quote = cleanField(split.words, LIMITS.quoteLength, losses, lPlace, 'A locution');
        evidence = quoteSource.quote(quote, cleanSpeaker);
        if (!evidence) {
          losses.add(
            lPlace,
            `Quotes past the longest source text allowed were left out; ${STANDING_UNCHANGED}`,
          );
          continue;
        }
      }
      for (const p of propositions) {
        const target = nodeByAifId.get(p)!;
        if (
          target.evidence.some(
            (e) =>
              e.quote === evidence.quote &&
              e.speaker === evidence.speaker &&
              e.sourceId === evidence.sourceId,
          )
        )
          continue;
        if (target.evidence.length >= LIMITS.evidencePerNode) {
          losses.add(
            lPlace,
            `Quotes past the ${LIMITS.evidencePerNode} a node may hold were left out; ${STANDING_UNCHANGED}`,
          );
          continue;
        }
        target.evidence.push(evidence);
        if (evidence.sourceId === textSource?.id) anchored++;
      }
    }
  });

  // Positions: the extension's list, or the structural rule. A contrary is aimed at both ends,
  // so rival hypotheses that answer nothing else are positions.
  const withIncoming = new Set<string>();
  const withOutgoing = new Set<string>();
  for (const edge of pending) {
    withIncoming.add(edge.to);
    if (edge.kind === 'contrary') withIncoming.add(edge.from);
    else withOutgoing.add(edge.from);
  }
  const listed = ext?.positions ? new Set(ext.positions.map(String)) : undefined;
  if (!listed) {
    losses.add(
      '',
      `AIF does not mark positions, so positions were chosen by structure: propositions that something supports or attacks and that support or attack nothing; ${STANDING_UNCHANGED}`,
    );
  }
  for (const [aifNodeId, node] of nodeByAifId) {
    const isPosition = listed
      ? listed.has(aifNodeId)
      : withIncoming.has(node.id) && !withOutgoing.has(node.id);
    map.nodes.push(isPosition ? { ...node, kind: 'position' } : { ...node, kind: 'claim' });
  }
  map.nodes.push(...arguments_);

  for (const edge of pending) {
    if (map.edges.length >= LIMITS.edges) {
      losses.add(
        '',
        `Links past the ${LIMITS.edges.toLocaleString('en-US')} a map may hold were left out; ${STANDING_UNKNOWN}`,
      );
      break;
    }
    map.edges.push({ id: makeId(`e${map.edges.length + 1}`, taken, 'e'), ...edge });
  }

  // Conflicts that the file attacks or weighs: say whether it matters if they fail.
  if (contested.size > 0) {
    const without = {
      nodes: map.nodes,
      edges: map.edges.filter(
        (e) => e.kind === 'undercut' || !contestedEdges.has(`${e.from}\u0000${e.to}`),
      ),
    };
    losses.add(
      '',
      `Conflicts that other conflicts attack or preferences weigh were kept as if they succeed; compared with their failing, ${lowerFirst(evaluationChangeNote(without, map))}`,
    );
  }

  if (textSource) {
    map.sources.push(textSource);
    if (anchored === 0) {
      losses.add(
        'text',
        `The analysed text marks no locution that asserts a proposition; it is kept as a source without quotes; ${STANDING_UNCHANGED}`,
      );
    }
  }
  const quoted = quoteSource.source();
  if (quoted) {
    map.sources.push(quoted);
    if (!textSource) {
      const count = map.nodes.reduce((n, node) => n + node.evidence.length, 0);
      losses.add(
        '',
        `AIF has no source documents, so the ${plural(count, 'quote')} are kept in one source made of the quoted words ("${quoted.title}"); ${STANDING_UNCHANGED}`,
      );
    }
  }
  return finishImport(map, losses);
}
