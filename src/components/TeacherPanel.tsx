import { useEffect, useState } from 'react';
import type { Contribution, TeacherControls } from '../app/room';
import { useClashmapStore } from '../store/StoreContext';

/** The teacher's link's controls in the class session banner: the links, freeze, end. */
export function TeacherPanel({ controls }: { controls: TeacherControls }) {
  const store = useClashmapStore();
  const [frozen, setFrozen] = useState(controls.frozen);
  const [busy, setBusy] = useState(false);
  const [links, setLinks] = useState(controls.links);
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
          <input type="text" readOnly value={links.edit} />
        </label>
        <label>
          Projector and observers (view)
          <input type="text" readOnly value={links.view} />
        </label>
        <button
          type="button"
          disabled={busy}
          title="The students' link stops working; hand out the new one"
          onClick={() => {
            setBusy(true);
            void controls.newStudentLink().then((next) => {
              setBusy(false);
              if (next) {
                setLinks(next);
                store
                  .getState()
                  .notify('info', 'A new student link: the old one no longer opens the room.');
              } else store.getState().notify('error', 'Could not make a new student link.');
            });
          }}
        >
          New student link
        </button>
      </details>
      <WhoAddedWhat controls={controls} />
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

/** The teacher's overview: the people in the room, and what each has added to the map. */
function WhoAddedWhat({ controls }: { controls: TeacherControls }) {
  const store = useClashmapStore();
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState<Contribution[]>([]);
  useEffect(() => {
    if (!open) return;
    const read = () => setRows(controls.overview());
    read();
    const timer = setInterval(read, 1500);
    return () => clearInterval(timer);
  }, [open, controls]);
  const remove = async (row: Contribution) => {
    for (const client of row.online) {
      const problem = await controls.remove(client);
      if (problem) {
        store.getState().notify('error', `Could not remove ${row.name}: ${problem}.`);
        return;
      }
    }
    store.getState().notify('info', `${row.name} was removed from the session.`);
    setRows(controls.overview());
  };
  return (
    <details className="cm-class-people" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Who added what</summary>
      {open && (
        <table>
          <caption className="cm-visually-hidden">People in the room and what each added</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Cards</th>
              <th scope="col">Relations</th>
              <th scope="col">
                <span className="cm-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.name}>
                <th scope="row">
                  {row.name}
                  {row.online.length > 0 ? ' (here)' : ''}
                </th>
                <td title={row.cards.slice(0, 10).join('\n')}>{row.cards.length}</td>
                <td>{row.relations}</td>
                <td>
                  {row.online.length > 0 && (
                    <button type="button" onClick={() => void remove(row)}>
                      Remove {row.name}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
