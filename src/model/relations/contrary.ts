import type { RelationKindSpec } from './types';

/**
 * Contraries: two claims that cannot both be true. The relation runs both ways, so in evaluation
 * each attacks the other, and both stay undecided until something else settles one of them.
 * Red, dotted, no direction, with a "≠".
 */
export const contrary: RelationKindSpec<'contrary'> = {
  id: 'contrary',
  endpoints: { from: ['position', 'claim'], to: ['position', 'claim'] },
  names: {
    noun: 'conflict',
    plural: 'conflicts',
    verb: 'conflicts with',
    adjective: 'conflicting',
    label: 'Conflict',
    newReply: 'New contrary claim',
  },
  shortcut: null,
  symmetric: true,
  offered: 'command',
  look: {
    glyph: '≠',
    color: {
      cssVar: '--cm-contrary',
      hex: '#8a1c5c',
      dark: '#f08cc4',
      present: { light: '#8a1c5c', dark: '#f08cc4' },
    },
    dash: '3 4',
    end: 'none',
    badge: 'square',
  },
  evaluation: 'conflicts',
  flow: 'answer',
  formats: {
    argdown: { sign: '><', reads: ['contradictory', 'contrary'], readsBothWays: [] },
    aif: { node: 'CA', scheme: 'Contrary' },
    kialo: null,
    dot: { color: '#8a1c5c', arrowhead: 'none' },
    graphml: { kind: 'contrary' },
  },
};
