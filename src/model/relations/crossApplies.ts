import type { RelationKindSpec } from './types';

/**
 * An argument made on one sheet, used on another: the edge runs from the argument to the card
 * that stands for it on the other sheet (made in the speech that cross-applied it, and answering
 * there with ordinary rebuttals). The card is only as good as the argument, so in evaluation the
 * argument holds it up like a support. Teal, dotted, an arrowhead and a "×".
 */
export const crossApplication: RelationKindSpec<'cross-applies'> = {
  id: 'cross-applies',
  endpoints: { from: ['position', 'claim'], to: ['claim'] },
  names: {
    noun: 'cross-application',
    plural: 'cross-applications',
    verb: 'is cross-applied as',
    adjective: 'cross-applied',
    label: 'Cross-application',
    newReply: 'Cross-applied here',
  },
  shortcut: 'x',
  symmetric: false,
  offered: 'flow',
  look: {
    glyph: '×',
    color: {
      cssVar: '--cm-cross-applies',
      hex: '#0f7470',
      dark: '#5fd0c9',
      present: { light: '#0f7470', dark: '#5fd0c9' },
    },
    dash: '2 5',
    end: 'arrow',
    badge: 'circle',
  },
  evaluation: 'supports',
  flow: 'crossApplication',
  formats: {
    argdown: { as: 'support' },
    aif: { node: 'RA', scheme: 'Cross-application' },
    kialo: null,
    dot: { color: '#0f7470', arrowhead: 'vee' },
    graphml: { kind: 'cross-applies' },
  },
};
