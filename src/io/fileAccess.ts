import { MAP_FILE_EXTENSION, MAP_MIME_TYPE } from '../model/map';

// The file picker library loads once the first map is drawn (see main.tsx), or at the first
// Open or Save: it is not needed to show a map, and the initial JavaScript has a budget
// (npm run bench -- --size-only).
type FileAccess = typeof import('browser-fs-access');
let fsAccess: Promise<FileAccess> | null = null;
let loaded: FileAccess | null = null;
export const loadFileAccess = () =>
  (fsAccess ??= import('browser-fs-access').then((module) => (loaded = module)));

// The handle of the file the open map came from, so that Save writes back to it where the
// browser allows (File System Access API); elsewhere saving downloads a file.
let currentHandle: FileSystemFileHandle | null = null;

/**
 * True where Save can write back to the opened file instead of downloading: where the File
 * System Access API is there and the page is not in a cross-origin frame (browser-fs-access's
 * own test, which it decides by too).
 */
export const canWriteBack = (() => {
  if (typeof self === 'undefined' || !('showOpenFilePicker' in self)) return false;
  if ('top' in self && self !== top) {
    try {
      void top?.location.href;
    } catch {
      return false;
    }
  }
  return true;
})();

interface PickOptions {
  description: string;
  extensions: string[];
  mimeTypes?: string[];
  id?: string;
}

/**
 * Asks the user for one file, at once: a browser opens a file picker only while the click or
 * key that asked for it is fresh (about five seconds), so the picker must not wait for the
 * library to load. Once loaded, browser-fs-access picks (with a handle to save back to, where
 * the browser has one); before that, a plain file input does.
 */
export function pickFile(options: PickOptions): Promise<File & { handle?: FileSystemFileHandle }> {
  if (loaded) return loaded.fileOpen(options);
  void loadFileAccess();
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = [...(options.mimeTypes ?? []), ...options.extensions].join(',');
    const abort = () => reject(new DOMException('No file was chosen.', 'AbortError'));
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (file) resolve(file);
      else abort();
    });
    input.addEventListener('cancel', abort);
    input.click();
  });
}

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

export interface OpenedFile {
  name: string;
  bytes: Uint8Array;
  /** Adopt the picked file's handle for later saves; call only once the map is accepted. */
  adopt: () => void;
}

/** Asks the user for a map file. Resolves to null when they cancel. */
export async function pickMapFile(): Promise<OpenedFile | null> {
  try {
    const file = await pickFile({
      description: 'Clashmap map',
      extensions: [MAP_FILE_EXTENSION, '.json', '.svg'],
      mimeTypes: [MAP_MIME_TYPE, 'application/json', 'image/svg+xml'],
      id: 'clashmap',
    });
    return {
      name: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
      adopt: () => {
        currentHandle = file.handle ?? null;
      },
    };
  } catch (error) {
    if (isAbort(error)) return null;
    throw error;
  }
}

/** Forgets the file handle: the next Save asks where to save. */
export function forgetFileHandle(): void {
  currentHandle = null;
}

/** A file name for a map that has none: its title, made safe, with the map extension. */
export function suggestFileName(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .toLowerCase()
    .slice(0, 60);
  return `${base || 'map'}${MAP_FILE_EXTENSION}`;
}

/**
 * Saves map text: back to the opened file where possible (unless `saveAs`), otherwise through
 * a save dialog or a download. Resolves to the file name used, or null when the user cancels.
 */
export async function saveMapText(
  text: string,
  fileName: string,
  { saveAs = false } = {},
): Promise<string | null> {
  const blob = new Blob([text], { type: MAP_MIME_TYPE });
  try {
    const { fileSave } = await loadFileAccess();
    const handle = await fileSave(
      blob,
      { fileName, extensions: [MAP_FILE_EXTENSION], description: 'Clashmap map', id: 'clashmap' },
      saveAs ? null : currentHandle,
    );
    if (handle) currentHandle = handle;
    return handle?.name ?? fileName;
  } catch (error) {
    if (isAbort(error)) return null;
    throw error;
  }
}

/** Offers map text as a download, bypassing file handles (used when storage fails). */
export function downloadMapText(text: string, fileName: string): void {
  downloadText(text, fileName, MAP_MIME_TYPE);
}

/** Offers text (an export) or a blob (an image) as a download under `fileName`. */
export function downloadText(content: string | Blob, fileName: string, mimeType: string): void {
  const blob = typeof content === 'string' ? new Blob([content], { type: mimeType }) : content;
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
