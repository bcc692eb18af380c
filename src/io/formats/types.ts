import type { Issue } from '../../model/issue';
import type { ClashMap } from '../../model/map';

/**
 * Something a conversion could not carry over, in plain words. `path` says where: a map path
 * (`nodes[3].evidence[0]`) on export, a place in the foreign file (`line 12`, `nodes[4]`,
 * `1.2.3.`) on import, or several such places joined when one kind of loss happened often.
 */
export interface Loss {
  path: string;
  message: string;
  /** How many places the loss covers (at least 1). */
  count: number;
}

/** The text of an exported file and what the format could not hold, or why it failed. */
export type ExportResult =
  { ok: true; value: string; losses: Loss[] } | { ok: false; errors: Issue[] };

/** A validated map read from a foreign file and what it lost on the way, or why it failed. */
export type ImportResult =
  { ok: true; value: ClashMap; losses: Loss[] } | { ok: false; errors: Issue[] };

/** The identifiers of every format the registry knows. */
export type FormatId =
  'clashmap' | 'markdown' | 'argdown' | 'aif' | 'kialo' | 'flower' | 'dot' | 'graphml';

/**
 * One file format: how to name and type its files, and the converters it supports. A format
 * without `export` can only be imported, and one without `import` can only be exported.
 */
export interface Format {
  id: FormatId;
  /** What a menu calls it, e.g. "Argdown". */
  label: string;
  /** The file name ending, with its dot, e.g. ".argdown". */
  extension: string;
  mimeType: string;
  export?: (map: ClashMap) => ExportResult;
  /** Always asynchronous, because some importers load their parser on demand. */
  import?: (text: string) => Promise<ImportResult>;
}
