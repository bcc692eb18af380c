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

/** Every argument's parts, by argument id. */
export function argumentParts(map: Pick<ClashMap, 'nodes' | 'edges'>): Map<string, ArgumentParts> {
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

/** The arguments of a map. */
export const argumentsOf = (map: Pick<ClashMap, 'nodes'>): InferenceNode[] =>
  map.nodes.filter((node): node is InferenceNode => node.kind === 'argument');

/** Whether a node is an argument. */
export const isArgumentNode = (node: MapNode | undefined): node is InferenceNode =>
  node?.kind === 'argument';
