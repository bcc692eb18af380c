import { describe, expect, it } from 'vitest';
import { openOwnMap } from '../../src/app/openFile';
import { createClashmapStore } from '../../src/store/store';
import { readArticleMap } from './helpers/maps';

describe('opening the own map at start', () => {
  it('says why, line by line, when the article map cannot be read on a first launch', async () => {
    const store = createClashmapStore();
    const outcome = await openOwnMap(
      store,
      { status: 'none' },
      async () => ({
        ok: false,
        error: {
          kind: 'unreadable',
          issues: [{ path: '', message: 'could not load /maps/a.json: HTTP 404' }],
        },
      }),
      'a.json',
    );
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.lines.join('\n')).toContain(
      'could not load /maps/a.json: HTTP 404',
    );
  });

  it('opens a saved map whose last changes could not be replayed, and says why', async () => {
    const store = createClashmapStore();
    const map = readArticleMap();
    const outcome = await openOwnMap(
      store,
      {
        status: 'restored',
        map,
        record: {
          text: '',
          fileName: 'a.json',
          dirty: true,
          tabId: 't',
          rev: 3,
          savedAt: '2026-12-02T00:00:00.000Z',
        },
        problem: 'Both ends of a connection must be nodes.',
      },
      () => Promise.reject(new Error('the article is not read when a map was saved')),
      'a.json',
    );
    expect(outcome).toEqual({ ok: true, partly: 'Both ends of a connection must be nodes.' });
    expect(store.getState().map.title).toBe(map.title);
  });
});
