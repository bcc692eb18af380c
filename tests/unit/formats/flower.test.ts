import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importFlower } from '../../../src/io/formats/flower';
import { guessImportFormat } from '../../../src/io/formats/registry';
import { openBytes } from '../../../src/io/openBytes';
import { parseMap } from '../../../src/io/parse';
import { roundFlags } from '../../../src/model/flow';
import type { ClashMap } from '../../../src/model/map';
import { imported, messages, refused } from './expectations';

const DIR = 'tests/fixtures/third-party/flower';
const FLOW = readFileSync(`${DIR}/flow.json`, 'utf8');
const LD_FLOW = readFileSync(`${DIR}/ld-flow.json`, 'utf8');

const byText = (map: ClashMap, text: string) => {
  const node = map.nodes.find((n) => n.text === text);
  if (!node) throw new Error(`no node says “${text}”`);
  return node;
};
/** The edges as "from text -> to text (kind)", in map order. */
const links = (map: ClashMap) =>
  map.edges.map((e) => `${byId(map, e.from)} -> ${byId(map, e.to)} (${e.kind})`);
const byId = (map: ClashMap, id: string) => map.nodes.find((n) => n.id === id)?.text;

describe('a policy flow saved by Flower', () => {
  it('becomes a round: each flow a sheet, each box a claim made in its column’s speech', async () => {
    const { map } = imported(await importFlower(FLOW));
    expect(map.title).toBe('Flower flow: Aff: cartel cooperation, DA: sovereignty backlash');
    expect(map.round).toEqual({ format: 'policy' });
    expect(byText(map, 'Aff: cartel cooperation')).toMatchObject({
      kind: 'position',
      side: 'aff',
      speech: '1AC',
    });
    expect(byText(map, 'DA: sovereignty backlash')).toMatchObject({
      kind: 'position',
      side: 'neg',
      speech: '1NC',
    });
    const aff = byText(map, 'Aff: cartel cooperation').id;
    expect(byText(map, 'Task forces failed in 2008')).toMatchObject({
      kind: 'claim',
      speech: '1NC',
      sheet: aff,
    });
    // Flower's one "2NC/1NR" column is the negative block, read as the 2NC.
    expect(byText(map, 'Databases get hacked').speech).toBe('2NC');
    // A box placed in a later column through Flower's empty spacer boxes keeps that column.
    expect(byText(map, 'New: Congress backlash').speech).toBe('2NR');
  });

  it('reads each box under another as its answer, first-column boxes as support, and extensions', async () => {
    const { map } = imported(await importFlower(FLOW));
    expect(links(map)).toEqual([
      'Adv 1: joint task forces cut homicides -> Aff: cartel cooperation (support)',
      'Task forces failed in 2008 -> Adv 1: joint task forces cut homicides (rebuttal)',
      '2008 lacked shared databases -> Task forces failed in 2008 (rebuttal)',
      'Databases get hacked -> 2008 lacked shared databases (rebuttal)',
      'Alt cause: corruption -> Adv 1: joint task forces cut homicides (rebuttal)',
      'Inherency: no intel sharing now -> Aff: cartel cooperation (support)',
      'Extend inherency: 1NC conceded it -> Inherency: no intel sharing now (extends)',
      'Link: US agents on Mexican soil -> DA: sovereignty backlash (support)',
      'Link turn: joint work builds trust -> Link: US agents on Mexican soil (rebuttal)',
      'Trust is not built by raids -> Link turn: joint work builds trust (rebuttal)',
      'Impact: cooperation collapses -> DA: sovereignty backlash (support)',
    ]);
  });

  it('says what it could not carry over, and where', async () => {
    const { map, losses } = imported(await importFlower(FLOW));
    expect(losses.map((l) => [l.path, l.message])).toEqual([
      [
        'nodes["6f1c2a7e-0007-4000-8000-000000000000"], nodes["6f1c2a7e-0014-4000-8000-000000000000"]',
        'Flower’s "2NC/1NR" column was read as the 2NC (the negative block counts as one turn)',
      ],
      [
        'nodes["6f1c2a7e-0005-4000-8000-000000000000"].value',
        'Flower does not say who crossed a box out or in which speech: it is tagged "crossed out", not marked conceded',
      ],
      [
        'nodes["6f1c2a7e-0013-4000-8000-000000000000"].value',
        'Bold boxes are not bold in Clashmap',
      ],
      [
        'nodes["6f1c2a7e-0015-4000-8000-000000000000"].value.content',
        'Boxes left blank were left out; what answered them is kept, unlinked',
      ],
      [
        '',
        'Clashmap cannot tell whether these losses change which claims stand: a Flower file holds boxes, not who conceded what',
      ],
    ]);
    expect(byText(map, 'Alt cause: corruption').tags).toEqual(['crossed out']);
  });

  it('is flagged like any round: drops, extensions, the 2NR’s new argument', async () => {
    const { map } = imported(await importFlower(FLOW));
    const flags = roundFlags(map);
    const text = (ids: Iterable<string>) => [...ids].map((id) => byId(map, id));
    expect(text(flags.extended.keys())).toEqual(['Inherency: no intel sharing now']);
    expect(text(flags.newInLastRebuttal.keys())).toEqual(['New: Congress backlash']);
    expect(text(flags.dropped.keys())).toContain('Impact: cooperation collapses');
  });

  it('is recognised and opened by name and content, like the other formats', async () => {
    expect(guessImportFormat('flow.json', FLOW)).toBe('flower');
    const opened = await openBytes('flow.json', new TextEncoder().encode(FLOW));
    expect(opened).toMatchObject({ ok: true, format: 'flower', label: 'Flower flow (JSON)' });
  });

  it('is named when it is opened as a Clashmap map by mistake', () => {
    const result = parseMap(FLOW);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({
      kind: 'notAClashmap',
      recognizedAs: 'Flower',
    });
  });
});

describe('other formats saved by Flower', () => {
  it('reads Lincoln–Douglas columns as its speeches: the aff sheet’s "NR" is the NC', async () => {
    const { map, losses } = imported(await importFlower(LD_FLOW));
    expect(map.round).toEqual({ format: 'lincoln-douglas' });
    expect(byText(map, 'Rights conflict; use welfare')).toMatchObject({ speech: 'NC' });
    expect(byText(map, 'Value: morality')).toMatchObject({ speech: 'NC' });
    expect(messages(losses)).toEqual([
      'Boxes left blank were left out; what answered them is kept, unlinked',
      'Clashmap cannot tell whether these losses change which claims stand: a Flower file holds boxes, not who conceded what',
    ]);
  });

  it('tells which Public Forum team spoke first from the order of the columns', async () => {
    const save = (columns: string[]) =>
      JSON.stringify({
        nodes: {
          root: { value: { tag: 'root' }, level: -1, parent: null, children: ['f'] },
          f: {
            value: { tag: 'flow', content: 'Pro', invert: false, columns },
            level: 0,
            parent: 'root',
            children: ['b'],
          },
          b: {
            value: { tag: 'box', content: 'Contention 1', flowId: 'f' },
            level: 1,
            parent: 'f',
            children: [],
          },
        },
        version: 1,
      });
    const proFirst = imported(
      await importFlower(save(['AC', 'NC', 'AR', 'NR', 'AS', 'NS', 'AFF', 'NFF'])),
    );
    expect(proFirst.map.round).toEqual({ format: 'public-forum-pro-first' });
    expect(byText(proFirst.map, 'Contention 1').speech).toBe('PC');
    const conFirst = imported(
      await importFlower(save(['AC', 'NR', 'AR', 'NS', 'AS', 'NFF', 'AFF'])),
    );
    expect(conFirst.map.round).toEqual({ format: 'public-forum-con-first' });
  });

  it('keeps the flows of a style it does not know, without speeches, and says so', async () => {
    const save = JSON.stringify({
      nodes: {
        root: { value: { tag: 'root' }, level: -1, parent: null, children: ['f'] },
        f: {
          value: { tag: 'flow', content: 'Motion', invert: false, columns: ['PM', 'LO'] },
          level: 0,
          parent: 'root',
          children: ['b'],
        },
        b: {
          value: { tag: 'box', content: 'Model', flowId: 'f' },
          level: 1,
          parent: 'f',
          children: [],
        },
      },
      version: 1,
    });
    const { map, losses } = imported(await importFlower(save));
    expect(map.round).toBeUndefined();
    expect(byText(map, 'Model')).not.toHaveProperty('speech');
    expect(messages(losses)).toEqual([
      'Flower’s columns (PM, LO) are not the speeches of a format Clashmap knows (policy, Lincoln–Douglas, Public Forum), so the arguments have no speeches',
      'Clashmap cannot tell whether these losses change which claims stand: a Flower file holds boxes, not who conceded what',
    ]);
  });

  it('reads the list of flows Flower saved before version 1', async () => {
    const old = JSON.stringify([
      {
        content: 'Aff',
        level: 0,
        columns: ['1AC', '1NC', '2AC', '2NC/1NR', '1AR', '2NR', '2AR'],
        invert: false,
        focus: false,
        index: 0,
        lastFocus: [],
        history: { index: -1, data: [], lastFocus: null },
        id: 1,
        children: [
          {
            content: 'Plan solves',
            index: 0,
            level: 1,
            focus: false,
            children: [
              { content: 'No it does not', index: 0, level: 2, focus: false, children: [] },
            ],
          },
        ],
      },
    ]);
    expect(guessImportFormat('old.json', old)).toBe('flower');
    const { map } = imported(await importFlower(old));
    expect(links(map)).toEqual([
      'Plan solves -> Aff (support)',
      'No it does not -> Plan solves (rebuttal)',
    ]);
    expect(byText(map, 'No it does not').speech).toBe('1NC');
  });
});

describe('a Flower save that is broken', () => {
  const node = (value: object, children: string[] = []) => ({
    value,
    level: 0,
    parent: 'root',
    children,
  });
  const flow = { tag: 'flow', content: 'Aff', invert: false, columns: ['1AC', '1NC'] };
  const save = (nodes: Record<string, unknown>, version: unknown = 1) =>
    JSON.stringify({ nodes, version });

  it('says where the JSON breaks', async () => {
    expect(refused(await importFlower('{"nodes": {"root": }'))).toEqual([
      { path: 'line 1, column 20', message: expect.stringContaining('not valid JSON') },
    ]);
  });

  it('names what is missing or of the wrong kind, and where', async () => {
    expect(refused(await importFlower('{"version": 1}'))).toEqual([
      {
        path: 'nodes',
        message: 'is missing; a Flower save holds "nodes", its flows and boxes by id',
      },
    ]);
    expect(refused(await importFlower(save({ f: node(flow) })))).toEqual([
      {
        path: 'nodes.root',
        message: 'is missing; every Flower save has a root that holds its flows',
      },
    ]);
    expect(refused(await importFlower(save({}, 2)))).toEqual([
      {
        path: 'version',
        message:
          'is number 2; Clashmap reads Flower saves of version 1 (and the list of flows Flower saved before it)',
      },
    ]);
    expect(
      refused(
        await importFlower(
          save({
            root: node({ tag: 'root' }, ['f']),
            f: node({ ...flow, columns: '1AC' }, ['b']),
            b: node({ tag: 'box', content: 7 }),
          }),
        ),
      ),
    ).toEqual([
      {
        path: 'nodes.f.value.columns',
        message: 'must be a list, not the text "1AC"',
      },
      { path: 'nodes.b.value.content', message: 'must be text, not number 7' },
    ]);
  });

  it('names a child that is not there, a box held twice, and a box where a flow belongs', async () => {
    const errors = refused(
      await importFlower(
        save({
          root: node({ tag: 'root' }, ['f', 'b']),
          f: node(flow, ['b', 'ghost', 'b']),
          b: node({ tag: 'box', content: 'A' }),
        }),
      ),
    );
    expect(errors).toEqual([
      { path: 'nodes.root.children[1]', message: '"b" is a box; the root holds flows' },
      { path: 'nodes.f.children[1]', message: 'no node has the id "ghost"' },
      {
        path: 'nodes.f.children[2]',
        message: '"b" is already held by another node (a box has one place)',
      },
    ]);
  });

  it('refuses what is not a Flower save at all', async () => {
    expect(refused(await importFlower('"flow"'))).toEqual([
      {
        path: '',
        message: 'a Flower save holds an object with "nodes" and "version", not the text "flow"',
      },
    ]);
    expect(refused(await importFlower(save({ root: node({ tag: 'root' }) })))).toEqual([
      { path: '', message: 'the save holds no flows' },
    ]);
  });

  it('keeps box text as text: markup in a box is not run', async () => {
    const { map } = imported(
      await importFlower(
        save({
          root: node({ tag: 'root' }, ['f']),
          f: node(flow, ['b']),
          b: node({ tag: 'box', content: '<img src=x onerror=alert(1)>' }),
        }),
      ),
    );
    expect(byText(map, '<img src=x onerror=alert(1)>').kind).toBe('claim');
  });
});
