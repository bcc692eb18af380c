import { applyChange, changeOf, joinChanges, tableOf } from './change';
import { speechOf } from './debateFormats';
import type { ClashMap } from './map';
import type { MapNode } from './node';
import { addNode, addReply, connect, newNode, type EditResult } from './operations';
import { relationKind, type EdgeKind } from './relations/registry';
import { formatOfMap } from './round';

/**
 * Edits made while flowing a round: a new argument in a speech, on a sheet, answering (or
 * extending, turning) another; and crossing an argument out. Each returns the change, which the
 * store checks and commits like any other edit, or says in words why it cannot be made.
 */

/** What a new argument on the flow says, where, and what it bears on. */
export interface FlowArgumentDraft {
  readonly text: string;
  /** The position whose sheet it is on. */
  readonly sheet: string;
  /** The speech it is made in (one of the round format's). */
  readonly speech: string;
  /** The argument it answers, extends or turns, and how; none for a new argument. */
  readonly bearsOn?: { readonly id: string; readonly kind: EdgeKind } | undefined;
  /**
   * The argument (on another sheet) that this card cross-applies: the edge runs from that
   * argument to the new card, which stands for it here.
   */
  readonly crossAppliedFrom?: string | undefined;
}

/** Adds a claim made in `speech` on `sheet`, joined to what it bears on in the same change. */
export function addFlowArgument(map: ClashMap, draft: FlowArgumentDraft): EditResult {
  const format = formatOfMap(map);
  if (!speechOf(format, draft.speech))
    return { ok: false, reason: `The ${format.name} format has no speech "${draft.speech}".` };
  const sheet = map.nodes.find((n) => n.id === draft.sheet);
  if (!sheet || sheet.kind !== 'position')
    return { ok: false, reason: 'An argument on the flow goes on a sheet, which is a position.' };
  const text = draft.text.trim();
  if (text === '') return { ok: false, reason: 'Write the argument first.' };
  const node: MapNode = {
    ...newNode(map, 'claim', text),
    kind: 'claim',
    speech: draft.speech,
    sheet: draft.sheet,
  };
  const added = draft.bearsOn
    ? addReply(map, node, draft.bearsOn.id, draft.bearsOn.kind)
    : ({ ok: true, change: addNode(map, node) } as const);
  if (!added.ok || draft.crossAppliedFrom === undefined) return added;
  if (!map.nodes.some((n) => n.id === draft.crossAppliedFrom))
    return { ok: false, reason: 'The argument to cross-apply is no longer on the map.' };
  const withNode: ClashMap = applyChange(map, added.change);
  const joined = connect(withNode, draft.crossAppliedFrom, node.id, 'cross-applies');
  return joined.ok ? { ok: true, change: joinChanges(added.change, joined.change) } : joined;
}

/**
 * What an argument on the flow answers, extends, turns or backs: the target of its first such
 * edge (in map order), with the edge's kind. Cross-applications are not followed.
 */
export function bearsOnOf(
  map: Pick<ClashMap, 'edges'>,
  id: string,
): { id: string; kind: EdgeKind } | undefined {
  const edge = map.edges.find(
    (e) => e.from === id && relationKind(e.kind).flow !== 'crossApplication',
  );
  return edge ? { id: edge.to, kind: edge.kind } : undefined;
}

/**
 * Crosses an argument out in `speech` (a concession: its own side gives it up, the other side
 * grants it), or, with null, takes the crossing-out back.
 */
export function crossOut(map: ClashMap, id: string, speech: string | null): EditResult {
  const node = map.nodes.find((n) => n.id === id);
  if (!node) return { ok: false, reason: 'That argument is not on the map.' };
  if ((node.conceded ?? null) === speech) return { ok: true, change: changeOf({}) };
  const { conceded: _was, ...rest } = node;
  const to: MapNode = speech === null ? rest : { ...rest, conceded: speech };
  return { ok: true, change: changeOf({ nodes: tableOf({ updated: [{ from: node, to }] }) }) };
}
