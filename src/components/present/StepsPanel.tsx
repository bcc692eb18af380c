import { useId, useState } from 'react';
import { freshId } from '../../model/ids';
import type { PresentationStep } from '../../model/presentation';
import { useClashmap, useClashmapStore } from '../../store/StoreContext';
import { useSteps } from './useSteps';

// The teacher edits the steps for a projector-sized screen, whatever the editor window is.
const PROJECTOR = { width: 1920, height: 1080 };

function NoteField({
  index,
  note,
  onCommit,
}: {
  index: number;
  note: string;
  onCommit: (note: string) => void;
}) {
  const [draft, setDraft] = useState(note);
  const [seen, setSeen] = useState(note);
  const id = useId();
  if (seen !== note) {
    setSeen(note);
    setDraft(note);
  }
  return (
    <div className="cm-field">
      <label htmlFor={id}>Note for step {index + 1}</label>
      <textarea
        id={id}
        rows={2}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => draft !== note && onCommit(draft)}
      />
    </div>
  );
}

/**
 * The presentation's steps beside the map: reorder, add from the selection, remove, and note
 * each one. The first change turns the derived steps into the teacher's own, saved in the file.
 */
export function StepsPanel({
  onPresentFrom,
  onClose,
}: {
  onPresentFrom: (index: number) => void;
  onClose: () => void;
}) {
  const store = useClashmapStore();
  const steps = useSteps(PROJECTOR);
  const custom = useClashmap((s) => (s.map.presentation?.steps.length ?? 0) > 0);
  const textOf = useClashmap((s) => s.map.nodes);
  const selected = useClashmap((s) => s.selectedNodeIds);
  const name = (id: string) => textOf.find((n) => n.id === id)?.text ?? id;

  const update = (next: PresentationStep[]) => store.getState().setSteps(next);
  const move = (from: number, to: number) => {
    if (to < 0 || to >= steps.length) return;
    const next = steps.slice();
    const [step] = next.splice(from, 1);
    next.splice(to, 0, step!);
    update(next);
  };

  return (
    <aside className="cm-steps-panel" aria-label="Presentation steps">
      <div className="cm-steps-panel__head">
        <h2>Presentation steps</h2>
        <p className="cm-muted">
          {custom
            ? 'Your own steps, saved with the map.'
            : 'Derived from the map. Any change makes them your own.'}
        </p>
        <div className="cm-row">
          <button
            type="button"
            disabled={selected.length === 0}
            onClick={() =>
              update([
                ...steps,
                {
                  id: freshId('step', new Set(steps.map((step) => step.id))),
                  title: `Step ${steps.length + 1}`,
                  nodes: [...selected],
                },
              ])
            }
          >
            Add step from selection
          </button>
          {custom && (
            <button type="button" onClick={() => store.getState().setSteps(null)}>
              Use derived steps
            </button>
          )}
          <button type="button" aria-label="Close steps panel" onClick={onClose}>
            ×
          </button>
        </div>
      </div>
      <ol className="cm-steps">
        {steps.map((step, i) => (
          <li key={step.id} className="cm-step" aria-label={`Step ${i + 1}: ${step.title ?? ''}`}>
            <div className="cm-step__head">
              <strong>
                {i + 1}. {step.title ?? `Step ${i + 1}`}
              </strong>
              <div className="cm-row">
                <button
                  type="button"
                  aria-label={`Move step ${i + 1} up`}
                  disabled={i === 0}
                  onClick={() => move(i, i - 1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={`Move step ${i + 1} down`}
                  disabled={i === steps.length - 1}
                  onClick={() => move(i, i + 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  aria-label={`Remove step ${i + 1}`}
                  disabled={steps.length === 1}
                  onClick={() => update(steps.filter((_, j) => j !== i))}
                >
                  ×
                </button>
                <button
                  type="button"
                  aria-label={`Present from step ${i + 1}`}
                  onClick={() => onPresentFrom(i)}
                >
                  ▶
                </button>
              </div>
            </div>
            <ul className="cm-step__nodes">
              {step.nodes.map((id) => (
                <li key={id}>{name(id)}</li>
              ))}
            </ul>
            <NoteField
              index={i}
              note={step.note ?? ''}
              onCommit={(note) =>
                update(
                  steps.map((s, j) =>
                    j === i ? { ...s, note: note.trim() ? note : undefined } : s,
                  ),
                )
              }
            />
          </li>
        ))}
      </ol>
    </aside>
  );
}
