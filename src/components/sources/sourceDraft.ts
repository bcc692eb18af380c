import type { Source } from '../../model/source';

/**
 * The source form's fields as they are being typed, kept in this browser at each keystroke, so
 * that closing the form, the source panel or the tab loses none of it: the form shows them
 * again the next time it is opened for the same thing (a new source, or that source's edit).
 * Dropped once the source is saved, or when the fields are back to where they started.
 */
export type SourceFields = Record<keyof Omit<Source, 'id'>, string>;

const FIELDS = ['title', 'author', 'publisher', 'published', 'url', 'text'] as const;

/** A new source's draft, or the draft of an edit of the source with this id. */
const keyOf = (sourceId: string | null) =>
  sourceId === null ? 'clashmap.source-draft.new' : `clashmap.source-draft.${sourceId}`;

/** The form's fields for `source` as it is (all empty for a new source). */
export function fieldsOf(source: Source | undefined): SourceFields {
  return {
    title: source?.title ?? '',
    author: source?.author ?? '',
    publisher: source?.publisher ?? '',
    published: source?.published ?? '',
    url: source?.url ?? '',
    text: source?.text ?? '',
  };
}

const sameFields = (a: SourceFields, b: SourceFields) => FIELDS.every((f) => a[f] === b[f]);

/** The kept draft for a new source (`null`) or for editing a source, if there is one. */
export function readSourceDraft(sourceId: string | null): SourceFields | null {
  try {
    const text = localStorage.getItem(keyOf(sourceId));
    if (!text) return null;
    const value = JSON.parse(text) as Record<string, unknown> | null;
    if (!value || typeof value !== 'object') return null;
    const draft = fieldsOf(undefined);
    for (const field of FIELDS) {
      const v = value[field];
      if (typeof v === 'string') draft[field] = v;
    }
    return draft;
  } catch {
    return null;
  }
}

/** Whether a draft is kept for a new source (`null`) or for editing a source. */
export function hasSourceDraft(sourceId: string | null): boolean {
  try {
    return localStorage.getItem(keyOf(sourceId)) !== null;
  } catch {
    return false;
  }
}

/** Keeps `fields` as the draft, or drops the draft when they are what the form started from. */
export function writeSourceDraft(
  sourceId: string | null,
  fields: SourceFields,
  start: SourceFields,
): void {
  try {
    if (sameFields(fields, start)) localStorage.removeItem(keyOf(sourceId));
    else localStorage.setItem(keyOf(sourceId), JSON.stringify(fields));
  } catch {
    // Storage full or turned off: the draft lives only in the form, as before.
  }
}

/** Drops the draft (the source was saved). */
export function clearSourceDraft(sourceId: string | null): void {
  try {
    localStorage.removeItem(keyOf(sourceId));
  } catch {
    // Nothing to drop where localStorage is unavailable.
  }
}
