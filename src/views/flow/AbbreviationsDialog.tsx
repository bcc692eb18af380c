import { useId, useState, type FormEvent } from 'react';
import { Dialog } from '../../components/Dialog';
import {
  abbreviationProblem,
  saveAbbreviations,
  useAbbreviations,
  type Abbreviation,
} from './abbreviations';

/**
 * The user's shorthands for flowing (`c1` → "Contention 1"): listed, added and removed. They are
 * kept in this browser, for every round, and never written into a map.
 */
export function AbbreviationsDialog({ onClose }: { onClose: () => void }) {
  const list = useAbbreviations();
  const [short, setShort] = useState('');
  const [long, setLong] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const ids = useId();

  const store = (next: readonly Abbreviation[]) => {
    if (saveAbbreviations(next)) return true;
    setProblem('This browser would not keep the list (its storage is full or turned off).');
    return false;
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    const word = short.trim();
    const wrong = abbreviationProblem(list, word, long);
    if (wrong) {
      setProblem(wrong);
      return;
    }
    if (!store([...list, { short: word, long: long.trim() }])) return;
    setShort('');
    setLong('');
    setProblem(null);
    document.getElementById(`${ids}-short`)?.focus();
  };

  return (
    <Dialog
      title="Abbreviations"
      onClose={onClose}
      actions={
        <button type="button" onClick={onClose}>
          Done
        </button>
      }
    >
      <p className="cm-muted">
        Typed on the flow and followed by a space or Enter, a shorthand becomes its words. They are
        kept in this browser for every round, not in the map.
      </p>
      {list.length === 0 ? (
        <p>No abbreviations yet.</p>
      ) : (
        <table className="cm-flow__abbreviations" aria-label="Your abbreviations">
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">to get</th>
              <th scope="col">
                <span className="cm-visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((entry) => (
              <tr key={entry.short}>
                <td>
                  <kbd>{entry.short}</kbd>
                </td>
                <td>{entry.long}</td>
                <td>
                  <button
                    type="button"
                    aria-label={`Remove ${entry.short}`}
                    onClick={() => store(list.filter((e) => e !== entry))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="cm-flow__abbreviation-form" onSubmit={add} aria-label="Add an abbreviation">
        <label htmlFor={`${ids}-short`}>Shorthand</label>
        <input
          id={`${ids}-short`}
          value={short}
          onChange={(e) => setShort(e.target.value)}
          placeholder="c1"
          size={8}
          autoComplete="off"
          aria-invalid={problem !== null}
          aria-describedby={problem ? `${ids}-problem` : undefined}
        />
        <label htmlFor={`${ids}-long`}>Stands for</label>
        <input
          id={`${ids}-long`}
          value={long}
          onChange={(e) => setLong(e.target.value)}
          placeholder="Contention 1"
          autoComplete="off"
        />
        <button type="submit">Add</button>
        {problem && (
          <p id={`${ids}-problem`} className="cm-flow__problem" role="alert">
            {problem}
          </p>
        )}
      </form>
    </Dialog>
  );
}
