import { formatIssue, type Issue } from '../model/issue';
import type { ClashMap } from '../model/map';
import { decodeMapBytes } from './decode';
import { getFormat, guessImportFormat } from './formats/registry';
import type { FormatId, ImportResult, Loss } from './formats/types';
import { parseMap } from './parse';
import { describeParseError, type ParseError } from './parseError';
import { extractMapFromSvg } from './svgExport';

/** Every kind of file `openBytes` reads: a Clashmap map, as JSON or inside its SVG picture, or another tool's file. */
export type OpenFormatId = 'clashmap' | 'svg' | 'argdown' | 'aif' | 'kialo' | 'flower';

/** A foreign file that its importer refused, with every problem it named. */
export interface ImportError {
  kind: 'importFailed';
  format: OpenFormatId;
  /** The format's name for a person, e.g. "Argdown". */
  label: string;
  issues: Issue[];
}

/** Why a file could not be opened: a parse error of the map (or its bytes), or an importer's refusal. */
export type OpenError = ParseError | ImportError;

/** A map read from a file, the format it was read as, and what did not carry over. */
export interface OpenedMap {
  ok: true;
  map: ClashMap;
  format: OpenFormatId;
  label: string;
  /** What the file held that the map could not (always empty for Clashmap's own formats). */
  losses: Loss[];
  /** Quotes that no longer match their source, when `brokenQuotes` is 'warn'. */
  warnings: Issue[];
}

export type OpenResult = OpenedMap | { ok: false; format?: OpenFormatId; error: OpenError };

export interface MapOptions {
  /** How a map's quotes that no longer match their source count; see `parseMap`. */
  brokenQuotes?: 'error' | 'warn';
}

export interface OpenOptions extends MapOptions {
  /** Skip the guess and read the file as this format ('clashmap' also reads Clashmap's SVG). */
  from?: OpenFormatId;
}

const SVG_START = /^\uFEFF?\s*(<\?xml|<svg)/;
const SVG_LABEL = 'Clashmap SVG picture';
const MAP_LABEL = 'Clashmap map';

type ForeignId = 'argdown' | 'aif' | 'kialo' | 'flower';
const FOREIGN: ReadonlySet<string> = new Set<FormatId>(['argdown', 'aif', 'kialo', 'flower']);
const isForeign = (id: string | undefined): id is ForeignId => id !== undefined && FOREIGN.has(id);

/** The headline of an open error, in words a user understands. */
export function describeOpenError(error: OpenError): string {
  return error.kind === 'importFailed'
    ? `This ${error.label} file could not be imported.`
    : describeParseError(error);
}

/** Every line a user or a terminal should see for an open error: headline, then each issue with its place. */
export function openErrorLines(error: OpenError): string[] {
  return [describeOpenError(error), ...error.issues.map(formatIssue)];
}

/**
 * Recognises a file by its name and content and opens it as a map: Clashmap JSON, the SVG
 * Clashmap exports (which carries its map), Argdown, AIF or Kialo. Never throws. Synchronous
 * for Clashmap's own formats (so the CLI answers at once); a Promise for other tools' formats,
 * whose importers may load their parser on demand.
 */
export function openBytes(
  name: string,
  bytes: Uint8Array,
  options: OpenOptions = {},
): OpenResult | Promise<OpenResult> {
  // Size, encoding and binary content are refused before any parser sees the text.
  const decoded = decodeMapBytes(bytes);
  if (!decoded.ok) return decoded;
  const format = options.from ?? guessImportFormat(name, decoded.text);
  if (isForeign(format) && !(options.from === undefined && SVG_START.test(decoded.text))) {
    return importForeign(format, decoded.text);
  }
  return readMapText(decoded.text, options);
}

/**
 * Opens a file that should be a Clashmap map, as JSON or inside the SVG Clashmap exports (what
 * Open and `clashmap validate` accept). Anything else is refused, saying what it looks like.
 */
export function openMapBytes(bytes: Uint8Array, options: MapOptions = {}): OpenResult {
  const decoded = decodeMapBytes(bytes);
  return decoded.ok ? readMapText(decoded.text, options) : decoded;
}

function readMapText(text: string, options: MapOptions): OpenResult {
  return SVG_START.test(text)
    ? readSvg(text, options)
    : readMap(text, 'clashmap', MAP_LABEL, options);
}

function readMap(
  text: string,
  format: OpenFormatId,
  label: string,
  options: MapOptions,
): OpenResult {
  const parsed = parseMap(text, { brokenQuotes: options.brokenQuotes ?? 'error' });
  if (!parsed.ok) return { ok: false, format, error: parsed.error };
  return { ok: true, map: parsed.map, format, label, losses: [], warnings: parsed.warnings };
}

function readSvg(text: string, options: MapOptions): OpenResult {
  const extracted = extractMapFromSvg(text);
  if (!extracted.ok) {
    return {
      ok: false,
      format: 'svg',
      error: {
        kind: 'notAClashmap',
        recognizedAs: 'SVG image',
        issues: [{ path: '', message: extracted.reason }],
      },
    };
  }
  return readMap(extracted.text, 'svg', SVG_LABEL, options);
}

async function importForeign(id: ForeignId, text: string): Promise<OpenResult> {
  const format = getFormat(id);
  let result: ImportResult;
  try {
    result = await format.import!(text);
  } catch (error) {
    // An importer's bug must not take the caller down with it: report it as this file's problem.
    const message = error instanceof Error ? error.message : String(error);
    result = { ok: false, errors: [{ path: '', message }] };
  }
  if (!result.ok) {
    return {
      ok: false,
      format: id,
      error: { kind: 'importFailed', format: id, label: format.label, issues: result.errors },
    };
  }
  return {
    ok: true,
    map: result.value,
    format: id,
    label: format.label,
    losses: result.losses,
    warnings: [],
  };
}
