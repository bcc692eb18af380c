import type { ClashMap } from '../../model/map';
import { parseMap } from '../parse';
import { describeParseError } from '../parseError';
import { serializeMap } from '../serialize';
import type { ExportResult, ImportResult } from './types';

/** The map file itself: nothing is lost. */
export function exportClashmap(map: ClashMap): ExportResult {
  return { ok: true, value: serializeMap(map), losses: [] };
}

/** Reads a Clashmap file with parseMap; the headline of a refusal comes first. */
export async function importClashmap(text: string): Promise<ImportResult> {
  const parsed = parseMap(text);
  if (!parsed.ok) {
    return {
      ok: false,
      errors: [{ path: '', message: describeParseError(parsed.error) }, ...parsed.error.issues],
    };
  }
  return { ok: true, value: parsed.map, losses: [] };
}
