import type { NodeKind } from '../node';
import { conclusion } from './concludes';
import { contrary } from './contrary';
import { crossApplication } from './crossApplies';
import { extension } from './extends';
import { premise } from './premise';
import { rebuttal } from './rebuttal';
import { support } from './support';
import { turn } from './turns';
import { undercut } from './undercut';
import type {
  AifSchemeNode,
  EvaluationRole,
  FlowRole,
  PartOfArgument,
  RelationKindSpec,
  WrittenAs,
} from './types';

export type {
  AifSchemeNode,
  BadgeShape,
  EndMarker,
  EvaluationRole,
  FlowRole,
  Offered,
  PartOfArgument,
  RelationKindSpec,
  WrittenAs,
} from './types';

// The one list of relation kinds. Its order is the order the app offers, lists and draws them in
// (toolbar, inspector, legend, presentation steps, layout under a parent). Add a kind here.
const SPECS = {
  support,
  rebuttal,
  extends: extension,
  turns: turn,
  'cross-applies': crossApplication,
  premise,
  concludes: conclusion,
  undercut,
  contrary,
};

/** A relation kind, as written in a Clashmap file. */
export type EdgeKind = keyof typeof SPECS;

/** Every kind's spec by its id; a kind whose spec lacks a field, or has another id, is a type error. */
export type RelationKindMap = { readonly [K in EdgeKind]: RelationKindSpec<K> };

/** The relation kinds by id. */
export const RELATION_KINDS: RelationKindMap = SPECS;

/** Every relation kind, in registry order. */
export const EDGE_KINDS = Object.keys(RELATION_KINDS) as [EdgeKind, ...EdgeKind[]];

/** The spec of a relation kind. */
export function relationKind<K extends EdgeKind>(kind: K): RelationKindSpec<K> {
  return RELATION_KINDS[kind];
}

/** Whether a value (a handle id, a file's field) names a relation kind. */
export function isEdgeKind(value: unknown): value is EdgeKind {
  return typeof value === 'string' && (EDGE_KINDS as readonly string[]).includes(value);
}

/** The kind's place in registry order (0 first): what the app offers and lists first. */
export function edgeKindRank(kind: EdgeKind): number {
  return EDGE_KINDS.indexOf(kind);
}

/** The kinds offered for new edges on the canvas (toolbar, handles, reply keys), in registry order. */
export const CANVAS_EDGE_KINDS = EDGE_KINDS.filter(
  (kind) => RELATION_KINDS[kind].offered === 'canvas',
) as [EdgeKind, ...EdgeKind[]];

/**
 * The canvas kind after `kind` in registry order, wrapping round: what a click on an edge's
 * badge turns it into (an edge of a flow-only kind turns into the first canvas kind).
 */
export function nextEdgeKind(kind: EdgeKind): EdgeKind {
  const at = CANVAS_EDGE_KINDS.indexOf(kind);
  return CANVAS_EDGE_KINDS[(at + 1) % CANVAS_EDGE_KINDS.length]!;
}

/** The kind whose reply shortcut is `key` (either case), if any. */
export function edgeKindForShortcut(key: string): EdgeKind | undefined {
  const lower = key.toLowerCase();
  return EDGE_KINDS.find((kind) => RELATION_KINDS[kind].shortcut === lower);
}

/**
 * The kinds a legend explains for these edges: those offered on the canvas, and any other kind
 * (the flow's) that the edges use, in registry order.
 */
export function edgeKindsToExplain(edges: readonly { kind: EdgeKind }[]): EdgeKind[] {
  const used = new Set(edges.map((edge) => edge.kind));
  return EDGE_KINDS.filter((kind) => RELATION_KINDS[kind].offered === 'canvas' || used.has(kind));
}

/** The kinds with `role` on a debate flow, in registry order. */
export function edgeKindsWithFlowRole(role: FlowRole): EdgeKind[] {
  return EDGE_KINDS.filter((kind) => RELATION_KINDS[kind].flow === role);
}

type ArgdownForm = RelationKindSpec['formats']['argdown'];
const isWrittenAs = (value: ArgdownForm): value is WrittenAs => 'as' in value;
/** Whether a format writes the kind as part of an argument's structure, not as a relation. */
export const isPartOfArgument = (value: object): value is PartOfArgument => 'part' in value;

/** The Argdown relation a kind is written as: its sign and the relation types read as it. */
export type ArgdownRelationForm = Exclude<ArgdownForm, WrittenAs | PartOfArgument>;

/**
 * The kind's Argdown relation form, or undefined when Argdown writes it inside an argument's
 * premise–conclusion structure (a premise, a conclusion) or as another kind.
 */
export function argdownRelationForm(kind: EdgeKind): ArgdownRelationForm | undefined {
  const form = RELATION_KINDS[kind].formats.argdown;
  return isWrittenAs(form) || isPartOfArgument(form) ? undefined : form;
}

/** The AIF scheme node a kind is written as, or undefined for the parts of an argument. */
export function aifSchemeForm(
  kind: EdgeKind,
): { readonly node: AifSchemeNode; readonly scheme: string } | undefined {
  const form = RELATION_KINDS[kind].formats.aif;
  return isPartOfArgument(form) ? undefined : form;
}

/**
 * How Argdown writes a kind: its own sign, or (`lost`) the sign of the kind it is written as,
 * because Argdown cannot tell it apart.
 */
export function argdownFormOf(kind: EdgeKind): {
  sign: string;
  writtenAs: EdgeKind;
  lost: boolean;
} {
  const form = RELATION_KINDS[kind].formats.argdown;
  if (isPartOfArgument(form))
    throw new TypeError(
      `the ${kind} kind is written in an argument's structure, not as a relation`,
    );
  if (!isWrittenAs(form)) return { sign: form.sign, writtenAs: kind, lost: false };
  const as = form.as;
  if (!isEdgeKind(as)) throw new TypeError(`the ${kind} kind is written as "${as}", not a kind`);
  const target = argdownRelationForm(as);
  if (target === undefined) throw new TypeError(`the ${kind} kind is written as another stand-in`);
  return { sign: target.sign, writtenAs: as, lost: true };
}

/** Whether an edge of `kind` may run from a node of kind `from` to one of kind `to`. */
export function endpointsAllowed(kind: EdgeKind, from: NodeKind, to: NodeKind): boolean {
  const { endpoints } = RELATION_KINDS[kind];
  return endpoints.from.includes(from) && endpoints.to.includes(to);
}

/** Why an edge of `kind` cannot run from a `from` node to a `to` node, in words. */
export function endpointsMessage(kind: EdgeKind, from: NodeKind, to: NodeKind): string {
  const { names, endpoints } = RELATION_KINDS[kind];
  const side = endpoints.from.includes(from) ? `to a ${to}` : `from a ${from}`;
  const article = /^[aeiou]/i.test(names.noun) ? 'an' : 'a';
  return `${article} ${names.noun} cannot go ${side} (it goes from ${endpoints.from.join(' or ')} to ${endpoints.to.join(' or ')})`;
}

/** The kinds that play `role` in evaluation, in registry order. */
export function edgeKindsWithRole(role: EvaluationRole): EdgeKind[] {
  return EDGE_KINDS.filter((kind) => RELATION_KINDS[kind].evaluation === role);
}

/** "supports" → "Supports": a word from a spec at the start of a label or sentence. */
export function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `"support" or "rebuttal"`: every kind, quoted, for error messages. */
export function edgeKindList(): string {
  const quoted = EDGE_KINDS.map((kind) => `"${kind}"`);
  return quoted.length === 1
    ? quoted[0]!
    : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

// Readers look tokens up in these. Tokens are file content, so Maps, never plain objects.
function readTable(tokens: (spec: RelationKindSpec) => readonly string[]): Map<string, EdgeKind> {
  const table = new Map<string, EdgeKind>();
  for (const kind of EDGE_KINDS) {
    for (const token of tokens(RELATION_KINDS[kind])) if (!table.has(token)) table.set(token, kind);
  }
  return table;
}
const ARGDOWN_ONE_WAY = readTable((s) => argdownRelationForm(s.id as EdgeKind)?.reads ?? []);
const ARGDOWN_BOTH_WAYS = readTable(
  (s) => argdownRelationForm(s.id as EdgeKind)?.readsBothWays ?? [],
);
const aifTokens = (
  s: RelationKindSpec,
  token: (form: { node: string; scheme: string }) => string,
) => (isPartOfArgument(s.formats.aif) ? [] : [token(s.formats.aif)]);
const AIF_NODE = readTable((s) => aifTokens(s, (form) => form.node));
const AIF_SCHEME = readTable((s) => aifTokens(s, (form) => `${form.node}\u0000${form.scheme}`));
const KIALO_STANCE = readTable((s) =>
  s.formats.kialo === null ? [] : [s.formats.kialo.stance.toLowerCase()],
);

/**
 * The kind an Argdown relation type (`support`, `attack`, `contradictory`, …) reads as, and
 * whether it stands for one edge each way; undefined when no kind reads it.
 */
export function edgeKindOfArgdownRelation(
  relationType: string,
): { kind: EdgeKind; bothWays: boolean } | undefined {
  const oneWay = ARGDOWN_ONE_WAY.get(relationType);
  if (oneWay !== undefined) return { kind: oneWay, bothWays: false };
  const bothWays = ARGDOWN_BOTH_WAYS.get(relationType);
  return bothWays === undefined ? undefined : { kind: bothWays, bothWays: true };
}

/**
 * The kind an AIF scheme node type (`RA`, `CA`, upper case) reads as, if any: the kind whose
 * scheme text is `text` when there is one (Clashmap writes a turn as a CA node "Turn"), else
 * the first kind written as that node type.
 */
export function edgeKindOfAifNode(type: string, text?: string): EdgeKind | undefined {
  if (text !== undefined) {
    const exact = AIF_SCHEME.get(`${type}\u0000${text}`);
    if (exact !== undefined) return exact;
  }
  return AIF_NODE.get(type);
}

/** Whether an AIF node type is one that some relation kind is written as. */
export const isAifSchemeNode = (type: string): type is AifSchemeNode => AIF_NODE.has(type);

/** The kind a Kialo stance (`Pro`, `con`; any case) reads as, if any. */
export function edgeKindOfKialoStance(stance: string): EdgeKind | undefined {
  return KIALO_STANCE.get(stance.toLowerCase());
}
