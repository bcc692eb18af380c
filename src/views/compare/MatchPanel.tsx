import { useState } from 'react';
import { quoteText, type Comparison } from '../../compare/compare';
import {
  decisionKey,
  withDecision,
  withoutDecision,
  type CompareSettings,
} from '../../compare/settings';
import type { ClashMap } from '../../model/map';
import type { Highlight, Side } from './highlight';

/** The match of the selected card, and the teacher's controls to confirm, break or make one. */
export function MatchPanel({
  comparison,
  highlight,
  settings,
  onSettings,
}: {
  comparison: Comparison;
  highlight: Highlight;
  settings: CompareSettings;
  onSettings: (next: CompareSettings) => void;
}) {
  const [candidate, setCandidate] = useState('');
  const one = (set: ReadonlySet<string>, map: ClashMap) =>
    set.size === 1 ? map.nodes.find((n) => set.has(n.id)) : undefined;
  const modelNode = one(highlight.model, comparison.model);
  const studentNode = one(highlight.student, comparison.student);
  const side: Side | null =
    modelNode && highlight.student.size === 0
      ? 'model'
      : studentNode && highlight.model.size === 0
        ? 'student'
        : null;
  if (side === null)
    return (
      <section className="cm-cmp__match" aria-label="Match">
        <h3>Match</h3>
        <p>Select a card in either map to see its match, and to confirm, break or make one.</p>
      </section>
    );
  const node = side === 'model' ? modelNode! : studentNode!;
  const match = comparison.matched.find((m) =>
    side === 'model' ? m.model === node.id : m.student === node.id,
  );
  const studentText = (id: string) => comparison.student.nodes.find((n) => n.id === id)!.text;
  const modelText = (id: string) => comparison.model.nodes.find((n) => n.id === id)!.text;
  const decided = match
    ? settings.decisions.find(
        (d) =>
          d.model === match.model &&
          d.match &&
          decisionKey(d.student) === decisionKey(studentText(match.student)),
      )
    : undefined;
  const others = (side === 'model' ? comparison.student.nodes : comparison.model.nodes)
    .map((other) => ({
      node: other,
      score:
        side === 'model'
          ? comparison.similarity(node.id, other.id).score
          : comparison.similarity(other.id, node.id).score,
    }))
    .sort((a, b) => b.score - a.score);
  return (
    <section className="cm-cmp__match" aria-label="Match">
      <h3>Match</h3>
      <p>
        {side === 'model' ? 'Model' : 'Student'}: {quoteText(node.text)}
      </p>
      {match ? (
        <>
          <p>
            Matched with{' '}
            {quoteText(side === 'model' ? studentText(match.student) : modelText(match.model))}:{' '}
            {match.why}.
          </p>
          <div className="cm-cmp__actions">
            {decided ? (
              <button
                type="button"
                className="cm-tool"
                onClick={() =>
                  onSettings(withoutDecision(settings, match.model, studentText(match.student)))
                }
              >
                Undo my match
              </button>
            ) : (
              <button
                type="button"
                className="cm-tool"
                onClick={() =>
                  onSettings(
                    withDecision(settings, {
                      model: match.model,
                      student: studentText(match.student),
                      match: true,
                    }),
                  )
                }
              >
                Confirm match
              </button>
            )}
            <button
              type="button"
              className="cm-tool"
              onClick={() =>
                onSettings(
                  withDecision(settings, {
                    model: match.model,
                    student: studentText(match.student),
                    match: false,
                  }),
                )
              }
            >
              Break match
            </button>
          </div>
        </>
      ) : (
        <>
          <p>{side === 'model' ? 'Not found in this student’s map.' : 'Not in the model.'}</p>
          <div className="cm-cmp__actions">
            <label>
              Match with
              <select value={candidate} onChange={(event) => setCandidate(event.target.value)}>
                <option value="">Choose a claim…</option>
                {others.map(({ node: other, score }) => (
                  <option key={other.id} value={other.id}>
                    {quoteText(other.text)} ({score.toFixed(2)})
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="cm-tool"
              disabled={candidate === ''}
              onClick={() => {
                const modelId = side === 'model' ? node.id : candidate;
                const studentId = side === 'model' ? candidate : node.id;
                onSettings(
                  withDecision(settings, {
                    model: modelId,
                    student: studentText(studentId),
                    match: true,
                  }),
                );
              }}
            >
              Make match
            </button>
          </div>
        </>
      )}
    </section>
  );
}
