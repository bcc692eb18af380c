import { useState } from 'react';
import type { TeacherControls } from '../app/room';
import { useClashmapStore } from '../store/StoreContext';

/** The teacher's link's controls in the class session banner: the links, freeze, end. */
export function TeacherPanel({ controls }: { controls: TeacherControls }) {
  const store = useClashmapStore();
  const [frozen, setFrozen] = useState(controls.frozen);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<string | null>, done: () => void, what: string) => {
    setBusy(true);
    const problem = await action();
    setBusy(false);
    if (problem) store.getState().notify('error', `Could not ${what}: ${problem}.`);
    else done();
  };
  return (
    <>
      <details className="cm-class-links">
        <summary>Links for the class</summary>
        <label>
          Students (edit)
          <input type="text" readOnly value={controls.links.edit} />
        </label>
        <label>
          Projector and observers (view)
          <input type="text" readOnly value={controls.links.view} />
        </label>
      </details>
      <button
        type="button"
        aria-pressed={frozen}
        disabled={busy}
        onClick={() =>
          void run(
            () => controls.setFrozen(!frozen),
            () => setFrozen(!frozen),
            frozen ? 'unfreeze the map' : 'freeze the map',
          )
        }
      >
        {frozen ? 'Unfreeze the map' : 'Freeze the map'}
      </button>
      <button
        type="button"
        disabled={busy}
        onClick={() =>
          void run(
            controls.end,
            () => store.getState().notify('info', 'The class session has ended.'),
            'end the session',
          )
        }
      >
        End the session
      </button>
    </>
  );
}
