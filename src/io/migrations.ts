import { CURRENT_VERSION } from '../model/map';

/** A plain JSON object as read from a file, before validation. */
export type RawDocument = Record<string, unknown>;

/**
 * MIGRATIONS[n] turns a version-n document into a version-(n+1) one. Append only: never edit
 * or remove a shipped migration, and give every new one a frozen fixture and a test.
 */
export const MIGRATIONS: Readonly<Record<number, (doc: RawDocument) => RawDocument>> = {
  1: giveQuotesAndStepsIds,
  2: allowQuotesWithoutOffsets,
  3: allowRounds,
  4: allowArguments,
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Version 1 → 2: every quote and every presentation step gets an id, so each can be addressed,
 * merged and changed on its own. The ids are derived from the order in the file (quotes `q1`,
 * `q2`, … across all nodes in order; steps `step1`, `step2`, …), so two machines that open the
 * same version-1 file give its records the same ids. Ids made later are random (`q-…`), so they
 * never meet these. The step runs before validation: what is not the shape version 1 has is
 * left for validation to report.
 */
function giveQuotesAndStepsIds(doc: RawDocument): RawDocument {
  let quotes = 0;
  const nodes = Array.isArray(doc.nodes)
    ? doc.nodes.map((node: unknown) =>
        isRecord(node) && Array.isArray(node.evidence)
          ? {
              ...node,
              evidence: node.evidence.map((quote: unknown) =>
                isRecord(quote) ? { id: `q${++quotes}`, ...quote } : quote,
              ),
            }
          : node,
      )
    : doc.nodes;
  const presentation = doc.presentation;
  let steps = 0;
  const migratedPresentation =
    isRecord(presentation) && Array.isArray(presentation.steps)
      ? {
          ...presentation,
          steps: presentation.steps.map((step: unknown) =>
            isRecord(step) ? { id: `step${++steps}`, ...step } : step,
          ),
        }
      : presentation;
  return {
    ...doc,
    ...(doc.nodes === undefined ? {} : { nodes }),
    ...(presentation === undefined ? {} : { presentation: migratedPresentation }),
  };
}

/**
 * Version 2 → 3: a quote may now be kept without offsets, when the text of its source is not at
 * hand (it is then "not checked against a text"). Every version-2 document is already a valid
 * version-3 one, so nothing changes but the version; the step exists so that an older app,
 * which cannot read a quote without offsets, refuses a version-3 file instead of misreading it.
 */
function allowQuotesWithoutOffsets(doc: RawDocument): RawDocument {
  return doc;
}

/**
 * Version 3 → 4: a map may hold a debate round (the map's `round`; on nodes `side`, `speech`,
 * `sheet` and `conceded`) and three more relation kinds (`extends`, `turns`, `cross-applies`).
 * Every version-3 document is already a valid version-4 one, so nothing changes but the
 * version; the step exists so that an older app refuses a round instead of misreading it.
 */
function allowRounds(doc: RawDocument): RawDocument {
  return doc;
}

/**
 * Version 4 → 5: a map may hold arguments (nodes of kind `argument`, with a `scheme`) and four
 * more relation kinds (`premise`, `concludes`, `undercut`, `contrary`). Every version-4 document
 * is already a valid version-5 one, so nothing changes but the version; the step exists so that
 * an older app refuses a map with arguments instead of misreading it.
 */
function allowArguments(doc: RawDocument): RawDocument {
  return doc;
}

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
