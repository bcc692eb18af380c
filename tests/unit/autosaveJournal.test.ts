import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/generate';
import { serializeMap } from '../../src/io/serialize';
import type { ClashMap } from '../../src/model/map';
import { journalEntry, replayJournal, type JournalEntry } from '../../src/store/autosaveJournal';
import { createClashmapStore } from '../../src/store/store';
import { parseSuccess, readArticleMap } from './helpers/maps';

/** The saved map as a restart reads it back: the snapshot's text, parsed. */
const reread = (map: ClashMap) => parseSuccess(serializeMap(map));

describe('the autosave journal', () => {
  it('replays every kind of edit, in order, onto the snapshot to give the map that was open', () => {
    const rnd = mulberry32(7);
    for (let run = 0; run < 5; run++) {
      const store = createClashmapStore();
      store.getState().openMap(readArticleMap(), null, { savedToFile: true });
      const snapshot = store.getState().mapToSave();
      let saved = snapshot;
      const entries: JournalEntry[] = [];
      for (let step = 0; step < 60; step++) {
        const s = store.getState();
        const ids = s.map.nodes.map((n) => n.id);
        const id = ids[Math.floor(rnd() * ids.length)]!;
        switch (Math.floor(rnd() * 9)) {
          case 0:
            s.updateNode(id, { text: `Edited ${step}: “quoted”, 🙂` });
            break;
          case 1:
            s.select([id]);
            s.reply(rnd() < 0.5 ? 'support' : 'rebuttal');
            s.stopEditing();
            break;
          case 2:
            s.deleteElements([id], []);
            break;
          case 3:
            s.applyLayout(new Map([[id, { x: step * 10, y: -step }]]));
            break;
          case 4:
            s.setTitle(`Title ${step}`);
            break;
          case 5: {
            const edge = s.map.edges[Math.floor(rnd() * s.map.edges.length)];
            if (edge) s.updateEdge(edge.id, { note: `note ${step}` });
            break;
          }
          case 6:
            s.select([id]);
            s.copySelection();
            s.paste();
            break;
          case 7:
            s.undo();
            break;
          default:
            s.redo();
        }
        const now = store.getState().mapToSave();
        const entry = journalEntry(saved, now);
        expect(entry).not.toBeNull();
        expect(entry === 'unchanged').toBe(serializeMap(now) === serializeMap(saved));
        // Stored by structured clone, as IndexedDB does.
        if (entry && entry !== 'unchanged') entries.push(structuredClone(entry));
        saved = now;
      }
      expect(entries.length).toBeGreaterThan(30);
      const replayed = replayJournal(reread(snapshot), entries);
      expect(replayed.problem).toBeNull();
      expect(serializeMap(replayed.map)).toBe(serializeMap(store.getState().mapToSave()));
    }
  });

  it('holds only the records an edit touched, not the map', () => {
    const store = createClashmapStore();
    store.getState().openMap(readArticleMap(), null, { savedToFile: true });
    const before = store.getState().mapToSave();
    const id = before.nodes[3]!.id;
    store.getState().updateNode(id, { text: 'A new text' });
    const entry = journalEntry(before, store.getState().mapToSave());
    if (!entry || entry === 'unchanged') throw new Error('no entry');
    expect(entry.nodes.put.map((n) => n.id)).toEqual([id]);
    expect(entry.nodes.add).toEqual([]);
    expect(entry.nodes.remove).toEqual([]);
    expect(entry.edges).toEqual({ add: [], put: [], remove: [] });
    expect(JSON.stringify(entry).length).toBeLessThan(JSON.stringify(before.nodes[3]).length + 200);
  });

  it('stops at a change that would break the map, and says why', () => {
    const map = readArticleMap();
    const entry: JournalEntry = {
      nodes: { add: [], put: [], remove: [] },
      edges: {
        add: [
          {
            index: 0,
            record: { id: 'e-new', from: 'missing', to: map.nodes[0]!.id, kind: 'support' },
          },
        ],
        put: [],
        remove: [],
      },
      sources: { add: [], put: [], remove: [] },
    };
    const retitled = journalEntry(map, { ...map, title: 'Retitled' });
    if (!retitled || retitled === 'unchanged') throw new Error('no entry');
    const replayed = replayJournal(map, [retitled, entry, retitled]);
    expect(replayed.problem).toMatch(/Both ends of a connection must be nodes/);
    expect(replayed.map.title).toBe('Retitled');
    expect(replayed.map.edges).toHaveLength(map.edges.length);
  });

  it('leaves to a new snapshot what a change does not hold: kept assumptions', () => {
    const map = readArticleMap();
    const withAssumption: ClashMap = {
      ...map,
      assumptions: [{ node: map.nodes[0]!.id, value: 'stands' }],
    };
    expect(journalEntry(map, withAssumption)).toBeNull();
    expect(journalEntry(map, { ...map })).toBe('unchanged');
  });
});
