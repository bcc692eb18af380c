import { MAP_FILE_EXTENSION, MAP_MIME_TYPE } from '../../model/map';
import { exportAif, importAif } from './aif';
import { exportArgdown, importArgdown } from './argdown';
import { exportClashmap, importClashmap } from './clashmap';
import { exportDot } from './dot';
import { importFlower } from './flower';
import { exportGraphml } from './graphml';
import { importKialo } from './kialo';
import { exportMarkdown } from './markdown';
import type { Format, FormatId } from './types';

/** Every format Clashmap converts to or from, in the order a menu should list them. */
export const FORMATS: readonly Format[] = [
  {
    id: 'clashmap',
    label: 'Clashmap map',
    extension: MAP_FILE_EXTENSION,
    mimeType: MAP_MIME_TYPE,
    export: exportClashmap,
    import: importClashmap,
  },
  {
    id: 'argdown',
    label: 'Argdown',
    extension: '.argdown',
    mimeType: 'text/x-argdown',
    export: exportArgdown,
    import: importArgdown,
  },
  {
    id: 'aif',
    label: 'AIF (AIFdb JSON)',
    extension: '.json',
    mimeType: 'application/json',
    export: (map) => exportAif(map),
    import: importAif,
  },
  {
    id: 'kialo',
    label: 'Kialo discussion export',
    extension: '.txt',
    mimeType: 'text/plain',
    import: importKialo,
  },
  {
    id: 'flower',
    label: 'Flower flow (JSON)',
    extension: '.json',
    mimeType: 'application/json',
    import: importFlower,
  },
  {
    id: 'markdown',
    label: 'Markdown outline',
    extension: '.md',
    mimeType: 'text/markdown',
    export: exportMarkdown,
  },
  {
    id: 'dot',
    label: 'Graphviz DOT',
    extension: '.dot',
    mimeType: 'text/vnd.graphviz',
    export: exportDot,
  },
  {
    id: 'graphml',
    label: 'GraphML',
    extension: '.graphml',
    mimeType: 'application/graphml+xml',
    export: exportGraphml,
  },
];

/** The format with this id. */
export function getFormat(id: FormatId): Format {
  const format = FORMATS.find((f) => f.id === id);
  if (!format) throw new Error(`unknown format "${id}"`);
  return format;
}

/** The formats a map can be saved as. */
export const exportFormats = (): Format[] => FORMATS.filter((f) => f.export !== undefined);

/** The formats a map can be read from. */
export const importFormats = (): Format[] => FORMATS.filter((f) => f.import !== undefined);

/**
 * The importable format a file most likely is, from its name and its first characters, or
 * undefined when nothing fits. A guess only: the importer still validates everything.
 */
export function guessImportFormat(fileName: string, text: string): FormatId | undefined {
  const name = fileName.toLowerCase();
  const head = text
    .slice(0, 4096)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (name.endsWith(MAP_FILE_EXTENSION)) return 'clashmap';
  if (name.endsWith('.argdown') || name.endsWith('.ad')) return 'argdown';
  // Flower's save: {"nodes":{"root":{"value":{"tag":"root"},…}, or before version 1 a list of
  // flows, each with its "columns".
  if (head.startsWith('[') && /"columns"\s*:\s*\[/.test(head) && /"children"\s*:/.test(head))
    return 'flower';
  if (head.startsWith('{')) {
    if (/"format"\s*:\s*"clashmap"/.test(head)) return 'clashmap';
    if (/"tag"\s*:\s*"(root|flow)"/.test(head) && /"nodes"\s*:/.test(head)) return 'flower';
    if (/"(nodeID|fromID|AIF)"/.test(head)) return 'aif';
    return name.endsWith('.json') ? 'clashmap' : undefined;
  }
  if (/^Discussion (Title|Name)\s*:/i.test(head) || /^1\.\s/.test(head)) return 'kialo';
  if (/^===|^\[[^\]]+\]:|^<[^>]+>:/m.test(head)) return 'argdown';
  return undefined;
}
