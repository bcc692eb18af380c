import { describe, expect, it } from 'vitest';
import { openOwnMap } from '../../src/app/openFile';
import { createClashmapStore } from '../../src/store/store';

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
});
