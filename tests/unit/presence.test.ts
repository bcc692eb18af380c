import { describe, expect, it } from 'vitest';
import { cleanName, NAME_LIMIT, presenceStore, setPeers, type Peer } from '../../src/app/presence';

const peer = (
  id: number,
  name: string,
  selection: string[],
  editing: string | null = null,
): Peer => ({
  id,
  name,
  color: '#000000',
  selection,
  editing,
});

describe('names from other people in a class session', () => {
  it('are cleaned: no control or direction characters, one space between words, at most the limit', () => {
    expect(cleanName('  Ana \t\n María  ')).toBe('Ana María');
    expect(cleanName('Ben\u202eevil\u0000')).toBe('Ben evil');
    expect(cleanName('x'.repeat(200))).toHaveLength(NAME_LIMIT);
    expect(cleanName('😀'.repeat(60))).toBe('😀'.repeat(NAME_LIMIT));
  });

  it('are refused when they are not text or nothing is left', () => {
    for (const value of [undefined, null, 42, {}, ['Ana'], '', '   ', '\u0000\u0001'])
      expect(cleanName(value)).toBeNull();
  });
});

describe('marks on the cards', () => {
  it('put each person on the cards they selected or type in, and keep unchanged cards’ marks as they were', () => {
    setPeers([peer(1, 'Ana', ['a', 'b']), peer(2, 'Ben', ['b'], 'c')]);
    const first = presenceStore.getState().onNode;
    expect(first.get('a')?.map((m) => m.name)).toEqual(['Ana']);
    expect(first.get('b')?.map((m) => m.name)).toEqual(['Ana', 'Ben']);
    expect(first.get('c')).toEqual([{ id: 2, name: 'Ben', color: '#000000', editing: true }]);
    // Ben moves on; Ana's card 'a' keeps the very same marks, so it does not draw again.
    setPeers([peer(1, 'Ana', ['a', 'b']), peer(2, 'Ben', ['d'])]);
    const second = presenceStore.getState().onNode;
    expect(second.get('a')).toBe(first.get('a'));
    expect(second.get('b')).not.toBe(first.get('b'));
    expect(second.get('c')).toBeUndefined();
    setPeers([]);
    expect(presenceStore.getState().onNode.size).toBe(0);
  });
});
