import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bindStore, readDoc, seedDoc } from '../../src/doc/yjsBinding';
import { parseMap } from '../../src/io/parse';
import { serializeMap } from '../../src/io/serialize';
import type { ClashMap } from '../../src/model/map';
import { createClashmapStore, type ClashmapStore } from '../../src/store/store';
import { addCitedQuote } from '../../src/store/sourceEdits';

/*
 * Two people, each with their own store and Y.Doc, as a class session will have them. The
 * "wire" is explicit: `sync` exchanges what each doc lacks, so a test can let both edit while
 * apart (offline, or at the same moment) and then meet.
 */

function articleMap(): ClashMap {
  const result = parseMap(readFileSync('public/maps/cartel-drone-strikes.clashmap.json', 'utf8'));
  if (!result.ok) throw new Error('the article map does not open');
  return result.map;
}

const WIRE = 'wire';
function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), WIRE);
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), WIRE);
}

interface Person {
  store: ClashmapStore;
  doc: Y.Doc;
}

/** Ana shares the article map; Ben joins with an empty app and receives it. */
function twoPeople(): { ana: Person; ben: Person } {
  const ana = { store: createClashmapStore(articleMap()), doc: new Y.Doc() };
  bindStore(ana.store, ana.doc, 'Ana');
  const ben = { store: createClashmapStore(), doc: new Y.Doc() };
  Y.applyUpdate(ben.doc, Y.encodeStateAsUpdate(ana.doc), WIRE);
  bindStore(ben.store, ben.doc, 'Ana');
  return { ana, ben };
}

const text = (p: Person, id: string) => p.store.getState().map.nodes.find((n) => n.id === id)?.text;
const file = (p: Person) => serializeMap(p.store.getState().map);

describe('a map shared through Yjs', () => {
  it('arrives whole in a second copy: the same file, byte for byte', () => {
    const { ana, ben } = twoPeople();
    expect(ben.store.getState().map.nodes).toHaveLength(25);
    expect(file(ben)).toBe(file(ana));
    expect(file(ben)).toBe(serializeMap(articleMap()));
    // Receiving the shared map is not an edit of Ben's: there is nothing for him to undo.
    expect(ben.store.history.getState().past).toHaveLength(0);
  });

  it("carries one person's edit to the other, as one small Yjs update", () => {
    const { ana, ben } = twoPeople();
    const updates: Uint8Array[] = [];
    ana.doc.on('update', (update: Uint8Array) => updates.push(update));
    ana.store.getState().updateNode('pos-demand', { text: 'Cut US demand first' });
    expect(updates).toHaveLength(1);
    // Only the changed field travels, not the map (which is about 30 kB as a file).
    expect(updates[0]!.byteLength).toBeLessThan(200);
    sync(ana.doc, ben.doc);
    expect(text(ben, 'pos-demand')).toBe('Cut US demand first');
    expect(file(ben)).toBe(file(ana));
  });

  it('keeps both edits when two people change different fields of one node at once', () => {
    const { ana, ben } = twoPeople();
    ana.store.getState().updateNode('pos-demand', { text: 'Cut US demand first' });
    ben.store.getState().updateNode('pos-demand', { notes: 'Ask about treatment funding' });
    sync(ana.doc, ben.doc);
    for (const p of [ana, ben]) {
      const node = p.store.getState().map.nodes.find((n) => n.id === 'pos-demand');
      expect(node).toMatchObject({
        text: 'Cut US demand first',
        notes: 'Ask about treatment funding',
      });
    }
    expect(file(ben)).toBe(file(ana));
  });

  it('gives both copies the same text when two people change one field at once', () => {
    const { ana, ben } = twoPeople();
    ana.store.getState().updateNode('pos-demand', { text: 'From Ana' });
    ben.store.getState().updateNode('pos-demand', { text: 'From Ben' });
    sync(ana.doc, ben.doc);
    expect(['From Ana', 'From Ben']).toContain(text(ana, 'pos-demand'));
    expect(text(ben, 'pos-demand')).toBe(text(ana, 'pos-demand'));
  });

  it("undo takes back only this person's own edit, never the other's", () => {
    const { ana, ben } = twoPeople();
    const anaBefore = text(ana, 'pos-demand');
    ana.store.getState().updateNode('pos-demand', { text: 'Ana was here' });
    ben.store.getState().updateNode('pos-unilateral', { text: 'Ben was here' });
    sync(ana.doc, ben.doc);
    expect(ana.store.history.getState().past).toHaveLength(1);
    ana.store.getState().undo();
    expect(text(ana, 'pos-demand')).toBe(anaBefore);
    expect(text(ana, 'pos-unilateral')).toBe('Ben was here');
    sync(ana.doc, ben.doc);
    expect(text(ben, 'pos-demand')).toBe(anaBefore);
    expect(text(ben, 'pos-unilateral')).toBe('Ben was here');
    // Ben has nothing of Ana's to undo; his own edit is his one step.
    expect(ben.store.history.getState().past).toHaveLength(1);
  });

  it('undo of one field leaves the other fields a peer changed since on the same card', () => {
    const { ana, ben } = twoPeople();
    const anaBefore = text(ana, 'pos-demand');
    ana.store.getState().updateNode('pos-demand', { text: 'Ana was here' });
    sync(ana.doc, ben.doc);
    ben.store.getState().applyLayout(new Map([['pos-demand', { x: 4321, y: 1234 }]]));
    sync(ana.doc, ben.doc);
    ana.store.getState().undo();
    sync(ana.doc, ben.doc);
    for (const person of [ana, ben]) {
      const node = person.store.getState().map.nodes.find((n) => n.id === 'pos-demand');
      expect(node?.text).toBe(anaBefore);
      expect(node?.position).toEqual({ x: 4321, y: 1234 });
    }
  });

  it("undo never takes back a field a peer has changed since: the peer's text stays, and Ana is told", () => {
    const { ana, ben } = twoPeople();
    ana.store.getState().updateNode('pos-demand', { text: 'Ana was here' });
    sync(ana.doc, ben.doc);
    ben.store.getState().updateNode('pos-demand', { text: 'Ben rewrote it' });
    sync(ana.doc, ben.doc);
    ana.store.getState().undo();
    expect(text(ana, 'pos-demand')).toBe('Ben rewrote it');
    expect(ana.store.getState().notice?.text).toMatch(/Nothing to undo: others have changed/);
    sync(ana.doc, ben.doc);
    expect(text(ben, 'pos-demand')).toBe('Ben rewrote it');
  });

  it('undo of an added card removes it for both, even after a peer edited it', () => {
    const { ana, ben } = twoPeople();
    const before = ana.store.getState().map.nodes.length;
    const id = ana.store.getState().addNode('claim', { x: 0, y: 0 });
    ana.store.getState().updateNode(id, { text: 'A new claim' });
    ana.store.getState().stopEditing();
    sync(ana.doc, ben.doc);
    expect(text(ben, id)).toBe('A new claim');
    ben.store.getState().updateNode(id, { text: 'A new claim, reworded by Ben' });
    sync(ana.doc, ben.doc);
    // Her typing first: Ben has reworded it since, so that step leaves his text alone.
    ana.store.getState().undo();
    expect(text(ana, id)).toBe('A new claim, reworded by Ben');
    // Then the card she added.
    ana.store.getState().undo();
    sync(ana.doc, ben.doc);
    expect(ana.store.getState().map.nodes).toHaveLength(before);
    expect(ben.store.getState().map.nodes).toHaveLength(before);
    expect(file(ben)).toBe(file(ana));
  });

  it('keeps both quotes when two people each add one to the same card at once', () => {
    const { ana, ben } = twoPeople();
    const quotes = (p: Person) =>
      p.store
        .getState()
        .map.nodes.find((n) => n.id === 'pos-demand')!
        .evidence.map((e) => e.quote);
    const before = quotes(ana);
    const citation = { title: 'Class reading', author: 'A reporter' };
    expect(
      addCitedQuote(ana.store, 'pos-demand', citation, {
        quote: 'Ana’s quote',
        speaker: 'A reporter',
      }),
    ).toBe(true);
    expect(
      addCitedQuote(ben.store, 'pos-demand', citation, {
        quote: 'Ben’s quote',
        speaker: 'A reporter',
      }),
    ).toBe(true);
    sync(ana.doc, ben.doc);
    for (const person of [ana, ben]) {
      expect(quotes(person)).toHaveLength(before.length + 2);
      expect(quotes(person)).toEqual(
        expect.arrayContaining(['Ana’s quote', 'Ben’s quote', ...before]),
      );
    }
    expect(file(ben)).toBe(file(ana));
    // And one removing her quote while the other edits his, on the same card: both hold.
    const anaQuotes = ana.store.getState().map.nodes.find((n) => n.id === 'pos-demand')!.evidence;
    const hers = anaQuotes.find((e) => e.quote === 'Ana’s quote')!;
    ana.store.getState().updateNode('pos-demand', {
      evidence: anaQuotes.filter((e) => e.id !== hers.id),
    });
    const benEvidence = ben.store.getState().map.nodes.find((n) => n.id === 'pos-demand')!.evidence;
    ben.store.getState().updateNode('pos-demand', {
      evidence: benEvidence.map((e) => (e.quote === 'Ben’s quote' ? { ...e, speaker: 'Ben' } : e)),
    });
    sync(ana.doc, ben.doc);
    expect(file(ben)).toBe(file(ana));
    const merged = ana.store.getState().map.nodes.find((n) => n.id === 'pos-demand')!.evidence;
    expect(merged.map((e) => e.id)).not.toContain(hers.id);
    expect(merged.find((e) => e.quote === 'Ben’s quote')?.speaker).toBe('Ben');
    expect(merged).toHaveLength(before.length + 1);
  });

  it('keeps both presentation steps when two people each add one at once', () => {
    const { ana, ben } = twoPeople();
    const step = (id: string, title: string) => ({ id, title, nodes: ['pos-demand'] });
    ana.store.getState().setSteps([step('step-a', 'First')]);
    sync(ana.doc, ben.doc);
    ana.store.getState().setSteps([step('step-a', 'First'), step('step-ana', 'Ana’s step')]);
    ben.store.getState().setSteps([step('step-a', 'First'), step('step-ben', 'Ben’s step')]);
    sync(ana.doc, ben.doc);
    const titles = (p: Person) => p.store.getState().map.presentation?.steps.map((s) => s.title);
    expect(titles(ana)).toHaveLength(3);
    expect(titles(ana)).toEqual(expect.arrayContaining(['First', 'Ana’s step', 'Ben’s step']));
    expect(file(ben)).toBe(file(ana));
  });

  it('reads a document written before quotes were kept as lists (a plain array), and lists it at its next change', () => {
    const doc = new Y.Doc();
    seedDoc(doc, articleMap());
    const node = doc.getMap<Y.Map<unknown>>('records:nodes').get('pos-demand')!;
    const plain = readDoc(doc, null).map.nodes.find((n) => n.id === 'pos-demand')!.evidence;
    node.set('evidence', plain);
    const store = createClashmapStore();
    bindStore(store, doc);
    expect(serializeMap(store.getState().map)).toBe(serializeMap(articleMap()));
    store.getState().updateNode('pos-demand', { evidence: plain.slice(1) });
    expect(readDoc(doc, null).map.nodes.find((n) => n.id === 'pos-demand')!.evidence).toEqual(
      plain.slice(1),
    );
  });

  it('repairs a relation whose node someone else deleted, the same way in both copies, and says so', () => {
    const { ana, ben } = twoPeople();
    ana.store.getState().deleteElements(['claim-hegseth-threat'], []);
    expect(ben.store.getState().connect('claim-hegseth-threat', 'pos-demand', 'rebuttal')).toBe(
      true,
    );
    sync(ana.doc, ben.doc);
    sync(ana.doc, ben.doc);
    for (const p of [ana, ben]) {
      const { map } = p.store.getState();
      expect(map.nodes.some((n) => n.id === 'claim-hegseth-threat')).toBe(false);
      expect(
        map.edges.some((e) => e.from === 'claim-hegseth-threat' || e.to === 'claim-hegseth-threat'),
      ).toBe(false);
    }
    expect(ben.store.getState().notice?.text).toMatch(
      /^Changes from Ana were merged\. A rebuttal of “/,
    );
    expect(file(ben)).toBe(file(ana));
    // The fix is in the shared document too, so a third person joining gets a whole map.
    expect(readDoc(ana.doc, null).repairs).toEqual([]);
  });

  it('leaves out a record that is not valid (a peer is not trusted), names it, and keeps the rest', () => {
    const { ana, ben } = twoPeople();
    const rogue = new Y.Doc();
    Y.applyUpdate(rogue, Y.encodeStateAsUpdate(ana.doc), WIRE);
    rogue.transact(() => {
      const node = new Y.Map<unknown>();
      node.set('id', 'claim-rogue');
      node.set('kind', 'claim');
      node.set('text', '');
      node.set('evidence', []);
      rogue.getMap('records:nodes').set('claim-rogue', node);
      rogue.getArray<string>('order:nodes').push(['claim-rogue']);
    });
    sync(rogue, ben.doc);
    const { map, notice } = ben.store.getState();
    expect(map.nodes).toHaveLength(25);
    expect(map.nodes.some((n) => n.id === 'claim-rogue')).toBe(false);
    expect(notice?.text).toContain('A node from another person was left out: text: ');
    // Ben's copy still takes every valid change afterwards.
    ana.store.getState().setTitle('Drone strikes, class copy');
    sync(ana.doc, ben.doc);
    expect(ben.store.getState().map.title).toBe('Drone strikes, class copy');
  });

  it('edits made apart (offline) meet and merge when the copies reconnect', () => {
    const { ana, ben } = twoPeople();
    for (let i = 0; i < 5; i++)
      ana.store.getState().addNode('claim', { x: 1000 + i * 300, y: 900 });
    ben.store.getState().setTitle('Ben renamed it');
    ben.store.getState().deleteElements([], ['e-stem-fentanyl-flow-supports-unilateral']);
    sync(ana.doc, ben.doc);
    for (const p of [ana, ben]) {
      const { map } = p.store.getState();
      expect(map.nodes).toHaveLength(30);
      expect(map.title).toBe('Ben renamed it');
      expect(map.edges.some((e) => e.id === 'e-stem-fentanyl-flow-supports-unilateral')).toBe(
        false,
      );
    }
    expect(file(ben)).toBe(file(ana));
  });

  it('a seeded document reads back as the map that seeded it', () => {
    const doc = new Y.Doc();
    seedDoc(doc, articleMap());
    const { map, repairs } = readDoc(doc, null);
    expect(repairs).toEqual([]);
    expect(serializeMap(map)).toBe(serializeMap(articleMap()));
  });
});
