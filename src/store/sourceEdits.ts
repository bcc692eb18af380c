import type { EvidenceDraft } from '../model/evidence';
import type { Source } from '../model/source';
import * as sourceOps from '../model/sourceOps';
import { cleanProseDeep } from '../model/text';
import type { ClashmapStore } from './store';

/**
 * The source panel's and the inspector's edits to sources and quotes, through the store's one
 * path for edits (applyEdit): they load with those panels, not with the app. Each is false (and
 * says why) when refused.
 */

/** Adds a source; its new id, or '' when refused. */
export function addSource(store: ClashmapStore, fields: Omit<Source, 'id'>): string {
  const { map, applyEdit } = store.getState();
  const { change, id } = sourceOps.addSource(map, cleanProseDeep(fields));
  return applyEdit({ ok: true, change }) ? id : '';
}

export function updateSource(
  store: ClashmapStore,
  id: string,
  patch: Partial<Omit<Source, 'id'>>,
): boolean {
  const { map, applyEdit } = store.getState();
  return applyEdit({ ok: true, change: sourceOps.updateSource(map, id, cleanProseDeep(patch)) });
}

export function removeSource(store: ClashmapStore, id: string): boolean {
  const { map, applyEdit } = store.getState();
  return applyEdit(sourceOps.removeSource(map, id));
}

export function addQuote(store: ClashmapStore, nodeId: string, evidence: EvidenceDraft): boolean {
  const { map, applyEdit } = store.getState();
  return applyEdit(sourceOps.addEvidence(map, nodeId, evidence));
}

/** Adds a quote and, in the same undo step, the source it cites (see sourceOps.addCitedQuote). */
export function addCitedQuote(
  store: ClashmapStore,
  nodeId: string,
  citation: Omit<Source, 'id'>,
  quote: Omit<EvidenceDraft, 'sourceId'>,
): boolean {
  const { map, applyEdit } = store.getState();
  return applyEdit(sourceOps.addCitedQuote(map, nodeId, cleanProseDeep(citation), quote));
}

/** Finds a quote in its source's text again (see sourceOps.reanchorEvidence). */
export function reanchorQuote(store: ClashmapStore, nodeId: string, index: number): boolean {
  const { map, applyEdit } = store.getState();
  return applyEdit(sourceOps.reanchorEvidence(map, nodeId, index));
}
