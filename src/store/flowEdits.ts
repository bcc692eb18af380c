import { addFlowArgument as flowArgument, crossOut as crossOutIn } from '../model/flowOps';
import type { FlowArgumentDraft } from '../model/flowOps';
import { cleanProseDeep } from '../model/text';
import type { ClashmapStore } from './store';

/**
 * The flow view's edits to the open map, through the store's one path for edits (applyEdit):
 * they load with the flow view, not with the app.
 */

/** Adds an argument made in a speech of the round, on a sheet; its id (selected), or null. */
export function addFlowArgument(store: ClashmapStore, draft: FlowArgumentDraft): string | null {
  const { map, applyEdit } = store.getState();
  const result = flowArgument(map, cleanProseDeep(draft));
  if (!result.ok) {
    applyEdit(result);
    return null;
  }
  const [id] = result.change.nodes.added.keys();
  return applyEdit(result, { selectedNodeIds: id ? [id] : [], selectedEdgeIds: [] })
    ? (id ?? null)
    : null;
}

/** Crosses an argument out in a speech (a concession), or with null takes that back. */
export function crossOut(store: ClashmapStore, id: string, speech: string | null): boolean {
  const { map, applyEdit } = store.getState();
  return applyEdit(crossOutIn(map, id, speech));
}
