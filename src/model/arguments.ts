import type { Edge } from './edge';
import type { Issue } from './issue';
import type { ClashMap } from './map';
import type { InferenceNode, MapNode } from './node';
import { relationKind } from './relations/registry';

/**
 * Arguments (nodes of kind `argument`): the inference from premises to one conclusion. These
 * helpers read an argument's parts off the edges, and find the arguments a removal leaves
 * broken (with no premise or no conclusion), which go with it.
 */

/** The name a new linked argument gets until its maker names it. */
export const LINKED_ARGUMENT_TEXT = 'Together';
/** The name of the argument a support becomes when it is undercut. */
export const INFERENCE_TEXT = 'Inference';
/** Whether an argument's name is only the one the app gave it. */
export const isUnnamedArgument = (text: string) =>
  text === LINKED_ARGUMENT_TEXT || text === INFERENCE_TEXT;

/** Whether an edge is a premise of its `to` (an argument). */
export const isPremiseEdge = (edge: Edge) => relationKind(edge.kind).evaluation === 'premise';
/** Whether an edge is the conclusion of its `from` (an argument). */
export const isConclusionEdge = (edge: Edge) => edge.kind === 'concludes';

/** An argument's parts: its premise ids and conclusion ids (one, in a valid map), edge order. */
export interface ArgumentParts {
  premises: string[];
  conclusions: string[];
  undercutters: string[];
}

// Parts are read per argument while drawing, so they are made once per pair of arrays (records
// and arrays are never edited in place).
const partsCache = new WeakMap<
  readonly Edge[],
  { nodes: readonly MapNode[]; parts: ReadonlyMap<string, ArgumentParts> }
>();

const nodeCache = new WeakMap<readonly MapNode[], Map<string, MapNode>>();

/** A node by id, through an index made once per nodes array (the first of a repeated id). */
export function nodeOf(map: Pick<ClashMap, 'nodes'>, id: string): MapNode | undefined {
  return nodeIndexOf(map.nodes).get(id);
}

/**
 * The nodes by id (the first of a repeated id), made once per nodes array and shared by all
 * who ask (the canvas, the inspector): do not modify it.
 */
export function nodeIndexOf(list: readonly MapNode[]): ReadonlyMap<string, MapNode> {
  let nodes = nodeCache.get(list);
  if (nodes === undefined) {
    nodes = new Map();
    for (const node of list) if (!nodes.has(node.id)) nodes.set(node.id, node);
    nodeCache.set(list, nodes);
  }
  return nodes;
}

/** Every argument's parts, by argument id (do not modify the result: it is shared). */
export function argumentParts(
  map: Pick<ClashMap, 'nodes' | 'edges'>,
): ReadonlyMap<string, ArgumentParts> {
  const cached = partsCache.get(map.edges);
  if (cached && cached.nodes === map.nodes) return cached.parts;
  const parts = readParts(map);
  partsCache.set(map.edges, { nodes: map.nodes, parts });
  return parts;
}

function readParts(map: Pick<ClashMap, 'nodes' | 'edges'>): Map<string, ArgumentParts> {
  const parts = new Map<string, ArgumentParts>();
  for (const node of map.nodes)
    if (node.kind === 'argument')
      parts.set(node.id, { premises: [], conclusions: [], undercutters: [] });
  for (const edge of map.edges) {
    if (isPremiseEdge(edge)) parts.get(edge.to)?.premises.push(edge.from);
    else if (isConclusionEdge(edge)) parts.get(edge.from)?.conclusions.push(edge.to);
    else if (edge.kind === 'undercut') parts.get(edge.to)?.undercutters.push(edge.from);
  }
  return parts;
}

/** What is wrong with the shape of each argument: no premise, or not exactly one conclusion. */
export function argumentShapeIssues(map: Pick<ClashMap, 'nodes' | 'edges'>): Issue[] {
  const issues: Issue[] = [];
  const parts = argumentParts(map);
  map.nodes.forEach((node, i) => {
    const own = parts.get(node.id);
    if (node.kind !== 'argument' || own === undefined) return;
    if (own.premises.length === 0)
      issues.push({ path: `nodes[${i}]`, message: 'an argument needs at least one premise' });
    if (own.conclusions.length !== 1)
      issues.push({
        path: `nodes[${i}]`,
        message: `an argument has exactly one conclusion, not ${own.conclusions.length}`,
      });
  });
  return issues;
}

/**
 * The arguments that removing `nodes` and `edges` would leave with no premise or no
 * conclusion: they cannot stand alone, so they go too (with their own edges).
 */
export function argumentsBrokenBy(
  map: Pick<ClashMap, 'nodes' | 'edges'>,
  nodes: ReadonlySet<string>,
  edges: ReadonlySet<string>,
): Set<string> {
  const broken = new Set<string>();
  const parts = argumentParts({
    nodes: map.nodes,
    edges: map.edges.filter(
      (edge) => !edges.has(edge.id) && !nodes.has(edge.from) && !nodes.has(edge.to),
    ),
  });
  for (const [id, own] of parts)
    if (!nodes.has(id) && (own.premises.length === 0 || own.conclusions.length !== 1))
      broken.add(id);
  return broken;
}

const quote = (text: string) => `“${text.length > 80 ? `${text.slice(0, 77).trimEnd()}…` : text}”`;

/**
 * An argument in words, for assistive technology and lists: `Argument (Expert Opinion): “P” and
 * “Q” together support “C”`.
 */
export function describeArgument(map: Pick<ClashMap, 'nodes' | 'edges'>, id: string): string {
  // Called for every argument each time the canvas data is made (a drag tick included), so
  // every lookup goes through the indexes above, not a scan of the nodes.
  const node = nodeOf(map, id);
  const own = argumentParts(map).get(id);
  if (node?.kind !== 'argument' || !own) return id;
  const textOf = (other: string) => quote(nodeOf(map, other)?.text ?? other);
  const premises = own.premises.map(textOf);
  const listed =
    premises.length <= 1
      ? (premises[0] ?? 'nothing')
      : `${premises.slice(0, -1).join(', ')} and ${premises[premises.length - 1]}`;
  const verb = premises.length > 1 ? 'together support' : 'supports';
  const conclusion = own.conclusions[0] === undefined ? 'nothing' : textOf(own.conclusions[0]);
  const scheme = node.scheme === undefined ? '' : ` (${node.scheme})`;
  const undercut =
    own.undercutters.length > 0
      ? `; undercut by ${own.undercutters.map(textOf).join(' and ')}`
      : '';
  return `Argument${scheme}: ${listed} ${verb} ${conclusion}${undercut}`;
}

/** The arguments of a map. */
export const argumentsOf = (map: Pick<ClashMap, 'nodes'>): InferenceNode[] =>
  map.nodes.filter((node): node is InferenceNode => node.kind === 'argument');

/** Whether a node is an argument. */
export const isArgumentNode = (node: MapNode | undefined): node is InferenceNode =>
  node?.kind === 'argument';
