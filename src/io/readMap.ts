import type { Issue } from '../model/issue';
import { checkInvariants, checkQuotes, checkStructure } from '../model/invariants';
import { LIMITS } from '../model/limits';
import { CURRENT_VERSION, MAP_FORMAT, mapSchema, type ClashMap } from '../model/map';
import { findDuplicateKey, findHostileStructure } from './jsonChecks';
import { migrate, type RawDocument } from './migrations';
import type { ParseOptions, ParseResult } from './parse';

/**
 * The map in `text`, with its quote warnings, when `parseMap` accepts the text; undefined when
 * it does not. The same stages as `parseMap` (size, JSON, envelope, counts, migrations, schema,
 * invariants) without saying what is wrong: what a valid file needs is small, and what explains
 * an invalid one (JSON syntax located, other tools' files recognised, every message) is not.
 * `parseMap` decides validity here, so the two cannot disagree.
 */
export function readValidMap(
  text: string,
  options: ParseOptions = {},
): { map: ClashMap; warnings: Issue[] } | undefined {
  if (text.length > LIMITS.fileBytes) return undefined;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.charCodeAt(0) === 0xfeff) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (findHostileStructure(value) ?? findDuplicateKey(body)) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const doc = value as RawDocument;
  if (doc.format !== MAP_FORMAT) return undefined;
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return undefined;
  if (version > CURRENT_VERSION || checkCounts(doc).length > 0) return undefined;
  const migrated = migrate(doc, version);
  if (!migrated.ok) return undefined;
  const parsed = mapSchema.safeParse(migrated.document);
  if (!parsed.success) return undefined;
  const map = parsed.data as ClashMap;
  if (options.brokenQuotes === 'warn') {
    if (checkStructure(map).length > 0) return undefined;
    return { map, warnings: checkQuotes(map) };
  }
  if (checkInvariants(map).length > 0) return undefined;
  return { map, warnings: [] };
}

/**
 * Reads map text the app stored or shipped (the autosaved map, the bundled maps): a valid map at
 * once; for an invalid one the full parser, loaded then, says why.
 */
export async function readMapText(text: string, options: ParseOptions = {}): Promise<ParseResult> {
  const valid = readValidMap(text, options);
  if (valid) return { ok: true, ...valid };
  const { parseMap } = await import('./parse');
  return parseMap(text, options);
}

/** Lists (nodes, edges, sources, and each node's quotes and tags) longer than the limits allow. */
export function checkCounts(doc: RawDocument): Issue[] {
  const issues: Issue[] = [];
  const limits = [
    ['nodes', LIMITS.nodes],
    ['edges', LIMITS.edges],
    ['sources', LIMITS.sources],
  ] as const;
  for (const [field, max] of limits) {
    const list = doc[field];
    if (Array.isArray(list) && list.length > max) {
      issues.push({
        path: field,
        message: `has ${list.length.toLocaleString('en-US')} entries; a map may have at most ${max.toLocaleString('en-US')}`,
      });
    }
  }
  if (issues.length > 0 || !Array.isArray(doc.nodes)) return issues;
  // The lists inside nodes too, before the schema reads every entry of a hostile 10 MB one;
  // the messages are the schema's own.
  doc.nodes.forEach((node: unknown, i) => {
    if (node === null || typeof node !== 'object') return;
    const { evidence, tags } = node as RawDocument;
    if (Array.isArray(evidence) && evidence.length > LIMITS.evidencePerNode)
      issues.push({
        path: `nodes[${i}].evidence`,
        message: `has more than ${LIMITS.evidencePerNode} quotes`,
      });
    if (Array.isArray(tags) && tags.length > LIMITS.tagsPerNode)
      issues.push({
        path: `nodes[${i}].tags`,
        message: `has more than ${LIMITS.tagsPerNode} tags`,
      });
  });
  return issues;
}
