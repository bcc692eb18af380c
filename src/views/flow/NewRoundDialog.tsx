import { useId, useState, type FormEvent } from 'react';
import { Dialog } from '../../components/Dialog';
import { DEBATE_FORMATS, POLICY, debateFormat } from '../../model/debateFormats';
import type { ClashMap } from '../../model/map';
import { newRoundMap } from '../../model/roundTemplate';

const lines = (text: string) => text.split('\n').map((line) => line.trim());

/**
 * A new round from a format's template: its title, the two teams, and its sheets, one a line:
 * the affirmative's advantages and the negative's off-case arguments (prefilled from the
 * format's table). Starting it opens a new map holding the round, ready to flow.
 */
export function NewRoundDialog({
  onStart,
  onClose,
}: {
  onStart: (map: ClashMap) => void;
  onClose: () => void;
}) {
  const [formatId, setFormatId] = useState(POLICY.id);
  const format = debateFormat(formatId) ?? POLICY;
  const [title, setTitle] = useState('');
  const [aff, setAff] = useState('');
  const [neg, setNeg] = useState('');
  const [affSheets, setAffSheets] = useState(POLICY.startingSheets.aff.join('\n'));
  const [negSheets, setNegSheets] = useState(POLICY.startingSheets.neg.join('\n'));
  const [problem, setProblem] = useState<string | null>(null);
  const ids = useId();

  const chooseFormat = (id: string) => {
    const next = debateFormat(id);
    if (!next) return;
    // Sheets the user has not changed follow the format's template.
    if (affSheets === format.startingSheets.aff.join('\n'))
      setAffSheets(next.startingSheets.aff.join('\n'));
    if (negSheets === format.startingSheets.neg.join('\n'))
      setNegSheets(next.startingSheets.neg.join('\n'));
    setFormatId(id);
  };

  const start = (event: FormEvent) => {
    event.preventDefault();
    const made = newRoundMap({
      format,
      title,
      aff,
      neg,
      sheets: { aff: lines(affSheets), neg: lines(negSheets) },
    });
    if (!made.ok) {
      setProblem(made.problem);
      return;
    }
    onStart(made.map);
  };

  const policy = format.id === POLICY.id;
  return (
    <Dialog
      title="New round"
      onClose={onClose}
      actions={
        <>
          <button type="submit" form={`${ids}-form`}>
            Start the round
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </>
      }
    >
      <form id={`${ids}-form`} className="cm-flow__new-round" onSubmit={start}>
        <label htmlFor={`${ids}-format`}>Format</label>
        <select
          id={`${ids}-format`}
          value={formatId}
          onChange={(e) => chooseFormat(e.target.value)}
        >
          {[...DEBATE_FORMATS.values()].map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-title`}>Title</label>
        <input
          id={`${ids}-title`}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="Round 3: Lincoln AB v Roosevelt CD"
          aria-describedby={problem ? `${ids}-problem` : undefined}
          autoFocus
        />
        <label htmlFor={`${ids}-aff`}>{format.sideNames.aff} team</label>
        <input id={`${ids}-aff`} value={aff} onChange={(e) => setAff(e.target.value)} />
        <label htmlFor={`${ids}-neg`}>{format.sideNames.neg} team</label>
        <input id={`${ids}-neg`} value={neg} onChange={(e) => setNeg(e.target.value)} />
        <label htmlFor={`${ids}-aff-sheets`}>
          {policy ? 'Advantages' : `${format.sideNames.aff} sheets`} (one a line)
        </label>
        <textarea
          id={`${ids}-aff-sheets`}
          rows={3}
          value={affSheets}
          onChange={(e) => setAffSheets(e.target.value)}
        />
        <label htmlFor={`${ids}-neg-sheets`}>
          {policy ? 'Off-case arguments' : `${format.sideNames.neg} sheets`} (one a line)
        </label>
        <textarea
          id={`${ids}-neg-sheets`}
          rows={3}
          value={negSheets}
          onChange={(e) => setNegSheets(e.target.value)}
        />
        {problem && (
          <p id={`${ids}-problem`} className="cm-flow__problem" role="alert">
            {problem}
          </p>
        )}
      </form>
    </Dialog>
  );
}
