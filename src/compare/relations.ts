import type { Edge } from '../model/edge';
import type { ClashMap } from '../model/map';

/** How one relation of either map compares, once the nodes at its ends are matched. */
export type RelationStatus = 'present' | 'missing' | 'extra' | 'wrongKind' | 'reversed' | 'partial';

/**
 * One relation difference (or agreement). `model` and `student` are the edges involved from
 * each map (a partial has two on one side: the path through `via`). `ends` is the pair of model
 * nodes it joins, in the model's direction, when both ends are matched; an extra relation's
 * ends may not be.
 */
export interface RelationDiff {
  status: RelationStatus;
  model: Edge[];
  student: Edge[];
  /** The model node ids it joins [from, to] (for extras: the student's ends read as model ids, when matched). */
  ends: [string, string] | null;
  /** For a partial: the node in the middle of the longer path, and which map has it. */
  via?: { id: string; in: 'model' | 'student' };
}

const key = (from: string, to: string) => `${from}\u0000${to}`;

function byEnds(edges: readonly Edge[], rename: (id: string) => string | undefined) {
  const table = new Map<string, Edge[]>();
  for (const edge of edges) {
    const from = rename(edge.from);
    const to = rename(edge.to);
    if (from === undefined || to === undefined) continue;
    const k = key(from, to);
    const list = table.get(k);
    if (list) list.push(edge);
    else table.set(k, [edge]);
  }
  return table;
}

function outgoing(edges: readonly Edge[]) {
  const table = new Map<string, Edge[]>();
  for (const edge of edges) {
    const list = table.get(edge.from);
    if (list) list.push(edge);
    else table.set(edge.from, [edge]);
  }
  return table;
}

/**
 * Compares the relations of two maps whose nodes are matched (`toModel`: student id → model id).
 * Every model edge is present, of the wrong kind, reversed, partial (the student reaches its
 * end through one node in between) or missing; every student edge not accounted for so is
 * partial (a shortcut across a model path of two) or extra. Results: model edges in map order,
 * then the student's leftover edges in map order.
 */
export function diffRelations(
  model: Pick<ClashMap, 'edges'>,
  student: Pick<ClashMap, 'edges'>,
  toModel: ReadonlyMap<string, string>,
): RelationDiff[] {
  const toStudent = new Map<string, string>();
  for (const [s, m] of toModel) toStudent.set(m, s);
  const studentByModelEnds = byEnds(student.edges, (id) => toModel.get(id));
  const modelByEnds = byEnds(model.edges, (id) => id);
  const studentOut = outgoing(student.edges);
  const modelOut = outgoing(model.edges);
  const accounted = new Set<Edge>();
  const take = (list: Edge[] | undefined, test: (e: Edge) => boolean) => {
    const found = list?.find((e) => !accounted.has(e) && test(e));
    if (found) accounted.add(found);
    return found;
  };

  const results: (RelationDiff | null)[] = model.edges.map(() => null);
  // Exact agreements first, so that a pair of edges of both kinds is never misread as two
  // wrong kinds; then kinds, then directions.
  const passes: [RelationStatus, (e: Edge) => Edge | undefined][] = [
    ['present', (e) => take(studentByModelEnds.get(key(e.from, e.to)), (s) => s.kind === e.kind)],
    ['wrongKind', (e) => take(studentByModelEnds.get(key(e.from, e.to)), () => true)],
    ['reversed', (e) => take(studentByModelEnds.get(key(e.to, e.from)), () => true)],
  ];
  for (const [status, find] of passes) {
    model.edges.forEach((edge, i) => {
      if (results[i] !== null) return;
      const found = find(edge);
      if (found)
        results[i] = { status, model: [edge], student: [found], ends: [edge.from, edge.to] };
    });
  }
  // Partial: the student goes from the model edge's start to its end through one other node.
  model.edges.forEach((edge, i) => {
    if (results[i] !== null) return;
    const start = toStudent.get(edge.from);
    const end = toStudent.get(edge.to);
    if (start !== undefined && end !== undefined) {
      for (const first of studentOut.get(start) ?? []) {
        if (first.to === end || first.to === start) continue;
        const second = (studentOut.get(first.to) ?? []).find((s) => s.to === end);
        if (!second) continue;
        accounted.add(first);
        accounted.add(second);
        results[i] = {
          status: 'partial',
          model: [edge],
          student: [first, second],
          ends: [edge.from, edge.to],
          via: { id: first.to, in: 'student' },
        };
        return;
      }
    }
    results[i] = { status: 'missing', model: [edge], student: [], ends: [edge.from, edge.to] };
  });

  const leftovers: RelationDiff[] = [];
  for (const edge of student.edges) {
    if (accounted.has(edge)) continue;
    const from = toModel.get(edge.from);
    const to = toModel.get(edge.to);
    if (from !== undefined && to !== undefined) {
      // Partial the other way: the student joins directly what the model joins through a node.
      let path: [Edge, Edge] | null = null;
      for (const first of modelOut.get(from) ?? []) {
        if (first.to === to || first.to === from) continue;
        const second = (modelByEnds.get(key(first.to, to)) ?? [])[0];
        if (second) {
          path = [first, second];
          break;
        }
      }
      if (path) {
        leftovers.push({
          status: 'partial',
          model: path,
          student: [edge],
          ends: [from, to],
          via: { id: path[0].to, in: 'model' },
        });
        continue;
      }
    }
    leftovers.push({
      status: 'extra',
      model: [],
      student: [edge],
      ends: from !== undefined && to !== undefined ? [from, to] : null,
    });
  }
  return [...(results as RelationDiff[]), ...leftovers];
}
