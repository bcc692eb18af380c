import { useRef, type KeyboardEvent } from 'react';
import { quoteText, type Comparison } from '../../compare/compare';
import { describeRelation } from '../../compare/report';
import type { Highlight } from './highlight';

/** One line of the difference list, and what "Show on map" lights for it. */
export interface Difference {
  key: string;
  text: string;
  show: Highlight;
}

/** Every difference of a comparison, in words: missing and extra claims, relations, labels. */
export function differencesOf(c: Comparison): Difference[] {
  const modelText = new Map(c.model.nodes.map((n) => [n.id, n.text]));
  const studentText = new Map(c.student.nodes.map((n) => [n.id, n.text]));
  const items: Difference[] = [];
  for (const id of c.missing)
    items.push({
      key: `missing:${id}`,
      text: `Missing: ${quoteText(modelText.get(id) ?? id)}`,
      show: { model: new Set([id]), student: new Set() },
    });
  for (const id of c.extra)
    items.push({
      key: `extra:${id}`,
      text: `Not in the model: ${quoteText(studentText.get(id) ?? id)}`,
      show: { model: new Set(), student: new Set([id]) },
    });
  c.relations.forEach((diff, i) => {
    if (diff.status === 'present') return;
    const text = describeRelation(diff, c);
    items.push({
      key: `relation:${i}`,
      text: text.charAt(0).toUpperCase() + text.slice(1),
      show: {
        model: new Set(diff.model.flatMap((e) => [e.id, e.from, e.to])),
        student: new Set(diff.student.flatMap((e) => [e.id, e.from, e.to])),
      },
    });
  });
  for (const l of c.labels)
    items.push({
      key: `label:${l.model}`,
      text: `${quoteText(modelText.get(l.model) ?? l.model)} ${l.modelLabel} in the model (${l.modelReason}) but ${l.studentLabel} in the student’s map (${l.studentReason})`,
      show: { model: new Set([l.model]), student: new Set([l.student]) },
    });
  return items;
}

/** The differences, one per line; ↑ and ↓ move between their "Show on map" buttons. */
export function DifferenceList({
  items,
  onShow,
}: {
  items: Difference[];
  onShow: (item: Difference) => void;
}) {
  const list = useRef<HTMLOListElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at === -1) return;
    event.preventDefault();
    const next =
      event.key === 'ArrowDown' ? Math.min(at + 1, buttons.length - 1) : Math.max(at - 1, 0);
    buttons[next]?.focus();
  };
  return (
    <section className="cm-cmp__differences" aria-label="Differences">
      <h3>Differences ({items.length})</h3>
      {items.length === 0 ? (
        <p>None: this map says what the model says.</p>
      ) : (
        <ol ref={list} onKeyDown={onKeyDown}>
          {items.map((item) => (
            <li key={item.key}>
              <span id={`cm-cmp-diff-${item.key}`}>{item.text}</span>
              <button
                type="button"
                className="cm-tool"
                aria-describedby={`cm-cmp-diff-${item.key}`}
                onClick={() => onShow(item)}
              >
                Show on map
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
