import type { Issue } from '../model/issue';
import { formatIssue } from '../model/issue';
import { CURRENT_VERSION } from '../model/map';

/** Why a file could not be opened as a map. Every kind carries the issues that explain it. */
export type ParseError =
  | { kind: 'unreadable'; issues: Issue[] }
  | { kind: 'tooLarge'; issues: Issue[] }
  | { kind: 'badEncoding'; issues: Issue[] }
  | { kind: 'notJson'; line: number; column: number; issues: Issue[] }
  | { kind: 'notAClashmap'; recognizedAs?: string; issues: Issue[] }
  | { kind: 'versionTooNew'; version: number; issues: Issue[] }
  | { kind: 'migrationFailed'; fromVersion: number; issues: Issue[] }
  /** `issues` is capped; `total` counts every problem found, reported or not. */
  | { kind: 'invalidContent'; issues: Issue[]; total?: number };

/**
 * A file that starts with two byte order marks: one is how some editors mark UTF-8, a second is
 * damage (a tool that adds one on every save), and left alone it reads as a bare syntax error.
 */
export const DOUBLED_BOM_ISSUE: Issue = {
  path: '',
  message:
    'the file starts with two byte order marks (U+FEFF); remove the extra one and open it again',
};

// "an Excalidraw file", "an AIF … file", "an npm package.json file", but "a tldraw file".
const withArticle = (name: string) => `${/^(?:[aeiou]|npm\b)/i.test(name) ? 'an' : 'a'} ${name}`;

/** A one-sentence headline for a parse error, in words a user understands. */
export function describeParseError(error: ParseError): string {
  switch (error.kind) {
    case 'unreadable':
      return 'This file could not be read.';
    case 'tooLarge':
      return 'This file is too large to open.';
    case 'badEncoding':
      return 'This file is not UTF-8 text.';
    case 'notJson':
      return `This file is not valid JSON (line ${error.line}, column ${error.column}).`;
    case 'notAClashmap':
      return error.recognizedAs
        ? `This looks like ${withArticle(error.recognizedAs)} file, not a Clashmap map.`
        : 'This is not a Clashmap map file.';
    case 'versionTooNew':
      return `This map was made with a newer Clashmap (format version ${error.version}; this app reads up to ${CURRENT_VERSION}). Update Clashmap to open it.`;
    case 'migrationFailed':
      return `This map's format version ${error.fromVersion} could not be upgraded.`;
    case 'invalidContent': {
      const count = error.total ?? error.issues.length;
      return `This map file has ${count === 1 ? 'a problem' : `${count.toLocaleString('en-US')} problems`}.`;
    }
    default: {
      const unreachable: never = error;
      return unreachable;
    }
  }
}

/** Every line a user or a terminal should see for a parse error: headline, then issues. */
export function parseErrorLines(error: ParseError): string[] {
  return [describeParseError(error), ...error.issues.map(formatIssue)];
}
