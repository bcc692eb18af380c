import { readFileSync } from 'node:fs';
import { parseMap } from '../../../src/io/parse';
import type { ParseError } from '../../../src/io/parseError';
import type { ClashMap } from '../../../src/model/map';

export const ARTICLE_MAP_PATH = 'public/maps/cartel-drone-strikes.clashmap.json';
/** A byte-for-byte copy of the article the shipped map quotes (kept in the repo so tests run anywhere). */
export const ARTICLE_TEXT_PATH = 'tests/fixtures/cartel-drone-strikes-article.txt';

/** A JSON object as a file holds it: loose enough to break on purpose. */
export type Fields = Record<string, unknown>;
export interface Doc extends Fields {
  sources: Fields[];
  nodes: Array<Fields & { evidence: Fields[] }>;
  edges: Fields[];
}

/** The source text the small valid document quotes: 69 characters, ASCII only. */
export const SOURCE_TEXT = 'Mexico coordinates and collaborates, but does not subordinate itself.';

/**
 * A small valid document: one source, a position, a claim quoting the source at 41–68
 * ("does not subordinate itself"), and one support edge from the claim to the position.
 */
export function validDoc(): Doc {
  return {
    format: 'clashmap',
    version: 5,
    title: 'Strikes',
    sources: [{ id: 'article', title: 'Report', text: SOURCE_TEXT }],
    nodes: [
      { id: 'pos', kind: 'position', text: 'Cooperate with Mexico', evidence: [] },
      {
        id: 'claim',
        kind: 'claim',
        text: 'Mexico will not be subordinated',
        evidence: [
          {
            id: 'q1',
            sourceId: 'article',
            quote: 'does not subordinate itself',
            start: 41,
            end: 68,
            speaker: 'Claudia Sheinbaum',
          },
        ],
      },
    ],
    edges: [{ id: 'e1', from: 'claim', to: 'pos', kind: 'support' }],
  };
}

/** The file text of the small valid document after `change` has been applied to it. */
export function fileWith(change: (doc: Doc) => void): string {
  const doc = validDoc();
  change(doc);
  return JSON.stringify(doc, null, 2);
}

/** The error parseMap gives for `text`; fails the test if the text parses. */
export function parseFailure(text: string): ParseError {
  const result = parseMap(text);
  if (result.ok) throw new Error('expected the file to be refused, but it parsed');
  return result.error;
}

/** The map parseMap gives for `text`; fails the test, with the reasons, if it is refused. */
export function parseSuccess(text: string): ClashMap {
  const result = parseMap(text);
  if (!result.ok) throw new Error(`expected a map, got: ${JSON.stringify(result.error)}`);
  return result.map;
}

export const readArticleMap = (): ClashMap => parseSuccess(readFileSync(ARTICLE_MAP_PATH, 'utf8'));

// Astral characters (the flag is two surrogate pairs), curly quotes, CRLF and a tab, so that
// offsets are exercised as UTF-16 code units and odd whitespace survives a round trip.
const ALL_FIELDS_TEXT =
  'Sheinbaum: “We reject any form of intervention or interference.” 🇲🇽\r\n' +
  'DePetris:\tdemand for fentanyl still exists in the US.';
const span = (quote: string) => {
  const start = ALL_FIELDS_TEXT.indexOf(quote);
  if (start < 0) throw new Error(`not in the text: ${quote}`);
  return { quote, start, end: start + quote.length };
};

/** A valid map that sets every optional field the current format has. */
export function allFieldsMap(): ClashMap {
  return {
    format: 'clashmap',
    version: 5,
    title: 'Drone strikes on cartels',
    description: 'Every field.\nTwo lines.',
    sources: [
      {
        id: 'interview',
        title: 'Press conference',
        author: 'Dave DeCamp',
        publisher: 'Antiwar.com',
        published: '2025-05-06',
        url: 'https://news.antiwar.com/2025/05/06/report/',
        text: ALL_FIELDS_TEXT,
      },
      { id: 'book', title: 'A book nobody quotes', published: '2024-02' },
    ],
    nodes: [
      {
        id: 'pos-coop',
        kind: 'position',
        text: 'Act only with Mexico',
        evidence: [
          {
            id: 'q2',
            sourceId: 'interview',
            ...span('We reject any form of intervention or interference.'),
            speaker: 'Claudia Sheinbaum',
          },
        ],
        position: { x: -120.5, y: 40 },
        tags: ['sovereignty', 'Mexico 🇲🇽'],
        notes: 'Line one\n\tindented line two',
        side: 'aff',
        speech: '1AC',
      },
      {
        id: 'claim-demand',
        kind: 'claim',
        text: 'Demand keeps the trade alive',
        evidence: [
          {
            id: 'q3',
            sourceId: 'interview',
            ...span('demand for fentanyl still exists in the US'),
            speaker: 'Daniel DePetris',
          },
        ],
        position: { x: 1_000_000, y: -1_000_000 },
        tags: [],
        notes: '',
        side: 'aff',
        speech: '2AC',
        sheet: 'pos-coop',
        conceded: '2AR',
      },
      { id: 'claim-strikes-work', kind: 'claim', text: 'Strikes would cut supply', evidence: [] },
    ],
    edges: [
      { id: 'e-demand-coop', from: 'claim-demand', to: 'pos-coop', kind: 'support', note: 'why' },
      { id: 'e-demand-strikes', from: 'claim-demand', to: 'claim-strikes-work', kind: 'rebuttal' },
    ],
    round: { format: 'policy', aff: 'Northside AB', neg: 'Lakeview CD' },
  };
}
