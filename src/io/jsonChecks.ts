import { LIMITS } from '../model/limits';
import type { Issue } from '../model/issue';
import { formatPath } from '../model/issue';

/** Keys that could reach an object's prototype if any later code merged them naively. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

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

/** The first place where the value is hostile (a forbidden key, nesting too deep), as an issue. */
export function findHostileStructure(root: unknown): Issue | null {
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
