import { speechIndex, speechesOf, type Period, type Side } from '../model/debateFormats';
import type { RoundFlags } from '../model/flow';
import type { ClashMap } from '../model/map';
import type { MapNode } from '../model/node';
import { relationKind } from '../model/relations/registry';

/**
 * The round laid out as paper flow sheets: one sheet per position, one column per speech from
 * the speech the sheet was opened in, and each argument in the row of what it answers or
 * extends, so that an answer sits beside the argument it answers. Pure; the flow view and the
 * command line both draw it.
 */

/** One card on a sheet. */
export interface FlowCell {
  readonly node: MapNode;
  readonly column: number;
  readonly row: number;
}

export interface FlowSheet {
  /** The position that is the sheet, or null for the arguments on no sheet. */
  readonly position: MapNode | null;
  readonly side: Side | undefined;
  /** The speeches shown, in order: from the sheet's own speech to the end of the round. */
  readonly columns: readonly Period[];
  readonly cells: readonly FlowCell[];
  readonly rowCount: number;
}

/** The sheets of the map's round, aff's first, then neg's, then the others, each in map order. */
export function flowGrid(map: ClashMap, flags: RoundFlags): FlowSheet[] {
  const { format } = flags;
  const all = speechesOf(format);
  const bySheet = new Map<string | null, MapNode[]>();
  for (const arg of flags.arguments.values()) {
    if (arg.node.kind === 'position') continue;
    const key = arg.sheet ?? null;
    const list = bySheet.get(key);
    if (list) list.push(arg.node);
    else bySheet.set(key, [arg.node]);
  }
  const positions = map.nodes.filter(
    (n) =>
      n.kind === 'position' &&
      (flags.arguments.has(n.id) || n.side !== undefined || bySheet.has(n.id)),
  );
  const sideRank = (node: MapNode) => {
    const side = flags.arguments.get(node.id)?.side ?? node.side;
    return side === 'aff' ? 0 : side === 'neg' ? 1 : 2;
  };
  const ordered = [...positions].sort((a, b) => sideRank(a) - sideRank(b));

  // What each node answers, extends or backs, in map order: where its row comes from.
  const anchors = new Map<string, string[]>();
  for (const edge of map.edges) {
    if (relationKind(edge.kind).flow === 'crossApplication') continue;
    const list = anchors.get(edge.from);
    if (list) list.push(edge.to);
    else anchors.set(edge.from, [edge.to]);
  }

  const sheetOf = (position: MapNode | null): FlowSheet => {
    const opened = position ? flags.arguments.get(position.id)?.speech : undefined;
    const first = opened ? Math.max(0, speechIndex(format, opened.id)) : 0;
    const columns = all.slice(first);
    const columnOf = (node: MapNode) =>
      columns.findIndex((c) => c.id === flags.arguments.get(node.id)?.speech.id);
    const cards = (bySheet.get(position?.id ?? null) ?? [])
      .map((node, order) => ({ node, order, column: columnOf(node) }))
      .filter((c) => c.column >= 0)
      .sort((a, b) => a.column - b.column || a.order - b.order);
    const rowOf = new Map<string, number>();
    const taken: Set<number>[] = columns.map(() => new Set());
    const cells: FlowCell[] = [];
    let rows = 0;
    // The position heads its sheet: in the column of the speech that made it, when it has one.
    if (position) {
      rowOf.set(position.id, 0);
      if (opened) {
        taken[0]!.add(0);
        cells.push({ node: position, column: 0, row: 0 });
        rows = 1;
      }
    }
    for (const { node, column } of cards) {
      const anchor = (anchors.get(node.id) ?? []).find((id) => rowOf.has(id));
      let row = anchor !== undefined ? rowOf.get(anchor)! : rows;
      while (taken[column]!.has(row)) row++;
      taken[column]!.add(row);
      rowOf.set(node.id, row);
      rows = Math.max(rows, row + 1);
      cells.push({ node, column, row });
    }
    return {
      position,
      side: position ? (flags.arguments.get(position.id)?.side ?? position.side) : undefined,
      columns,
      cells,
      rowCount: rows,
    };
  };

  const sheets = ordered.map(sheetOf);
  if (bySheet.has(null)) sheets.push(sheetOf(null));
  return sheets;
}
