import type { Issue } from '../model/issue';
import { findDuplicateKey, findHostileStructure } from './jsonChecks';

// The checks a valid file needs are in jsonChecks.ts (the app's start reads its stored map with
// them); what locates a syntax error loads with the rest of the parser.
export {
  FORBIDDEN_KEYS,
  findDuplicateKey,
  findHostileStructure,
  showInvisible,
} from './jsonChecks';

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
