import { useMemo } from 'react';
import { speechGroups } from '../../model/debateFormats';
import { reasonInWords } from '../../model/evaluate';
import type { RoundFlags } from '../../model/flow';
import type { ClashMap } from '../../model/map';
import { relationKind } from '../../model/relations/registry';
import { evaluateRound } from '../../model/roundEvaluation';
import { LABEL_TEXT } from '../../components/evaluation/labels';
import { useClashmap } from '../../store/StoreContext';

interface Entry {
  readonly id: string;
  readonly words: string;
}

/**
 * The round's flags listed by the speech they happened in (what the 1NC dropped, what the 1AR
 * extended, what was crossed out or turned, what is new in a last rebuttal), and which
 * positions stand as of the same speech, with the reasons the evaluation gives.
 */
export function RoundSummary({
  flags,
  map,
  shown,
}: {
  flags: RoundFlags;
  /** The whole map, and the map as of the chosen speech. */
  map: ClashMap;
  shown: ClashMap;
}) {
  const assumptions = useClashmap((s) => s.assumptions);
  const asOf = flags.asOf?.id;
  const evaluation = useMemo(
    () => evaluateRound(map, assumptions, asOf).evaluation,
    [map, assumptions, asOf],
  );
  const text = (id: string) => map.nodes.find((n) => n.id === id)?.text ?? id;
  const made = (id: string) => flags.arguments.get(id)?.speech.id;

  const bySpeech = useMemo(() => {
    const groups = speechGroups(flags.format);
    const entries = new Map<number, Entry[]>(groups.map((g) => [g.index, []]));
    const add = (speech: string | undefined, entry: Entry) => {
      const group = groups.find((g) => g.speeches.some((s) => s.id === speech));
      if (group) entries.get(group.index)!.push(entry);
    };
    for (const [id, drop] of flags.dropped)
      entries.get(drop.due.index)!.push({ id, words: `dropped (made in the ${made(id)})` });
    for (const [id, ext] of flags.extended)
      entries.get(ext.into.index)!.push({ id, words: `extended (made in the ${made(id)})` });
    for (const edge of shown.edges) {
      if (relationKind(edge.kind).flow !== 'turn') continue;
      const by = flags.arguments.get(edge.from);
      if (by && flags.arguments.has(edge.to))
        add(by.speech.id, { id: edge.to, words: `turned by “${text(edge.from)}”` });
    }
    for (const [id, c] of flags.conceded)
      add(c.speech.id, {
        id,
        words: `crossed out (${c.meaning === 'granted' ? 'granted by the other side' : 'given up by its side'})`,
      });
    for (const [id, n] of flags.newInLastRebuttal)
      add(n.argument.speech.id, { id, words: 'new in the last rebuttal' });
    return groups
      .map((group) => ({ group, entries: entries.get(group.index)! }))
      .filter((g) => g.entries.length > 0);
    // text and made read the same map and flags.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [flags, shown]);

  if (flags.arguments.size === 0) return null;
  const positions = shown.nodes.filter((n) => n.kind === 'position');
  const counts = [
    `${flags.dropped.size} dropped`,
    `${flags.extended.size} extended`,
    `${flags.conceded.size} crossed out`,
    `${flags.newInLastRebuttal.size} new in the last rebuttal`,
  ].join(', ');
  const speechTitle = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
  return (
    <section className="cm-flow__summary" aria-label="Round summary">
      <h3>Round summary{asOf ? ` after the ${asOf}` : ''}</h3>
      <p>{counts}.</p>
      {bySpeech.map(({ group, entries }) => (
        <div key={group.index}>
          <h4>{speechTitle(group.name)}</h4>
          <ul>
            {entries.map((entry, i) => (
              <li key={`${entry.id}-${i}`}>
                “{text(entry.id)}” {entry.words}
              </li>
            ))}
          </ul>
        </div>
      ))}
      <h4>Which positions stand{asOf ? ` after the ${asOf}` : ''}</h4>
      <ul className="cm-plain-list">
        {positions.map((position) => {
          const result = evaluation.nodes.get(position.id);
          if (!result) return null;
          return (
            <li key={position.id} className={`cm-score cm-score--${result.label}`}>
              <span className={`cm-label cm-label--${result.label}`}>
                <span aria-hidden="true">{LABEL_TEXT[result.label].symbol} </span>
                {LABEL_TEXT[result.label].word}
              </span>{' '}
              <strong>{position.text}</strong>
              <span className="cm-score__reason">
                {' '}
                — {reasonInWords(evaluation, position.id, shown)}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
