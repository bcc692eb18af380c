// A class to compare: a synthetic model map and students' maps made from it the way students
// work (most claims reworded, some quotes kept, some claims of their own, relations dropped,
// turned round or of the other kind), then the time `compareClass` takes for the whole class.
// Pure TypeScript: run in Node by run.ts and in Chromium by the parse page.
import { compareClass, type StudentFile } from '../src/compare/report';
import { defaultSettings } from '../src/compare/settings';
import type { Edge } from '../src/model/edge';
import type { ClashMap } from '../src/model/map';
import type { MapNode } from '../src/model/node';
import { generateMap, mulberry32 } from './generate';

/** How one student's map is made from the model. */
const KEEP_CLAIM = 0.75;
const KEEP_QUOTE = 0.5;
const DROP_RELATION = 0.15;
const OTHER_KIND = 0.05;
const REVERSE = 0.05;

function reword(text: string, rand: () => number, spare: readonly string[]): string {
  const words = text.replace(/\.$/, '').split(' ');
  if (words.length > 3) words.splice(Math.floor(rand() * words.length), 1);
  const at = Math.floor(rand() * (words.length - 1));
  [words[at], words[at + 1]] = [words[at + 1]!, words[at]!];
  words[Math.floor(rand() * words.length)] = spare[Math.floor(rand() * spare.length)]!;
  return `${words.join(' ')}.`;
}

/** One student's map of the model: deterministic for a given index. */
export function studentMap(model: ClashMap, index: number): ClashMap {
  const rand = mulberry32(9_000 + index);
  const other = generateMap(model.nodes.length, { seed: 50_000 + index });
  const spare = other.nodes.flatMap((n) => n.text.replace(/\.$/, '').split(' '));
  const idOf = (id: string) => `s${index}-${id}`;
  const nodes = model.nodes.map((node, i): MapNode => {
    if (rand() < KEEP_CLAIM)
      return {
        ...node,
        id: idOf(node.id),
        text: reword(node.text, rand, spare),
        evidence: rand() < KEEP_QUOTE ? node.evidence : [],
        position: undefined,
      };
    return { ...other.nodes[i]!, kind: node.kind, id: idOf(node.id), position: undefined };
  });
  const edges: Edge[] = [];
  for (const edge of model.edges) {
    const roll = rand();
    if (roll < DROP_RELATION) continue;
    const flipped = roll < DROP_RELATION + REVERSE;
    const kind =
      roll < DROP_RELATION + REVERSE + OTHER_KIND
        ? edge.kind === 'support'
          ? ('rebuttal' as const)
          : ('support' as const)
        : edge.kind;
    edges.push({
      id: idOf(edge.id),
      from: idOf(flipped ? edge.to : edge.from),
      to: idOf(flipped ? edge.from : edge.to),
      kind,
    });
  }
  return { ...model, title: `Student ${index + 1}`, nodes, edges, presentation: undefined };
}

export interface CompareTiming {
  modelNodes: number;
  students: number;
  studentNodes: number;
  /** Median ms to compare the whole class (every student's map, heat counts included). */
  medianMs: number;
  /** The class's mean claim recall, to show the comparison found what was there. */
  meanClaimRecall: number;
}

/** Times comparing `students` maps of `nodes` nodes with a `nodes`-node model. */
export function measureCompare(nodes = 100, students = 30, runs = 5): CompareTiming {
  const model = generateMap(nodes);
  const files: StudentFile[] = Array.from({ length: students }, (_, i) => ({
    name: `student-${i + 1}`,
    ok: true,
    map: studentMap(model, i),
  }));
  const settings = defaultSettings();
  let last = compareClass(model, files, settings);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    last = compareClass(model, files, settings);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const recalls = last.entries.flatMap((e) =>
    e.ok ? [e.comparison.scores.claimRecall.value] : [],
  );
  return {
    modelNodes: model.nodes.length,
    students,
    studentNodes: files[0]!.ok ? files[0]!.map.nodes.length : 0,
    medianMs: times[Math.floor(times.length / 2)]!,
    meanClaimRecall: recalls.reduce((a, b) => a + b, 0) / recalls.length,
  };
}
