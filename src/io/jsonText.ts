import { LIMITS } from '../model/limits';
import type { Issue } from '../model/issue';
import { formatPath } from '../model/issue';

/** Keys that could reach an object's prototype if any later code merged them naively. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

export interface JsonSyntaxError {
  line: number;
  column: number;
  reason: string;
}

export type JsonResult =
  | { ok: true; value: unknown }
  | { ok: false; syntax: JsonSyntaxError }
  | { ok: false; structure: Issue };

/**
 * Parses JSON text and checks its shape for hostile structure (forbidden keys, deep nesting).
 * Syntax errors are located by our own scanner so that every engine reports the same place.
 */
export function parseJsonText(text: string): JsonResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, syntax: locateSyntaxError(text) };
  }
  const structure = findHostileStructure(value) ?? findDuplicateKey(text);
  return structure ? { ok: false, structure } : { ok: true, value };
}

interface Frame {
  value: object;
  key: PropertyKey;
  parent: Frame | null;
  depth: number;
}

function pathOf(frame: Frame | null): string {
  const keys: PropertyKey[] = [];
  for (let f = frame; f?.parent; f = f.parent) keys.push(f.key);
  return showInvisible(formatPath(keys.reverse()));
}

function findHostileStructure(root: unknown): Issue | null {
  if (root === null || typeof root !== 'object') return null;
  // Iterative walk: a recursive one could itself be the stack overflow a hostile file aims for.
  // Only objects and arrays are pushed, each with a link to its parent rather than a copy of its
  // path, so a 10 MB list of numbers or empty objects costs little time and memory; the path is
  // spelled out only for the one issue reported. Children are pushed in reverse, so the walk
  // meets them depth-first in file order.
  const stack: Frame[] = [{ value: root, key: '', parent: null, depth: 0 }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { value, depth } = frame;
    if (depth >= LIMITS.depth) {
      return {
        path: pathOf(frame),
        message: `is nested more than ${LIMITS.depth} levels deep, far deeper than any map needs`,
      };
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const child: unknown = value[i];
        if (child !== null && typeof child === 'object')
          stack.push({ value: child, key: i, parent: frame, depth: depth + 1 });
      }
      continue;
    }
    const keys = Object.keys(value);
    for (const key of keys) {
      if (FORBIDDEN_KEYS.has(key)) {
        const where = pathOf(frame);
        const subject = where ? 'has' : 'the file has';
        return { path: where, message: `${subject} the key "${key}", which is never allowed` };
      }
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const child: unknown = (value as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object')
        stack.push({ value: child, key, parent: frame, depth: depth + 1 });
    }
  }
  return null;
}

interface OpenContainer {
  /** True for an object, false for a list. */
  object: boolean;
  /** The keys seen so far in an object, made at its first key (most objects in a list are small). */
  keys: Set<string> | null;
  /** Where this container is in its parent: a key, or an index in a list. */
  key: PropertyKey;
  /** For a list, the index of the next element. */
  index: number;
}

/** Characters that end a number, true, false or null: whitespace, ",", "]" and "}". */
const endsLiteral = (c: number) =>
  c === 32 || c === 9 || c === 10 || c === 13 || c === 44 || c === 93 || c === 125;

/**
 * The first object, in file order, that has the same key twice, as an issue naming it.
 * JSON.parse silently keeps the last value, so `{"text": "A", "text": "B"}` would open as "B"
 * while another reader (or a person reading the file) sees "A". Scans `text`, which
 * JSON.parse has already accepted, so it need not check syntax.
 */
export function findDuplicateKey(text: string): Issue | null {
  const open: OpenContainer[] = [];
  // In an object: the key just read, until its value has been read.
  let pendingKey: string | null = null;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const top = open[open.length - 1];
    if (c === 34 /* " */) {
      const start = i;
      for (;;) {
        const q = text.indexOf('"', i + 1);
        // An odd number of backslashes just before a quote escapes it.
        let slashes = 0;
        for (let k = q - 1; k > start && text.charCodeAt(k) === 92; k--) slashes++;
        i = q + 1;
        if (slashes % 2 === 0) break;
        i = q;
      }
      if (top?.object && pendingKey === null) {
        const raw = text.slice(start + 1, i - 1);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(start, i)) as string) : raw;
        top.keys ??= new Set();
        if (top.keys.has(key)) {
          const path = showInvisible(formatPath(open.slice(1).map((o) => o.key)));
          const name = showInvisible(JSON.stringify(key));
          return {
            path,
            message: path
              ? `the key ${name} appears twice`
              : `the key ${name} appears twice in the file's top-level object`,
          };
        }
        top.keys.add(key);
        pendingKey = key;
      } else {
        if (top && !top.object) top.index++;
        pendingKey = null;
      }
      continue;
    }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      let key: PropertyKey = '';
      if (top?.object) key = pendingKey ?? '';
      else if (top) key = top.index++;
      pendingKey = null;
      open.push({ object: c === 123, keys: null, key, index: 0 });
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      open.pop();
      pendingKey = null;
    } else if (c === 44 /* , */) {
      pendingKey = null;
    } else if (c > 32 && c !== 58 /* : */) {
      // A number, true, false or null: one value, read to its end.
      if (top && !top.object) top.index++;
      pendingKey = null;
      while (i < n && !endsLiteral(text.charCodeAt(i))) i++;
      continue;
    }
    i++;
  }
  return null;
}

// Format characters (bidirectional controls, zero-width characters), line and paragraph
// separators and lone surrogates: shown as \u escapes in messages, so that text quoted from a
// hostile file cannot reorder or hide the words of the message around it.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;

/** `text` with invisible and control characters written as `\uXXXX`, for error messages. */
export function showInvisible(text: string): string {
  // Both halves of an astral character, as JSON would escape them.
  return text.replace(INVISIBLE, (char) =>
    [...Array(char.length).keys()]
      .map((k) => `\\u${char.charCodeAt(k).toString(16).padStart(4, '0')}`)
      .join(''),
  );
}

const VISIBLE_CHAR = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** How a message names one character of a file: `"x"`, or `U+00A0` when it would not show. */
function describeChar(char: string): string {
  if (VISIBLE_CHAR.test(char)) return JSON.stringify(char);
  const code = char.codePointAt(0) ?? 0;
  const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code >= 0xd800 && code <= 0xdfff) return `${name} (a broken character)`;
  return /^\p{Zs}$/u.test(char) ? `${name} (a space)` : `${name} (an invisible character)`;
}

/** Finds the first syntax error in text that JSON.parse rejected, as a line and column. */
export function locateSyntaxError(text: string): JsonSyntaxError {
  let i = 0;
  const fail = (reason: string, at = i): JsonSyntaxError => {
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < at && k < text.length; k++) {
      if (text.charCodeAt(k) === 10) {
        line++;
        lineStart = k + 1;
      }
    }
    return { line, column: at - lineStart + 1, reason };
  };
  // The whole character at `at` (both halves of a surrogate pair), never half of one.
  const charAt = (at: number) => String.fromCodePoint(text.codePointAt(at)!);
  const describe = (ch: string | undefined, at = i) =>
    ch === undefined ? 'the end of the file' : describeChar(charAt(at));
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const readString = (): JsonSyntaxError | null => {
    i++; // opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return null;
      }
      if (c < 32)
        return fail(
          'a string contains a raw control character or line break (missing closing quote?)',
        );
      if (c === 92) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
            return fail('bad \\u escape in a string');
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else if (next === undefined) return fail('the file ends inside a string');
        else {
          const after = charAt(i + 1);
          return fail(
            VISIBLE_CHAR.test(after)
              ? `bad escape "\\${after}" in a string`
              : `a "\\" in a string is followed by ${describeChar(after)}, which is not an escape`,
          );
        }
      } else i++;
    }
    return fail('the file ends inside a string');
  };
  // Sticky, so that a number is matched in place however long it is (a slice would cut a
  // 500-digit number short and blame its 401st digit).
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const readNumber = (): JsonSyntaxError | null => {
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(text);
    // Only a "-" not followed by a digit fails to match.
    if (!match)
      return fail(`expected a digit after "-" but found ${describe(text[i + 1], i + 1)}`, i + 1);
    i += match[0].length;
    return null;
  };
  // Explicit stack of open containers: '{' or '['.
  const open: string[] = [];
  type Expect = 'value' | 'afterValue' | 'key' | 'colon';
  let expect: Expect = 'value';
  skipSpace();
  if (i >= text.length) return fail('the file is empty');
  for (;;) {
    skipSpace();
    const ch = text[i];
    // Hand-edited files often gain comments, which JSON (unlike JSONC or JSON5) never allows.
    if (ch === '/' && (text[i + 1] === '/' || text[i + 1] === '*'))
      return fail('comments are not allowed in JSON');
    if (expect === 'value') {
      if (ch === undefined) return fail('the file ends where a value was expected');
      if (ch === '{' || ch === '[') {
        open.push(ch);
        i++;
        skipSpace();
        if (ch === '{') {
          if (text[i] === '}') {
            open.pop();
            i++;
            expect = 'afterValue';
          } else expect = 'key';
        } else if (text[i] === ']') {
          open.pop();
          i++;
          expect = 'afterValue';
        }
        continue;
      }
      let err: JsonSyntaxError | null = null;
      if (ch === '"') err = readString();
      else if (ch === '-' || (ch >= '0' && ch <= '9')) err = readNumber();
      else if (text.startsWith('true', i)) i += 4;
      else if (text.startsWith('false', i)) i += 5;
      else if (text.startsWith('null', i)) i += 4;
      else if (ch === "'") return fail('strings must use double quotes, not single quotes');
      else return fail(`unexpected ${describe(ch)} where a value was expected`);
      if (err) return err;
      expect = 'afterValue';
    } else if (expect === 'afterValue') {
      const top = open[open.length - 1];
      if (top === undefined) {
        if (ch === undefined) return fail('the JSON parser rejected this file'); // should not happen
        return fail(`unexpected ${describe(ch)} after the end of the data`);
      }
      if (ch === ',') {
        i++;
        skipSpace();
        if (text[i] === '}' || text[i] === ']')
          return fail(`trailing comma before ${describe(text[i])}`);
        expect = top === '{' ? 'key' : 'value';
      } else if ((ch === '}' && top === '{') || (ch === ']' && top === '[')) {
        open.pop();
        i++;
      } else if (ch === undefined) {
        return fail(
          `the file ends before the ${top === '{' ? 'object' : 'list'} is closed (truncated?)`,
        );
      } else {
        return fail(`expected "," or "${top === '{' ? '}' : ']'}" but found ${describe(ch)}`);
      }
    } else if (expect === 'key') {
      if (ch !== '"') {
        if (ch === undefined) return fail('the file ends where a key was expected (truncated?)');
        return fail(`expected a key in double quotes but found ${describe(ch)}`);
      }
      const err = readString();
      if (err) return err;
      expect = 'colon';
    } else {
      if (ch !== ':') return fail(`expected ":" after a key but found ${describe(ch)}`);
      i++;
      expect = 'value';
    }
  }
}
