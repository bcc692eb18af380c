import { argumentParts, INFERENCE_TEXT, LINKED_ARGUMENT_TEXT } from './arguments';
import { diffMaps } from './change';
import type { Edge } from './edge';
import { freshId } from './ids';
import type { ClashMap } from './map';
import type { InferenceNode, MapNode, Point } from './node';
import { connect, takenIds, type EditResult } from './operations';

/**
 * The edits that make and unmake arguments: support together (linked premises), undercut a
 * support or an argument, separate a linked argument into plain supports, and mark two claims
 * as contraries. Each returns one change (see operations.ts), checked and committed by the store
 * like any other.
 */

export { INFERENCE_TEXT, LINKED_ARGUMENT_TEXT } from './arguments';

/**
 * Argument schemes offered by name: Walton's common schemes, as AIF and OVA name them. Any other
 * text is a scheme too.
 */
export const KNOWN_SCHEMES = [
  'Argument From Expert Opinion',
  'Argument From Position To Know',
  'Argument From Witness Testimony',
  'Argument From Popular Opinion',
  'Argument From Example',
  'Argument From Analogy',
  'Argument From Cause To Effect',
  'Argument From Correlation To Cause',
  'Argument From Sign',
  'Argument From Consequences',
  'Argument From Positive Consequences',
  'Argument From Negative Consequences',
  'Practical Reasoning',
  'Argument From Values',
  'Argument From Commitment',
  'Argument From Inconsistent Commitment',
  'Argument From Verbal Classification',
  'Argument From Established Rule',
  'Argument From Precedent',
  'Argument From Sunk Costs',
  'Argument From Ignorance',
  'Slippery Slope Argument',
  'Ad Hominem',
] as const;

const isStatement = (node: MapNode | undefined) =>
  node !== undefined && (node.kind === 'position' || node.kind === 'claim');

const short = (text: string) => (text.length > 60 ? `${text.slice(0, 57).trimEnd()}…` : text);

function edit(map: ClashMap, nodes: MapNode[], edges: Edge[]): EditResult {
  return { ok: true, change: diffMaps(map, { ...map, nodes, edges }) };
}

/**
 * The node the selected claims all support already (by a plain support or as premises of
 * arguments for it): the conclusion "support together" links them to, when there is just one.
 */
export function commonConclusion(map: ClashMap, premiseIds: readonly string[]): string[] {
  const parts = argumentParts(map);
  const supportedBy = (id: string) => {
    const targets = new Set<string>();
    for (const edge of map.edges)
      if (edge.from === id && edge.kind === 'support') targets.add(edge.to);
    for (const own of parts.values())
      if (own.premises.includes(id)) for (const c of own.conclusions) targets.add(c);
    return targets;
  };
  const [first, ...rest] = premiseIds.map(supportedBy);
  if (!first) return [];
  return [...first].filter((target) => rest.every((set) => set.has(target)));
}

/**
 * Links `premiseIds` into one argument for `conclusionId`: they now support it only together.
 * Plain supports from them to it become the argument's premises, and so do the premises of
 * arguments for it that hold nothing but some of these premises.
 */
export function supportTogether(
  map: ClashMap,
  premiseIds: readonly string[],
  conclusionId: string,
  position?: Point,
): EditResult & { argumentId?: string } {
  const premises = [...new Set(premiseIds)];
  const byId = new Map(map.nodes.map((node) => [node.id, node]));
  if (premises.length < 2)
    return { ok: false, reason: 'Select two or more claims to support a claim together.' };
  if (!premises.every((id) => isStatement(byId.get(id))))
    return { ok: false, reason: 'Only positions and claims can be premises of an argument.' };
  const conclusion = byId.get(conclusionId);
  if (!isStatement(conclusion))
    return { ok: false, reason: 'An argument concludes a position or a claim.' };
  if (premises.includes(conclusionId))
    return { ok: false, reason: 'A claim cannot be a premise of an argument for itself.' };
  const parts = argumentParts(map);
  for (const [id, own] of parts) {
    if (
      own.conclusions[0] === conclusionId &&
      own.premises.length === premises.length &&
      premises.every((p) => own.premises.includes(p))
    )
      return {
        ok: false,
        reason: `These claims already support “${short(conclusion!.text)}” together (${byId.get(id)!.text}).`,
      };
  }
  // Arguments for this conclusion made only of some of these premises, with no scheme, name or
  // undercut of their own, are folded into the new one.
  const folded = new Set<string>();
  for (const [id, own] of parts) {
    const node = byId.get(id) as InferenceNode;
    if (
      own.conclusions[0] === conclusionId &&
      own.undercutters.length === 0 &&
      node.scheme === undefined &&
      (node.text === LINKED_ARGUMENT_TEXT || node.text === INFERENCE_TEXT) &&
      own.premises.every((p) => premises.includes(p))
    )
      folded.add(id);
  }
  const taken = takenIds(map);
  const argumentId = freshId('arg', taken);
  taken.add(argumentId);
  const argument: InferenceNode = {
    id: argumentId,
    kind: 'argument',
    text: LINKED_ARGUMENT_TEXT,
    evidence: [],
    ...(position ? { position } : {}),
  };
  const edges = map.edges.filter(
    (edge) =>
      !(edge.kind === 'support' && edge.to === conclusionId && premises.includes(edge.from)) &&
      !folded.has(edge.from) &&
      !folded.has(edge.to),
  );
  for (const premise of premises) {
    const id = freshId('e', taken);
    taken.add(id);
    edges.push({ id, from: premise, to: argumentId, kind: 'premise' });
  }
  const id = freshId('e', taken);
  edges.push({ id, from: argumentId, to: conclusionId, kind: 'concludes' });
  const nodes = [...map.nodes.filter((node) => !folded.has(node.id)), argument];
  return { ...edit(map, nodes, edges), argumentId };
}

/**
 * The argument an edge belongs to, made explicit if need be: a premise's or a conclusion's own
 * argument, or, for a plain support, a new one-premise argument that takes its place.
 */
function argumentOfEdge(
  map: ClashMap,
  edgeId: string,
  taken: Set<string>,
  position?: Point,
): { nodes: MapNode[]; edges: Edge[]; argumentId: string } | { reason: string } {
  const edge = map.edges.find((e) => e.id === edgeId);
  if (!edge) return { reason: 'That connection no longer exists.' };
  if (edge.kind === 'premise') return { nodes: map.nodes, edges: map.edges, argumentId: edge.to };
  if (edge.kind === 'concludes')
    return { nodes: map.nodes, edges: map.edges, argumentId: edge.from };
  if (edge.kind !== 'support')
    return {
      reason:
        'Only a support can be undercut: an undercut says that a reason does not lead to its conclusion. To answer a claim itself, rebut it.',
    };
  const argumentId = freshId('arg', taken);
  taken.add(argumentId);
  const premiseId = freshId('e', taken);
  taken.add(premiseId);
  const conclusionId = freshId('e', taken);
  taken.add(conclusionId);
  const argument: InferenceNode = {
    id: argumentId,
    kind: 'argument',
    text: INFERENCE_TEXT,
    evidence: [],
    ...(position ? { position } : {}),
  };
  return {
    argumentId,
    nodes: [...map.nodes, argument],
    edges: [
      ...map.edges.filter((e) => e.id !== edgeId),
      { id: premiseId, from: edge.from, to: argumentId, kind: 'premise' },
      { id: conclusionId, from: argumentId, to: edge.to, kind: 'concludes' },
    ],
  };
}

/**
 * Adds `claim` as an undercut of an argument: the argument `target.argument`, or the one the edge
 * `target.edge` belongs to (a plain support becomes a one-premise argument, which is what it
 * always meant, so that the undercut has an inference to end on).
 */
export function undercut(
  map: ClashMap,
  target: { argument: string } | { edge: string },
  claim: MapNode,
  junctionAt?: Point,
): EditResult & { argumentId?: string } {
  const taken = takenIds(map);
  taken.add(claim.id);
  let base: { nodes: MapNode[]; edges: Edge[]; argumentId: string };
  if ('argument' in target) {
    const argument = map.nodes.find((node) => node.id === target.argument);
    if (argument?.kind !== 'argument')
      return { ok: false, reason: 'Select an argument’s junction, or a support, to undercut.' };
    base = { nodes: map.nodes, edges: map.edges, argumentId: argument.id };
  } else {
    const found = argumentOfEdge(map, target.edge, taken, junctionAt);
    if ('reason' in found) return { ok: false, reason: found.reason };
    base = found;
  }
  const withClaim: ClashMap = { ...map, nodes: [...base.nodes, claim], edges: base.edges };
  const joined = connect(withClaim, claim.id, base.argumentId, 'undercut', freshId('e', taken));
  if (!joined.ok) return joined;
  const edges = [...base.edges, ...[...joined.change.edges.added.values()].map((p) => p.record)];
  return { ...edit(map, withClaim.nodes, edges), argumentId: base.argumentId };
}

/**
 * Turns a linked argument back into separate supports, one from each premise (convergent
 * reasons). Refused while something undercuts it: the undercut would have nothing to end on.
 */
export function separatePremises(map: ClashMap, argumentId: string): EditResult {
  const argument = map.nodes.find((node) => node.id === argumentId);
  const own = argumentParts(map).get(argumentId);
  if (argument?.kind !== 'argument' || !own)
    return { ok: false, reason: 'That argument no longer exists.' };
  if (own.undercutters.length > 0) {
    const by = map.nodes.find((node) => node.id === own.undercutters[0]);
    return {
      ok: false,
      reason: `“${short(by?.text ?? '')}” undercuts this argument: separate supports would leave it nothing to undercut. Delete or move the undercut first.`,
    };
  }
  const conclusion = own.conclusions[0]!;
  const taken = takenIds(map);
  const edges = map.edges.filter((edge) => edge.from !== argumentId && edge.to !== argumentId);
  for (const premise of own.premises) {
    if (edges.some((e) => e.kind === 'support' && e.from === premise && e.to === conclusion))
      continue;
    const id = freshId('e', taken);
    taken.add(id);
    edges.push({ id, from: premise, to: conclusion, kind: 'support' });
  }
  return edit(
    map,
    map.nodes.filter((node) => node.id !== argumentId),
    edges,
  );
}

/** Marks two claims as contraries (they cannot both be true), unless they already are. */
export function markContraries(map: ClashMap, a: string, b: string): EditResult {
  return connect(map, a, b, 'contrary');
}
