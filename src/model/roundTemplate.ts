import { SIDES, speechesOf, type DebateFormat, type Side } from './debateFormats';
import { freshId } from './ids';
import { LIMITS } from './limits';
import { emptyMap, type ClashMap } from './map';
import type { MapNode } from './node';

/**
 * A new round from its format's template: the map's title, the two teams, and a sheet (a
 * position) for each of the affirmative's advantages and each of the negative's off-case
 * arguments, made in each side's first speech. What the debaters then flow goes on those sheets.
 */
export interface RoundTemplate {
  readonly format: DebateFormat;
  readonly title: string;
  /** The teams' names; left out when empty. */
  readonly aff: string;
  readonly neg: string;
  /** The sheets of each side, in order (empty names are skipped). */
  readonly sheets: { readonly aff: readonly string[]; readonly neg: readonly string[] };
}

/** The new round's map, or what is wrong with the template, in words. */
export function newRoundMap(
  template: RoundTemplate,
): { ok: true; map: ClashMap } | { ok: false; problem: string } {
  const title = template.title.trim();
  if (title === '') return { ok: false, problem: 'Give the round a title.' };
  if (title.length > LIMITS.titleLength)
    return { ok: false, problem: `A title has at most ${LIMITS.titleLength} characters.` };
  for (const side of SIDES) {
    const team = template[side].trim();
    if (team.length > LIMITS.titleLength)
      return {
        ok: false,
        problem: `A team's name has at most ${LIMITS.titleLength} characters (the ${template.format.sideNames[side]}).`,
      };
  }
  const speeches = speechesOf(template.format);
  const firstSpeech = (side: Side) => speeches.find((s) => s.side === side)!.id;
  const taken = new Set<string>();
  const nodes: MapNode[] = [];
  for (const side of SIDES) {
    for (const name of template.sheets[side]) {
      const text = name.trim();
      if (text === '') continue;
      if (text.length > LIMITS.nodeTextLength)
        return {
          ok: false,
          problem: `A sheet's name has at most ${LIMITS.nodeTextLength} characters (“${text.slice(0, 40)}…”).`,
        };
      const id = freshId('pos', taken);
      taken.add(id);
      nodes.push({ id, kind: 'position', text, evidence: [], side, speech: firstSpeech(side) });
    }
  }
  if (nodes.length === 0) return { ok: false, problem: 'Name at least one sheet.' };
  const aff = template.aff.trim();
  const neg = template.neg.trim();
  return {
    ok: true,
    map: {
      ...emptyMap(title),
      nodes,
      round: {
        format: template.format.id,
        ...(aff !== '' ? { aff } : {}),
        ...(neg !== '' ? { neg } : {}),
      },
    },
  };
}
