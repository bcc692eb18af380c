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
  const structure = findHostileStructure(value);
  return structure ? { ok: false, structure } : { ok: true, value };
}

function findHostileStructure(root: unknown): Issue | null {
  // Iterative walk: a recursive one could itself be the stack overflow a hostile file aims for.
  const stack: Array<{ value: unknown; path: PropertyKey[] }> = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= LIMITS.depth) {
      return {
        path: formatPath(path),
        message: `is nested more than ${LIMITS.depth} levels deep, far deeper than any map needs`,
      };
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], path: [...path, i] });
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        const where = formatPath(path);
        const subject = where ? 'has' : 'the file has';
        return { path: where, message: `${subject} the key "${key}", which is never allowed` };
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return null;
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
  const describe = (ch: string | undefined) =>
    ch === undefined ? 'the end of the file' : JSON.stringify(ch);
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
        else return fail(`bad escape \\${next ?? ''} in a string`);
      } else i++;
    }
    return fail('the file ends inside a string');
  };
  const readNumber = (): JsonSyntaxError | null => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match || match[0].length === 0) return fail(`unexpected ${describe(text[i])}`);
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
