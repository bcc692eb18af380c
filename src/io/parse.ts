import type { core } from 'zod/mini';
import { checkInvariants, checkQuotes, checkStructure } from '../model/invariants';
import { formatPath, type Issue } from '../model/issue';
import { LIMITS } from '../model/limits';
import { CURRENT_VERSION, MAP_FORMAT, mapSchema, type ClashMap } from '../model/map';
import { nodeKindList } from '../model/node';
import { describeMarkup, recognizeForeignFormat, recognizeForeignText } from './foreignFormats';
import { parseJsonText, showInvisible } from './jsonText';
import { migrate, type RawDocument } from './migrations';
import { checkCounts, readValidMap } from './readMap';
import { DOUBLED_BOM_ISSUE, type ParseError } from './parseError';

/**
 * A parsed map, with `warnings` for quotes that no longer match their source (only when those
 * are allowed), or the reason the text is not a map.
 */
export type ParseResult =
  { ok: true; map: ClashMap; warnings: Issue[] } | { ok: false; error: ParseError };

export interface ParseOptions {
  /**
   * 'error' (the default, and what `clashmap validate` uses): a quote that does not match its
   * source span makes the file invalid. 'warn': the map opens and the quotes are reported, so
   * the app can flag them and offer to re-anchor them instead of refusing the user's work.
   */
  brokenQuotes?: 'error' | 'warn';
}

/** Most issues a single parse reports; past that a summary line says how many more. */
export const MAX_REPORTED_ISSUES = 100;

const fail = (error: ParseError): ParseResult => ({ ok: false, error });
const invalid = (issues: Issue[]): ParseResult =>
  fail({ kind: 'invalidContent', issues: capIssues(issues), total: issues.length });

/**
 * Turns file text into a validated map, in stages: size, JSON syntax, envelope, migrations,
 * schema, invariants. Never throws; every failure names where and why.
 */
export function parseMap(text: string, options: ParseOptions = {}): ParseResult {
  // Validity is decided by readValidMap (what the app loads at start to read its stored map);
  // this module, with everything that explains a failure, loads only when one needs explaining.
  const valid = readValidMap(text, options);
  return valid ? { ok: true, ...valid } : explainInvalid(text, options);
}

/** The same stages again, for text readValidMap refused: what is wrong, and where. */
function explainInvalid(text: string, options: ParseOptions): ParseResult {
  if (text.length > LIMITS.fileBytes) {
    return fail({
      kind: 'tooLarge',
      issues: [
        {
          path: '',
          message: `the file is larger than the ${LIMITS.fileBytes / 1024 / 1024} MB limit`,
        },
      ],
    });
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.charCodeAt(0) === 0xfeff) return invalid([DOUBLED_BOM_ISSUE]);
  const json = parseJsonText(body);
  if (!json.ok) {
    if ('syntax' in json) {
      const foreign = recognizeForeignText(body);
      if (foreign) {
        return fail({
          kind: 'notAClashmap',
          recognizedAs: foreign.app,
          issues: [
            {
              path: '',
              message: `the file is ${foreign.content}, not JSON; a map file is JSON with "format": "clashmap"`,
            },
          ],
        });
      }
      const { line, column, reason } = json.syntax;
      const markup = describeMarkup(body);
      return fail({
        kind: 'notJson',
        line,
        column,
        issues: [
          {
            path: `line ${line}, column ${column}`,
            message: markup ? `this looks like ${markup}, not JSON` : reason,
          },
        ],
      });
    }
    return invalid([json.structure]);
  }
  const value = json.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail({
      kind: 'notAClashmap',
      issues: [{ path: '', message: `the file holds ${describeValue(value)}, not a map object` }],
    });
  }
  const doc = value as RawDocument;
  if (doc.format !== MAP_FORMAT) {
    const recognizedAs = recognizeForeignFormat(doc);
    const message =
      doc.format === undefined
        ? 'is missing; a map file has "format": "clashmap"'
        : `is ${describeValue(doc.format)}, not "clashmap"`;
    return fail({
      kind: 'notAClashmap',
      ...(recognizedAs ? { recognizedAs } : {}),
      issues: [{ path: 'format', message }],
    });
  }
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return invalid([
      {
        path: 'version',
        message: mustBe('a whole number from 1 up', version),
      },
    ]);
  }
  if (version > CURRENT_VERSION) {
    return fail({
      kind: 'versionTooNew',
      version,
      issues: [
        {
          path: 'version',
          message: `is ${version}; this Clashmap reads versions up to ${CURRENT_VERSION}`,
        },
      ],
    });
  }
  const counts = checkCounts(doc);
  if (counts.length > 0) return invalid(counts);

  const migrated = migrate(doc, version);
  if (!migrated.ok) {
    return fail({
      kind: 'migrationFailed',
      fromVersion: migrated.fromVersion,
      issues: [{ path: 'version', message: migrated.reason }],
    });
  }
  const parsed = mapSchema.safeParse(migrated.document);
  if (!parsed.success) return invalid(zodIssues(parsed.error.issues, migrated.document));
  const map = parsed.data as ClashMap;
  if (options.brokenQuotes === 'warn') {
    const problems = checkStructure(map);
    if (problems.length > 0) return invalid(problems);
    return { ok: true, map, warnings: checkQuotes(map) };
  }
  const problems = checkInvariants(map);
  if (problems.length > 0) return invalid(problems);
  return { ok: true, map, warnings: [] };
}

function capIssues(issues: Issue[]): Issue[] {
  if (issues.length <= MAX_REPORTED_ISSUES) return issues;
  const more = issues.length - MAX_REPORTED_ISSUES;
  return [
    ...issues.slice(0, MAX_REPORTED_ISSUES),
    { path: '', message: `…and ${more} more problem${more === 1 ? '' : 's'}` },
  ];
}

/** "must be X, not Y", or "is missing; it must be X" when there is nothing there. */
function mustBe(expected: string, actual: unknown): string {
  return actual === undefined
    ? `is missing; it must be ${expected}`
    : `must be ${expected}, not ${describeValue(actual)}`;
}

/**
 * Text from the file, quoted for a message: shortened, never cut inside a surrogate pair, with
 * invisible and control characters escaped so they cannot disguise the message.
 */
function quoted(text: string, max = 40): string {
  let shown = text;
  if (text.length > max) {
    let cut = max - 3;
    const last = text.charCodeAt(cut - 1);
    if (last >= 0xd800 && last <= 0xdbff) cut--;
    shown = `${text.slice(0, cut)}…`;
  }
  return showInvisible(JSON.stringify(shown));
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `the text ${quoted(value)}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return `${value}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

const EXPECTED_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function zodIssues(issues: readonly core.$ZodIssue[], document: unknown): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const path = issue.path;
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          const where = formatPath(path);
          const subject = where ? 'has' : 'the map has';
          out.push({ path: where, message: `${subject} an unknown field ${quoted(key, 60)}` });
        }
        break;
      case 'invalid_type': {
        const actual = valueAt(document, path);
        // JSON numbers too big for a double (1e999) arrive as Infinity, which zod calls "not a number".
        const expected =
          typeof actual === 'number' && !Number.isFinite(actual)
            ? 'a finite number'
            : (EXPECTED_WORDS[issue.expected] ?? issue.expected);
        out.push({
          path: formatPath(path),
          message: actual === undefined ? 'is missing' : mustBe(expected, actual),
        });
        break;
      }
      case 'invalid_value':
        out.push({
          path: formatPath(path),
          message: issue.message.startsWith('Invalid')
            ? `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, not ${describeValue(valueAt(document, path))}`
            : `${issue.message}, not ${describeValue(valueAt(document, path))}`,
        });
        break;
      case 'invalid_union': {
        // Only the node kind is a union; zod already points the issue at the discriminator.
        const kindPath = path[path.length - 1] === 'kind' ? path : [...path, 'kind'];
        out.push({
          path: formatPath(kindPath),
          message: mustBe(nodeKindList(), valueAt(document, kindPath)),
        });
        break;
      }
      default:
        out.push({ path: formatPath(path), message: issue.message });
    }
  }
  return out;
}
