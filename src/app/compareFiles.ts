import type { StudentFile } from '../compare/report';
import {
  defaultSettings,
  parseSettings,
  serializeSettings,
  type CompareSettings,
} from '../compare/settings';
import { formatIssue } from '../model/issue';
import { openFailureLines, readMapFile } from './openFile';

/** The files a teacher chose or dropped, read as maps; each that does not open carries its errors. */
export async function readStudentFiles(files: readonly File[]): Promise<StudentFile[]> {
  return Promise.all(
    files.map(async (file): Promise<StudentFile> => {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return { name: file.name, ok: false, errors: [`The file could not be read: ${reason}`] };
      }
      const result = await readMapFile(bytes);
      if (result.ok) return { name: file.name, ok: true, map: result.map };
      return { name: file.name, ok: false, errors: await openFailureLines(result) };
    }),
  );
}

/** A teacher's settings file read, or the lines that say what is wrong with it. */
export async function readSettingsFile(
  file: File,
): Promise<{ ok: true; settings: CompareSettings } | { ok: false; lines: string[] }> {
  const parsed = parseSettings(await file.text());
  if (parsed.ok) return parsed;
  return {
    ok: false,
    lines: [
      `${file.name} is not a compare settings file Clashmap can use:`,
      ...parsed.issues.map(formatIssue),
    ],
  };
}

// The browser also remembers the teacher's decisions per model, so closing the view or the
// tab loses none; the file (Save decisions) is what travels with the model.
const KEY_PREFIX = 'clashmap.compare.';

/** The decisions, threshold and weights last used with the model of this title, in this browser. */
export function rememberedSettings(modelTitle: string): CompareSettings {
  try {
    const text = localStorage.getItem(KEY_PREFIX + modelTitle);
    if (text === null) return defaultSettings();
    const parsed = parseSettings(text);
    return parsed.ok ? parsed.settings : defaultSettings();
  } catch {
    return defaultSettings();
  }
}

/** Keeps the settings for the model of this title, in this browser (quietly, when storage refuses). */
export function rememberSettings(modelTitle: string, settings: CompareSettings): void {
  try {
    localStorage.setItem(KEY_PREFIX + modelTitle, serializeSettings(settings));
  } catch {
    // Storage full or refused: the decisions still live in the open view and in Save decisions.
  }
}
