import type { RelationKindSpec } from './types';

/** A reason against its target: dashed red line ending in a bar, with a "−". */
export const rebuttal: RelationKindSpec<'rebuttal'> = {
  id: 'rebuttal',
  endpoints: { from: ['position', 'claim'], to: ['position', 'claim'] },
  names: {
    noun: 'rebuttal',
    plural: 'rebuttals',
    verb: 'rebuts',
    adjective: 'rebutting',
    label: 'Rebuttal',
    newReply: 'New rebuttal',
  },
  shortcut: 'r',
  symmetric: false,
  offered: 'canvas',
  look: {
    glyph: '−',
    color: {
      cssVar: '--cm-rebuttal',
      hex: '#b0261c',
      dark: '#ff8a7d',
      present: { light: '#c04000', dark: '#ff9a3c' },
    },
    dash: '9 6',
    end: 'bar',
    badge: 'square',
  },
  evaluation: 'attacks',
  flow: 'answer',
  formats: {
    argdown: { sign: '-', reads: ['attack'], readsBothWays: [] },
    aif: { node: 'CA', scheme: 'Default Conflict' },
    kialo: { stance: 'Con' },
    dot: { color: '#b3261e', arrowhead: 'tee' },
    graphml: { kind: 'rebuttal' },
  },
};
