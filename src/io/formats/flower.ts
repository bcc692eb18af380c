import { debateFormat, speechOf, type DebateFormat, type Side } from '../../model/debateFormats';
import type { Edge } from '../../model/edge';
import { formatPath, type Issue } from '../../model/issue';
import { LIMITS } from '../../model/limits';
import { emptyMap, type ClashMap } from '../../model/map';
import type { MapNode } from '../../model/node';
import type { EdgeKind } from '../../model/relations/registry';
import {
  cleanField,
  finishImport,
  importFailure,
  importFailures,
  LossLog,
  makeId,
  plural,
  readImportJson,
} from './shared';
import type { ImportResult } from './types';

/*
 * Flower (github.com/Ashwagandhae/debate-flow) saves a flow as JSON, `{"nodes": …, "version": 1}`
 * (getJson in its src/lib/models/file.ts). `nodes` is an object of records by id: "root" holds
 * the flows (sheets), a flow holds the boxes of its first column, and each box holds the boxes
 * of the next column that answer it. A flow has `content` (its name), `columns` (its speeches)
 * and `invert` (true for the negative's sheets); a box has `content`, and may be `crossed`,
 * `bold`, `empty` (a spacer that puts a box in a later column) or `isExtension` (an arrow across
 * the other side's column: the boxes under it extend the box above it). Saves from before
 * version 1 are a list of flows with their boxes nested as `children` (OldFlows in its oldType.ts).
 *
 * Each flow becomes a position (its sheet) and each box a claim on that sheet, made in the
 * speech of its column; a box answers the box it sits under (a rebuttal), a first-column box
 * supports its sheet, and a box under an extension extends the box above it. Flower's own
 * column names (policy's "2NC/1NR", Lincoln–Douglas's "NR" for the NC's answers, Public Forum's
 * "AC", "NC", … in either order) are read as the speeches of Clashmap's formats.
 */

const FLOWER_VERSION = 1;

interface FlowerBox {
  path: string;
  id: string | undefined;
  content: string;
  empty: boolean;
  crossed: boolean;
  bold: boolean;
  isExtension: boolean;
  children: FlowerBox[];
}

interface FlowerFlow {
  path: string;
  id: string | undefined;
  content: string;
  invert: boolean;
  columns: string[];
  children: FlowerBox[];
}

type Read = { ok: true; flows: FlowerFlow[]; unreached: number } | { ok: false; errors: Issue[] };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.slice(0, 40))}`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

/** Collects shape errors, at most a screenful. */
class Problems {
  readonly list: Issue[] = [];
  add(path: string, message: string) {
    if (this.list.length < 50) this.list.push({ path, message });
  }
  text(record: Record<string, unknown>, key: string, path: string, required = true): string {
    const value = record[key];
    if (typeof value === 'string') return value;
    if (value !== undefined || required)
      this.add(
        `${path}.${key}`,
        value === undefined ? 'is missing' : `must be text, not ${kindOf(value)}`,
      );
    return '';
  }
  flag(record: Record<string, unknown>, key: string, path: string): boolean {
    const value = record[key];
    if (value === undefined || value === null) return false;
    if (typeof value === 'boolean') return value;
    this.add(`${path}.${key}`, `must be true or false, not ${kindOf(value)}`);
    return false;
  }
  texts(record: Record<string, unknown>, key: string, path: string): string[] {
    const value = record[key];
    if (!Array.isArray(value)) {
      this.add(
        `${path}.${key}`,
        value === undefined ? 'is missing' : `must be a list, not ${kindOf(value)}`,
      );
      return [];
    }
    return value.flatMap((item, i) => {
      if (typeof item === 'string') return [item];
      this.add(`${path}.${key}[${i}]`, `must be text, not ${kindOf(item)}`);
      return [];
    });
  }
}

/** Version 1: records by id, the tree held together by `children` lists of ids. */
function readNodes(nodes: Record<string, unknown>): Read {
  const problems = new Problems();
  const byId = new Map<string, Record<string, unknown>>();
  for (const [id, record] of Object.entries(nodes)) {
    const path = formatPath(['nodes', id]);
    if (!isRecord(record)) problems.add(path, `must be an object, not ${kindOf(record)}`);
    else if (!isRecord(record.value))
      problems.add(
        `${path}.value`,
        record.value === undefined
          ? 'is missing'
          : `must be an object, not ${kindOf(record.value)}`,
      );
    else byId.set(id, record);
  }
  const root = byId.get('root');
  if (!root) {
    if (!Object.prototype.hasOwnProperty.call(nodes, 'root'))
      problems.add('nodes.root', 'is missing; every Flower save has a root that holds its flows');
    return { ok: false, errors: problems.list };
  }
  const seen = new Set<string>(['root']);
  const tagOf = (record: Record<string, unknown>) => (record.value as Record<string, unknown>).tag;
  // The ids a node holds that are there, of the tag it may hold, and held nowhere else.
  const childIds = (record: Record<string, unknown>, path: string, tag: 'flow' | 'box'): string[] =>
    problems.texts(record, 'children', path).filter((child, i) => {
      const where = `${path}.children[${i}]`;
      const held = byId.get(child);
      if (!held) {
        problems.add(where, `no node has the id ${JSON.stringify(child)}`);
        return false;
      }
      if (tagOf(held) !== tag) {
        const what =
          tagOf(held) === 'box' ? 'a box' : tagOf(held) === 'flow' ? 'a flow' : kindOf(tagOf(held));
        problems.add(
          where,
          `${JSON.stringify(child)} is ${what}; ${tag === 'flow' ? 'the root holds flows' : 'a flow or a box holds boxes'}`,
        );
        return false;
      }
      if (seen.has(child)) {
        problems.add(
          where,
          `${JSON.stringify(child)} is already held by another node (a box has one place)`,
        );
        return false;
      }
      seen.add(child);
      return true;
    });

  const readBox = (id: string): FlowerBox => {
    const record = byId.get(id)!;
    const path = formatPath(['nodes', id]);
    const value = record.value as Record<string, unknown>;
    const box: FlowerBox = {
      path,
      id,
      content: problems.text(value, 'content', `${path}.value`),
      empty: problems.flag(value, 'empty', `${path}.value`),
      crossed: problems.flag(value, 'crossed', `${path}.value`),
      bold: problems.flag(value, 'bold', `${path}.value`),
      isExtension: problems.flag(value, 'isExtension', `${path}.value`),
      children: [],
    };
    box.children = childIds(record, path, 'box').map(readBox);
    return box;
  };

  if (tagOf(root) !== 'root')
    problems.add('nodes.root.value.tag', `must be "root", not ${kindOf(tagOf(root))}`);
  const flows = childIds(root, 'nodes.root', 'flow').map((id): FlowerFlow => {
    const record = byId.get(id)!;
    const path = formatPath(['nodes', id]);
    const value = record.value as Record<string, unknown>;
    const flow: FlowerFlow = {
      path,
      id,
      content: problems.text(value, 'content', `${path}.value`),
      invert: problems.flag(value, 'invert', `${path}.value`),
      columns: problems.texts(value, 'columns', `${path}.value`),
      children: [],
    };
    flow.children = childIds(record, path, 'box').map(readBox);
    return flow;
  });
  for (const [id, record] of byId) {
    const tag = tagOf(record);
    if (tag !== 'root' && tag !== 'flow' && tag !== 'box')
      problems.add(
        `${formatPath(['nodes', id])}.value.tag`,
        `must be "root", "flow" or "box", not ${kindOf(tag)}`,
      );
  }
  if (problems.list.length > 0) return { ok: false, errors: problems.list };
  return { ok: true, flows, unreached: byId.size - seen.size };
}

/** Version 0: a list of flows, each with its boxes nested under `children`. */
function readOldFlows(flows: unknown[]): Read {
  const problems = new Problems();
  const readBox = (value: unknown, path: string): FlowerBox | null => {
    if (!isRecord(value)) {
      problems.add(path, `must be an object, not ${kindOf(value)}`);
      return null;
    }
    const children = Array.isArray(value.children) ? value.children : [];
    if (!Array.isArray(value.children) && value.children !== undefined)
      problems.add(`${path}.children`, `must be a list, not ${kindOf(value.children)}`);
    return {
      path,
      id: undefined,
      content: problems.text(value, 'content', path),
      empty: problems.flag(value, 'empty', path),
      crossed: problems.flag(value, 'crossed', path),
      bold: false,
      isExtension: false,
      children: children.flatMap((child, i) => readBox(child, `${path}.children[${i}]`) ?? []),
    };
  };
  const read = flows.flatMap((value, i): FlowerFlow[] => {
    const path = `[${i}]`;
    if (!isRecord(value)) {
      problems.add(path, `must be a flow object, not ${kindOf(value)}`);
      return [];
    }
    const children = Array.isArray(value.children) ? value.children : [];
    if (!Array.isArray(value.children))
      problems.add(
        `${path}.children`,
        value.children === undefined
          ? 'is missing'
          : `must be a list, not ${kindOf(value.children)}`,
      );
    return [
      {
        path,
        id: undefined,
        content: problems.text(value, 'content', path),
        invert: problems.flag(value, 'invert', path),
        columns: problems.texts(value, 'columns', path),
        children: children.flatMap((child, j) => readBox(child, `${path}.children[${j}]`) ?? []),
      },
    ];
  });
  return problems.list.length > 0
    ? { ok: false, errors: problems.list }
    : { ok: true, flows: read, unreached: 0 };
}

/** How Flower's column names read as the speeches of one of Clashmap's formats. */
interface ColumnReading {
  format: DebateFormat;
  speechOf: ReadonlyMap<string, string>;
}

const POLICY_COLUMNS = new Map([
  ['1AC', '1AC'],
  ['1NC', '1NC'],
  ['2AC', '2AC'],
  // Flower flows the negative block in one column; it counts as one turn here too.
  ['2NC/1NR', '2NC'],
  ['1AR', '1AR'],
  ['2NR', '2NR'],
  ['2AR', '2AR'],
]);
// Flower's Lincoln–Douglas aff sheet calls the NC's answers "NR" and the NR "2NR".
const LD_COLUMNS = new Map([
  ['AC', 'AC'],
  ['NC', 'NC'],
  ['NR', 'NC'],
  ['1AR', '1AR'],
  ['2NR', 'NR'],
  ['2AR', '2AR'],
]);
const PF_COLUMNS = new Map([
  ['AC', 'PC'],
  ['NC', 'CC'],
  ['AR', 'PR'],
  ['NR', 'CR'],
  ['AS', 'PS'],
  ['NS', 'CS'],
  ['AFF', 'PFF'],
  ['NFF', 'CFF'],
]);

function readColumns(flows: FlowerFlow[]): ColumnReading | null {
  const all = flows.flatMap((f) => f.columns);
  if (all.length === 0) return null;
  const within = (table: ReadonlyMap<string, string>) => all.every((c) => table.has(c));
  if (within(POLICY_COLUMNS)) return { format: debateFormat('policy')!, speechOf: POLICY_COLUMNS };
  if (within(LD_COLUMNS) && all.some((c) => c === '1AR' || c === '2NR'))
    return { format: debateFormat('lincoln-douglas')!, speechOf: LD_COLUMNS };
  if (within(PF_COLUMNS)) {
    // Which team spoke first shows in the second column: after AC comes NC (pro first) or NR.
    const conFirst = flows.some(
      (f) =>
        (f.columns[0] === 'AC' && f.columns[1] === 'NR') ||
        (f.columns[0] === 'NC' && f.columns[1] === 'AC'),
    );
    const id = conFirst ? 'public-forum-con-first' : 'public-forum-pro-first';
    return { format: debateFormat(id)!, speechOf: PF_COLUMNS };
  }
  return null;
}

/** Reads a Flower save (version 1, or a list of flows from before) into a map. */
export async function importFlower(text: string): Promise<ImportResult> {
  const json = readImportJson(text);
  if (!json.ok) return json.failure;
  const root = json.value;
  let read: Read;
  if (Array.isArray(root)) read = readOldFlows(root);
  else if (!isRecord(root)) {
    return importFailure(
      '',
      `a Flower save holds an object with "nodes" and "version", not ${kindOf(root)}`,
    );
  } else {
    const version = root.version;
    if (version !== undefined && version !== 0 && version !== FLOWER_VERSION) {
      return importFailure(
        'version',
        `is ${kindOf(version)}; Clashmap reads Flower saves of version ${FLOWER_VERSION} (and the list of flows Flower saved before it)`,
      );
    }
    if (!isRecord(root.nodes)) {
      return importFailure(
        'nodes',
        root.nodes === undefined
          ? 'is missing; a Flower save holds "nodes", its flows and boxes by id'
          : `must be an object of flows and boxes by id, not ${kindOf(root.nodes)}`,
      );
    }
    read = readNodes(root.nodes);
  }
  if (!read.ok) return importFailures(read.errors);
  if (read.flows.length === 0) return importFailure('', 'the save holds no flows');
  return Promise.resolve(buildMap(read.flows, read.unreached));
}

function buildMap(flows: FlowerFlow[], unreached: number): ImportResult {
  const losses = new LossLog();
  if (unreached > 0)
    losses.add(
      'nodes',
      `${plural(unreached, 'box')} that no flow holds (left over in the save) were left out`,
    );
  const reading = readColumns(flows);
  if (!reading) {
    const names = [...new Set(flows.flatMap((f) => f.columns))].slice(0, 8).join(', ');
    losses.add(
      '',
      `Flower’s columns (${names}) are not the speeches of a format Clashmap knows (policy, Lincoln–Douglas, Public Forum), so the arguments have no speeches`,
    );
  }
  const taken = new Set<string>();
  const nodes: MapNode[] = [];
  const edges: Edge[] = [];
  let edgeCount = 0;
  const link = (from: string, to: string, kind: EdgeKind) => {
    edges.push({ id: `e${++edgeCount}`, from, to, kind });
  };
  const speechAt = (flow: FlowerFlow, column: number, path: string): string | undefined => {
    const name = flow.columns[column];
    if (!reading) return undefined;
    if (name === undefined) {
      losses.add(path, 'Boxes beyond the last column of their flow have no speech');
      return undefined;
    }
    const speech = reading.speechOf.get(name);
    if (name === '2NC/1NR')
      losses.add(
        path,
        'Flower\u2019s "2NC/1NR" column was read as the 2NC (the negative block counts as one turn)',
      );
    return speech !== undefined && speechOf(reading.format, speech) ? speech : undefined;
  };
  const sideOf = (speech: string | undefined): Side | undefined =>
    speech === undefined || !reading ? undefined : speechOf(reading.format, speech)?.side;

  flows.forEach((flow, index) => {
    const name = flow.content.trim() === '' ? `Flow ${index + 1}` : flow.content;
    if (flow.content.trim() === '')
      losses.add(
        `${flow.path}.value.content`,
        'Flows without a name were named "Flow 1", "Flow 2", …',
      );
    const sheetId = makeId(flow.id ?? `flow-${index + 1}`, taken, 'flow');
    const side: Side = flow.invert ? 'neg' : 'aff';
    const opened = speechAt(flow, 0, flow.path);
    const sheet: MapNode = {
      id: sheetId,
      kind: 'position',
      text: cleanField(name, LIMITS.nodeTextLength, losses, flow.path, 'A flow name'),
      evidence: [],
      side,
      ...(opened !== undefined && sideOf(opened) === side ? { speech: opened } : {}),
    };
    nodes.push(sheet);

    /** Adds a box and what it holds; `above` is the claim it sits under (or the sheet). */
    const addBox = (
      box: FlowerBox,
      column: number,
      above: { id: string; side: Side | undefined } | null,
      extends_: boolean,
    ) => {
      const path = box.id ? `${box.path}.value` : box.path;
      if (box.isExtension) {
        // The extension arrow itself says nothing; the boxes under it carry the argument on.
        for (const child of box.children) addBox(child, column + 1, above, true);
        return;
      }
      let here: { id: string; side: Side | undefined } | null = null;
      if (box.content.trim() === '') {
        if (!box.empty)
          losses.add(
            `${path}.content`,
            'Boxes left blank were left out; what answered them is kept, unlinked',
          );
      } else {
        const speech = speechAt(flow, column, box.path);
        const claimSide = sideOf(speech);
        const id = makeId(box.id ?? `box-${nodes.length}`, taken, 'box');
        const tags: string[] = [];
        if (box.crossed) {
          tags.push('crossed out');
          losses.add(
            path,
            'Flower does not say who crossed a box out or in which speech: it is tagged "crossed out", not marked conceded',
          );
        }
        if (box.bold) losses.add(path, 'Bold boxes are not bold in Clashmap');
        nodes.push({
          id,
          kind: 'claim',
          text: cleanField(
            box.content,
            LIMITS.nodeTextLength,
            losses,
            `${path}.content`,
            'Box text',
          ),
          evidence: [],
          ...(tags.length > 0 ? { tags } : {}),
          ...(speech !== undefined ? { speech } : {}),
          sheet: sheetId,
        });
        here = { id, side: claimSide };
        if (above) {
          const sameSide = above.side !== undefined && above.side === claimSide;
          const known = above.side !== undefined && claimSide !== undefined;
          if (extends_) {
            if (known && !sameSide) {
              losses.add(path, 'An extension that crosses to the other side was read as an answer');
              link(id, above.id, 'rebuttal');
            } else link(id, above.id, 'extends');
          } else if (above.id === sheetId) {
            link(id, sheetId, known && !sameSide ? 'rebuttal' : 'support');
          } else link(id, above.id, known && sameSide ? 'support' : 'rebuttal');
        }
      }
      // A spacer or a blank box passes nothing on: what sits under it answers nothing known.
      for (const child of box.children) addBox(child, column + 1, here, false);
    };
    for (const box of flow.children) addBox(box, 0, { id: sheetId, side }, false);
  });

  if (nodes.length > LIMITS.nodes)
    return importFailure(
      'nodes',
      `the save has ${nodes.length.toLocaleString('en-US')} flows and boxes; a map holds at most ${LIMITS.nodes.toLocaleString('en-US')}`,
    );

  const names = flows.map((f, i) => (f.content.trim() === '' ? `Flow ${i + 1}` : f.content.trim()));
  const title = cleanField(
    `Flower flow: ${names.join(', ')}`,
    LIMITS.titleLength,
    new LossLog(),
    '',
    'The title',
  );
  const map: ClashMap = {
    ...emptyMap(title),
    nodes,
    edges,
    ...(reading ? { round: { format: reading.format.id } } : {}),
  };
  // Flower keeps boxes, not what they mean: whether a crossed-out or blank box changed the
  // round's outcome is not in the file, so the report says it cannot be told (issue 16).
  if (losses.list().length > 0)
    losses.add(
      '',
      'Clashmap cannot tell whether these losses change which claims stand: a Flower file holds boxes, not who conceded what',
    );
  return finishImport(map, losses);
}
