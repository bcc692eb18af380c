import type { RelationKindSpec } from './types';

/**
 * A premise of an argument: a claim the argument rests on. An argument holds only when all of its
 * premises stand (linked premises), so in evaluation a premise is needed together with the others
 * rather than being one reason among several. Green, solid, running into the argument's junction
 * without an arrowhead; the junction carries the argument on to its conclusion.
 */
export const premise: RelationKindSpec<'premise'> = {
  id: 'premise',
  endpoints: { from: ['position', 'claim'], to: ['argument'] },
  names: {
    noun: 'premise link',
    plural: 'premise links',
    verb: 'is a premise of',
    adjective: 'premise',
    label: 'Premise',
    newReply: 'New premise',
  },
  shortcut: null,
  symmetric: false,
  offered: 'command',
  look: {
    glyph: '+',
    color: {
      cssVar: '--cm-support',
      hex: '#1f6f43',
      dark: '#62c98f',
      present: { light: '#0057a8', dark: '#56b4e9' },
    },
    dash: null,
    end: 'none',
    badge: 'circle',
  },
  evaluation: 'premise',
  flow: 'backing',
  formats: {
    argdown: { part: 'premise' },
    aif: { part: 'premise' },
    kialo: null,
    dot: { color: '#2f7d32', arrowhead: 'none' },
    graphml: { kind: 'premise' },
  },
};
