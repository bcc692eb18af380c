import { isChecked, quoteMismatch } from './evidence';
import type { ClashMap } from './map';

/** One quote's place in a source text, and the node that quotes it. */
export interface QuoteMark {
  nodeId: string;
  evidenceIndex: number;
  start: number;
  end: number;
}

/** A run of source text and the quotes that cover it (none for plain text). */
export interface TextSegment {
  start: number;
  end: number;
  marks: QuoteMark[];
}

/** The quotes taken from one source that still match its text, in text order. */
export function quoteMarks(map: ClashMap, sourceId: string): QuoteMark[] {
  const source = map.sources.find((s) => s.id === sourceId);
  if (!source?.text) return [];
  const marks: QuoteMark[] = [];
  for (const node of map.nodes) {
    node.evidence.forEach((evidence, evidenceIndex) => {
      if (evidence.sourceId !== sourceId || !isChecked(evidence)) return;
      if (quoteMismatch(evidence, source)) return;
      marks.push({ nodeId: node.id, evidenceIndex, start: evidence.start, end: evidence.end });
    });
  }
  return marks.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * Cuts a text of `length` characters at every quote boundary, so that each segment is covered
 * by the same quotes throughout (quotes may overlap or nest).
 */
export function segmentText(length: number, marks: readonly QuoteMark[]): TextSegment[] {
  const cuts = new Set<number>([0, length]);
  for (const mark of marks) {
    cuts.add(Math.max(0, Math.min(length, mark.start)));
    cuts.add(Math.max(0, Math.min(length, mark.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: TextSegment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (end <= start) continue;
    segments.push({ start, end, marks: marks.filter((m) => m.start <= start && m.end >= end) });
  }
  return segments;
}
