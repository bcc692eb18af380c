import { applyChange, changeOf, joinChanges, NO_CHANGE, tableOf, type MapChange } from './change';
import { anchorQuote, isChecked, quoteMismatch, type EvidenceDraft } from './evidence';
import { freshId } from './ids';
import type { ClashMap } from './map';
import type { MapNode } from './node';
import {
  quoteIds,
  sameJson,
  takenIds,
  updateNode,
  withQuoteId,
  type EditResult,
} from './operations';
import type { Source } from './source';

/**
 * The edits to a map's sources and to the quotes cards take from them (the source panel's and
 * the inspector's): they load with those panels, not with the app. Like every operation in
 * operations.ts, each returns a change for the store to check and commit.
 */

/** Adds a source with a fresh id; returns the map and the id. */
export function addSource(
  map: ClashMap,
  source: Omit<Source, 'id'>,
): { change: MapChange; id: string } {
  const id = freshId('src', takenIds(map));
  const record: Source = { id, ...source };
  return {
    change: changeOf({ sources: tableOf({ added: [{ index: map.sources.length, record }] }) }),
    id,
  };
}

/**
 * Changes a source's fields; empty optional fields are dropped. Checked quotes keep their
 * offsets (a quote the new text no longer holds shows as not matching, for its author to fix);
 * a quote not yet checked against a text becomes checked where the new text holds it.
 */
export function updateSource(
  map: ClashMap,
  id: string,
  patch: Partial<Omit<Source, 'id'>>,
): MapChange {
  const source = map.sources.find((s) => s.id === id);
  if (!source) return NO_CHANGE;
  const next: Source = { ...source, ...patch };
  for (const key of ['author', 'publisher', 'published', 'url', 'text'] as const) {
    if (next[key] === undefined || next[key] === '') delete next[key];
  }
  if (sameJson(next, source)) return NO_CHANGE;
  return changeOf({
    sources: tableOf({ updated: [{ from: source, to: next }] }),
    nodes: tableOf({ updated: checkQuotesAgainst(map, next) }),
  });
}

/** The nodes whose unchecked quotes of `source` its text now holds, with those quotes checked. */
function checkQuotesAgainst(map: ClashMap, source: Source): { from: MapNode; to: MapNode }[] {
  const text = source.text;
  if (!text) return [];
  return map.nodes.flatMap((node) => {
    let changed = false;
    const evidence = node.evidence.map((e) => {
      if (e.sourceId !== source.id || isChecked(e)) return e;
      const at = anchorQuote(text, e.quote);
      if (!at) return e;
      changed = true;
      return { ...e, ...at };
    });
    return changed ? [{ from: node, to: { ...node, evidence } }] : [];
  });
}

/** Removes a source, unless a node still quotes it (the quotes would lose their meaning). */
export function removeSource(map: ClashMap, id: string): EditResult {
  const quoting = map.nodes.filter((n) => n.evidence.some((e) => e.sourceId === id));
  if (quoting.length > 0) {
    const count = quoting.length;
    return {
      ok: false,
      reason: `${count} node${count === 1 ? ' quotes' : 's quote'} this source; remove ${count === 1 ? 'that quote' : 'those quotes'} first.`,
    };
  }
  const index = map.sources.findIndex((s) => s.id === id);
  if (index < 0) return { ok: true, change: NO_CHANGE };
  return {
    ok: true,
    change: changeOf({ sources: tableOf({ removed: [{ index, record: map.sources[index]! }] }) }),
  };
}

/**
 * Adds a quote to a node, with a fresh id, checking that it is exactly the source's text at its
 * offsets.
 */
export function addEvidence(map: ClashMap, nodeId: string, draft: EvidenceDraft): EditResult {
  const evidence = withQuoteId(draft, quoteIds(map));
  const source = map.sources.find((s) => s.id === evidence.sourceId);
  if (!source) return { ok: false, reason: 'That source is not in this map.' };
  const problem = quoteMismatch(evidence, source);
  if (problem) return { ok: false, reason: `The quote ${problem}.` };
  const node = map.nodes.find((n) => n.id === nodeId);
  if (!node) return { ok: false, reason: 'That node no longer exists.' };
  return { ok: true, change: updateNode(map, nodeId, { evidence: [...node.evidence, evidence] }) };
}

/**
 * Adds a quote from a source that is not in the map yet, given by its citation (title, author,
 * URL, date, and its text if at hand): the source and the quote in one change, so one undo
 * takes both away. Without the text, the quote is kept as not checked against a text.
 */
export function addCitedQuote(
  map: ClashMap,
  nodeId: string,
  citation: Omit<Source, 'id'>,
  draft: Omit<EvidenceDraft, 'sourceId'>,
): EditResult {
  const { change: sourceChange, id } = addSource(map, citation);
  const quote = addEvidence(applyChange(map, sourceChange), nodeId, { ...draft, sourceId: id });
  if (!quote.ok) return quote;
  return { ok: true, change: joinChanges(sourceChange, quote.change) };
}

/**
 * Finds a quote's text in its source again (the occurrence nearest its old place) and moves its
 * offsets there. Refused when the source no longer contains the quote.
 */
export function reanchorEvidence(map: ClashMap, nodeId: string, index: number): EditResult {
  const node = map.nodes.find((n) => n.id === nodeId);
  const evidence = node?.evidence[index];
  if (!node || !evidence) return { ok: false, reason: 'That quote no longer exists.' };
  const source = map.sources.find((s) => s.id === evidence.sourceId);
  if (!source?.text) return { ok: false, reason: 'Its source has no text to find the quote in.' };
  const at = anchorQuote(source.text, evidence.quote, evidence.start);
  if (!at) {
    return {
      ok: false,
      reason:
        'The quote is no longer in the source text. Edit the quote or the source so they match.',
    };
  }
  const list = node.evidence.slice();
  list[index] = { ...evidence, ...at };
  return { ok: true, change: updateNode(map, nodeId, { evidence: list }) };
}
