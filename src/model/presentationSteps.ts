import { indexMap, leadingPositions } from './graph';
import type { ClashMap } from './map';
import type { MapNode } from './node';
import type { PresentationStep } from './presentation';
import { EDGE_KINDS, relationKind, type EdgeKind } from './relations/registry';

/** A rectangle in canvas coordinates, for grouping nearby nodes into one readable step. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface StepOptions {
  /** Where each node is drawn; without it, groups are only cut by count. */
  boxOf?: (id: string) => Box | undefined;
  /** The most canvas area one step may span and still be framed at a readable size. */
  frame?: { width: number; height: number };
  /** The most nodes one step reveals at once. */
  maxNodes?: number;
}

function union(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

/** Cuts nodes into runs that each fit the frame (by their boxes) and the node budget. */
function chunk(nodes: MapNode[], options: StepOptions): MapNode[][] {
  const maxNodes = options.maxNodes ?? 3;
  const boxOf = options.boxOf;
  const frame = options.frame;
  const sorted = boxOf
    ? [...nodes].sort((a, b) => {
        const p = boxOf(a.id);
        const q = boxOf(b.id);
        return p && q ? p.x - q.x || p.y - q.y : 0;
      })
    : nodes;
  const groups: MapNode[][] = [];
  let current: MapNode[] = [];
  let bounds: Box | null = null;
  for (const node of sorted) {
    const box = boxOf?.(node.id);
    let next: Box | null = bounds;
    if (box) next = bounds ? union(bounds, box) : box;
    const tooBig =
      frame &&
      next &&
      current.length > 0 &&
      (next.width > frame.width || next.height > frame.height);
    if (current.length >= maxNodes || tooBig) {
      groups.push(current);
      current = [];
      next = box ?? null;
    }
    current.push(node);
    bounds = next;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** A position's words for a caption: its text, cut at a word near 60 characters. */
export function captionName(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= 60) return flat;
  const cut = flat.slice(0, 60);
  const space = cut.lastIndexOf(' ');
  return `${(space > 30 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/**
 * The steps a presentation takes when the teacher has not set their own. Each position has its
 * own share: the claims drawn under it (those whose chain of answers leads to it), so that one
 * position cannot take another's supporters. For each position in turn: the position, what
 * supports it, what rebuts it (one step per relation kind), then what answers those, level by
 * level. Captions use the position's own words. A node is shown once; groups are cut so each
 * step can be framed at a readable size. Claims that lead to no position come last.
 */
export function defaultSteps(map: ClashMap, options: StepOptions = {}): PresentationStep[] {
  const index = indexMap(map);
  const leading = leadingPositions(map);
  const shown = new Set<string>();
  const steps: PresentationStep[] = [];
  const push = (nodes: MapNode[], title: string, name?: string) => {
    const fresh = nodes.filter((n) => !shown.has(n.id));
    for (const n of fresh) shown.add(n.id);
    // An argument is shown with its premises, in a step of its own: its junction alone says
    // nothing, and linked premises are only a reason together.
    const plain = fresh.filter((n) => n.kind !== 'argument');
    for (const argument of fresh.filter((n) => n.kind === 'argument')) {
      const premises = (index.incoming.get(argument.id) ?? [])
        .filter((edge) => edge.kind === 'premise')
        .map((edge) => index.nodeById.get(edge.from))
        .filter((node): node is MapNode => node !== undefined && !shown.has(node.id));
      for (const premise of premises) shown.add(premise.id);
      const scheme = argument.kind === 'argument' && argument.scheme ? ` (${argument.scheme})` : '';
      steps.push({
        id: `auto-${steps.length + 1}`,
        title: `${name === undefined ? title : `${name}: ${premises.length > 1 ? 'reasons together' : 'an argument for it'}`}${scheme}`,
        nodes: [argument.id, ...premises.map((n) => n.id)],
      });
    }
    const groups = chunk(plain, options);
    groups.forEach((group, i) => {
      steps.push({
        // Derived steps are numbered; they keep these ids if the teacher makes them their own.
        id: `auto-${steps.length + 1}`,
        title: groups.length > 1 ? `${title} (${i + 1} of ${groups.length})` : title,
        nodes: group.map((n) => n.id),
      });
    });
  };
  /** The nodes of `owner`'s share that answer one of `targets` (with `kind`, if given). */
  const repliesTo = (targets: readonly MapNode[], owner: string | null, kind?: EdgeKind) => {
    const out: MapNode[] = [];
    const seen = new Set<string>();
    for (const target of targets) {
      for (const edge of index.incoming.get(target.id) ?? []) {
        if (kind && edge.kind !== kind) continue;
        const from = index.nodeById.get(edge.from);
        if (!from || shown.has(from.id) || seen.has(from.id)) continue;
        if ((leading.get(from.id) ?? null) !== owner) continue;
        seen.add(from.id);
        out.push(from);
      }
    }
    return out;
  };

  for (const position of map.nodes.filter((n) => n.kind === 'position')) {
    const name = `“${captionName(position.text)}”`;
    push([position], name);
    // What answers it, one step per relation kind in registry order (supports, then rebuts).
    let frontier: MapNode[] = [];
    for (const kind of EDGE_KINDS) {
      const replies = repliesTo([position], position.id, kind);
      push(
        replies,
        kind === 'concludes'
          ? `${name}: reasons together`
          : `${name}: what ${relationKind(kind).names.verb} it`,
        name,
      );
      frontier.push(...replies);
    }
    // Then what answers those, one level at a time, until nothing new is reached.
    for (let depth = 1; frontier.length > 0; depth++) {
      const answers = repliesTo(frontier, position.id);
      push(answers, depth === 1 ? `${name}: answers` : `${name}: answers to the answers`, name);
      frontier = answers;
    }
  }
  const rest = map.nodes.filter((n) => !shown.has(n.id));
  push(rest, 'Other claims');
  return steps;
}

/** The steps to present: the teacher's own when the map has them, otherwise the default ones. */
export function presentationSteps(map: ClashMap, options: StepOptions = {}): PresentationStep[] {
  return map.presentation && map.presentation.steps.length > 0
    ? map.presentation.steps
    : defaultSteps(map, options);
}
