import type { ParseResult } from './parse';
import { readMapText } from './readMap';

/** The map that opens on first launch, shipped in public/maps. */
export const ARTICLE_MAP_FILE = 'cartel-drone-strikes.clashmap.json';

/** Fetches and validates a map shipped with the app. */
export async function loadBundledMap(fileName: string): Promise<ParseResult> {
  const url = `${import.meta.env.BASE_URL}maps/${fileName}`;
  let text: string;
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    text = await response.text();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: {
        kind: 'unreadable',
        issues: [{ path: '', message: `could not load ${url}: ${reason}` }],
      },
    };
  }
  return readMapText(text, { brokenQuotes: 'warn' });
}
