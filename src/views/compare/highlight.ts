/** Which drawing a card is in. */
export type Side = 'model' | 'student';

/** Ids lit in each drawing: a selected card, or what "Show on map" shows. */
export interface Highlight {
  model: ReadonlySet<string>;
  student: ReadonlySet<string>;
}

/** Nothing lit. */
export const NOTHING: Highlight = { model: new Set(), student: new Set() };

/** 0.37 → "37%". */
export const percent = (value: number) => `${Math.round(value * 100)}%`;
