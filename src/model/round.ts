import { z } from './zod';
import {
  DEBATE_FORMAT_IDS,
  DEFAULT_DEBATE_FORMAT,
  debateFormat,
  SIDES,
  speechIndex,
  speechOf,
  speechesOf,
  type DebateFormat,
  type Side,
} from './debateFormats';
import type { Edge } from './edge';
import { idSchema } from './ids';
import type { Issue } from './issue';
import { LIMITS } from './limits';
import type { ClashMap } from './map';
import type { MapNode } from './node';
import { relationKind } from './relations/registry';
import { proseSchema } from './text';

/**
 * A map may hold a debate round: which format it was debated in and who debated it, and on its
 * nodes, who made each argument, in which speech, on which sheet, and whether it was crossed
 * out. All of it is optional, so a map that is not a round needs none of it.
 *
 * Sheets are positions. A sheet of a paper flow is one position in the round (an advantage, a
 * disadvantage, a counterplan, a value), and the map already has that position as a node that
 * can stand or fall and be argued over; a separate table of sheets would hold the same thing
 * twice and need its own merging and sync. So a claim names its sheet by a position's id.
 */

export const sideSchema = z.enum(SIDES, { error: 'must be "aff" or "neg"' });

const SPEECH_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,15}$/;
/** A speech as its format names it ("1AC"); which speeches exist is checked against the format. */
export const speechIdSchema = z
  .string()
  .check(z.regex(SPEECH_ID, { error: 'must be a speech name such as "1AC" or "2NR"' }));

/** The fields a node may carry in a round (both kinds). */
export const roundNodeFields = {
  /** Which side made the argument (a position: whose sheet it is). */
  side: z.optional(sideSchema),
  /** The speech it was made in. */
  speech: z.optional(speechIdSchema),
  /**
   * The speech in which it was crossed out (conceded). Crossed out by its own side, it is given
   * up and falls; crossed out by the other side, it is granted and stands.
   */
  conceded: z.optional(speechIdSchema),
};

/** A claim's sheet: the id of a position. */
export const sheetField = { sheet: z.optional(idSchema) };

export const roundSchema = z.strictObject({
  format: z.enum(DEBATE_FORMAT_IDS, {
    error: `must be ${DEBATE_FORMAT_IDS.map((id) => `"${id}"`).join(', ')}`,
  }),
  aff: z.optional(proseSchema(LIMITS.titleLength, { allowEmpty: false })),
  neg: z.optional(proseSchema(LIMITS.titleLength, { allowEmpty: false })),
});

/** The round a map holds: its format, and the names of the two teams. */
export type Round = z.infer<typeof roundSchema>;

/** The format of the map's round (policy when the map names none). */
export function formatOfMap(map: Pick<ClashMap, 'round'>): DebateFormat {
  return (map.round && debateFormat(map.round.format)) ?? DEFAULT_DEBATE_FORMAT;
}

/** The side that made a node, from its `side` or else from its speech; undefined when neither. */
export function sideOfNode(node: MapNode, format: DebateFormat): Side | undefined {
  if (node.side) return node.side;
  return node.speech === undefined ? undefined : speechOf(format, node.speech)?.side;
}

function speechList(format: DebateFormat): string {
  return speechesOf(format)
    .map((s) => s.id)
    .join(', ');
}

const roundCache = new WeakMap<readonly MapNode[], boolean>();

/**
 * Whether the map holds a debate round: it names one, or some node was made in a speech.
 * Cached by the nodes array (edits replace it), so asking on every store update costs nothing.
 */
export function holdsRound(map: Pick<ClashMap, 'nodes' | 'round'>): boolean {
  if (map.round !== undefined) return true;
  let known = roundCache.get(map.nodes);
  if (known === undefined) {
    known = map.nodes.some((node) => node.speech !== undefined);
    roundCache.set(map.nodes, known);
  }
  return known;
}

/** The node's sheet: a position is its own sheet, a claim names one (or has none). */
export const sheetOfNode = (node: MapNode): string | undefined =>
  node.kind === 'position' ? node.id : node.kind === 'claim' ? node.sheet : undefined;

/** What is wrong with one node's round fields, as issues under `path` (`nodes[3]`). */
export function nodeRoundIssues(
  node: MapNode,
  path: string,
  format: DebateFormat,
  nodeById: (id: string) => MapNode | undefined,
): Issue[] {
  const issues: Issue[] = [];
  const made = node.speech === undefined ? undefined : speechOf(format, node.speech);
  if (node.speech !== undefined && !made) {
    issues.push({
      path: `${path}.speech`,
      message: `"${node.speech}" is not a speech of ${format.name} debate (${speechList(format)})`,
    });
  }
  if (made && node.side !== undefined && made.side !== node.side) {
    issues.push({
      path: `${path}.side`,
      message: `is "${node.side}", but the ${made.id} is given by the ${made.side}`,
    });
  }
  if (node.conceded !== undefined) {
    if (!speechOf(format, node.conceded)) {
      issues.push({
        path: `${path}.conceded`,
        message: `"${node.conceded}" is not a speech of ${format.name} debate (${speechList(format)})`,
      });
    } else if (made && speechIndex(format, node.conceded) < speechIndex(format, made.id)) {
      issues.push({
        path: `${path}.conceded`,
        message: `is the ${node.conceded}, before the ${made.id} where the argument was made`,
      });
    }
  }
  if (node.kind === 'claim' && node.sheet !== undefined) {
    const sheet = nodeById(node.sheet);
    if (!sheet) {
      issues.push({
        path: `${path}.sheet`,
        message: `names no node ("${node.sheet}"); a sheet is a position`,
      });
    } else if (sheet.kind !== 'position') {
      issues.push({
        path: `${path}.sheet`,
        message: `names the claim "${node.sheet}"; a sheet is a position`,
      });
    }
  }
  return issues;
}

/**
 * What is wrong with an edge given the sides of its ends: an extension carries an argument of
 * its own side, and a turn answers the other side. Edges between nodes without a side pass.
 */
export function edgeRoundIssue(
  edge: Edge,
  path: string,
  format: DebateFormat,
  nodeById: (id: string) => MapNode | undefined,
): Issue | null {
  const role = relationKind(edge.kind).flow;
  if (role !== 'extension' && role !== 'turn') return null;
  const from = nodeById(edge.from);
  const to = nodeById(edge.to);
  if (!from || !to) return null;
  const fromSide = sideOfNode(from, format);
  const toSide = sideOfNode(to, format);
  if (fromSide === undefined || toSide === undefined) return null;
  const noun = relationKind(edge.kind).names.noun;
  if (role === 'extension' && fromSide !== toSide)
    return {
      path,
      message: `an ${noun} carries an argument of its own side, but it runs from the ${fromSide} to the ${toSide}`,
    };
  if (role === 'turn' && fromSide === toSide)
    return { path, message: `a ${noun} answers the other side, but both ends are ${fromSide}` };
  return null;
}

/** Every fault of the map's round: speeches the format lacks, sides that disagree, sheets. */
export function checkRound(map: ClashMap): Issue[] {
  const format = formatOfMap(map);
  const byId = new Map<string, MapNode>();
  for (const node of map.nodes) if (!byId.has(node.id)) byId.set(node.id, node);
  const lookup = (id: string) => byId.get(id);
  const issues: Issue[] = [];
  map.nodes.forEach((node, i) =>
    issues.push(...nodeRoundIssues(node, `nodes[${i}]`, format, lookup)),
  );
  map.edges.forEach((edge, i) => {
    const issue = edgeRoundIssue(edge, `edges[${i}]`, format, lookup);
    if (issue) issues.push(issue);
  });
  return issues;
}
