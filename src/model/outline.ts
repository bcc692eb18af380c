import { isUnnamedArgument } from './arguments';
import type { Edge } from './edge';
import { indexMap } from './graph';
import type { ClashMap } from './map';
import type { MapNode } from './node';
import { capitalised, relationKind } from './relations/registry';

/** One line of the outline: a node, the edge that puts it here, and its own replies. */
export interface OutlineItem {
  node: MapNode;
  /** The edge from this node to its parent item (null at a root). */
  via: Edge | null;
  /** True when the node is already written out earlier; its replies are not repeated. */
  repeat: boolean;
  children: OutlineItem[];
}

export interface Outline {
  /** Each position with the claims that support and rebut it, and what answers those. */
  positions: OutlineItem[];
  /** Claims that lead to no position, each with its own replies. */
  unlinked: OutlineItem[];
}

/**
 * The map as an outline, the way a reader walks it: positions in order, under each the nodes
 * that support or rebut it, nested. A node reached a second time (a cross-link or a cycle) is
 * listed as a reference without its replies, so the outline stays as long as the map.
 */
export function outlineOf(map: ClashMap): Outline {
  const index = indexMap(map);
  const shown = new Set<string>();

  const expand = (root: MapNode): OutlineItem => {
    const top: OutlineItem = { node: root, via: null, repeat: false, children: [] };
    // Iterative pre-order walk (a long chain of replies cannot overflow the stack). A node is
    // written out where the walk first reaches it in reading order; later mentions are references.
    const stack: OutlineItem[] = [top];
    while (stack.length > 0) {
      const item = stack.pop()!;
      if (shown.has(item.node.id)) {
        item.repeat = true;
        continue;
      }
      shown.add(item.node.id);
      for (const edge of index.incoming.get(item.node.id) ?? []) {
        const child = index.nodeById.get(edge.from);
        if (child) item.children.push({ node: child, via: edge, repeat: false, children: [] });
      }
      for (let i = item.children.length - 1; i >= 0; i--) stack.push(item.children[i]!);
    }
    return top;
  };

  const positions = map.nodes.filter((n) => n.kind === 'position').map(expand);
  const unlinked: OutlineItem[] = [];
  // Claims that answer nothing head their own trees first; whatever is left (cycles) follows.
  for (const node of map.nodes) {
    if (!shown.has(node.id) && (index.outgoing.get(node.id) ?? []).length === 0)
      unlinked.push(expand(node));
  }
  for (const node of map.nodes) if (!shown.has(node.id)) unlinked.push(expand(node));
  return { positions, unlinked };
}

/**
 * How an outline line reads: the label before it ("Supports", "Premise", "Together (Argument From
 * Expert Opinion)") and its text. An argument is a line of its own under its conclusion, with
 * its premises and undercuts under it; its text is its name, when it has one of its own.
 */
export function outlineLine(item: OutlineItem): { label: string; text: string } {
  const { node, via } = item;
  if (node.kind === 'argument') {
    const linked = item.children.filter((child) => child.via?.kind === 'premise').length > 1;
    const scheme = node.scheme === undefined ? '' : ` (${node.scheme})`;
    return {
      label: `${linked ? 'Together' : 'Argument'}${scheme}`,
      text: isUnnamedArgument(node.text) ? '' : node.text,
    };
  }
  if (!via) return { label: '', text: node.text };
  if (via.kind === 'premise') return { label: 'Premise', text: node.text };
  if (via.kind === 'undercut') return { label: 'Undercuts the inference', text: node.text };
  return { label: capitalised(relationKind(via.kind).names.verb), text: node.text };
}
