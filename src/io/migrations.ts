import { CURRENT_VERSION } from '../model/map';

/** A plain JSON object as read from a file, before validation. */
export type RawDocument = Record<string, unknown>;

/**
 * MIGRATIONS[n] turns a version-n document into a version-(n+1) one. Append only: never edit
 * or remove a shipped migration, and give every new one a frozen fixture and a test.
 */
export const MIGRATIONS: Readonly<Record<number, (doc: RawDocument) => RawDocument>> = {};

export type MigrationResult =
  { ok: true; document: RawDocument } | { ok: false; fromVersion: number; reason: string };

/** Brings a document from `version` up to `target`, one numbered step at a time, on a clone. */
export function migrate(
  document: RawDocument,
  version: number,
  target: number = CURRENT_VERSION,
  migrations: Readonly<Record<number, (doc: RawDocument) => RawDocument>> = MIGRATIONS,
): MigrationResult {
  let current: RawDocument = structuredClone(document);
  for (let v = version; v < target; v++) {
    const step = migrations[v];
    if (!step) return { ok: false, fromVersion: v, reason: `no migration from version ${v}` };
    try {
      current = { ...step(current), version: v + 1 };
    } catch (error) {
      return {
        ok: false,
        fromVersion: v,
        reason: error instanceof Error ? error.message : String(error),
      };
    }
  }
  return { ok: true, document: current };
}
