import type { RelationKindSpec } from './types';

/**
 * An argument's conclusion: the line from the argument's junction to the claim it supports. Each
 * argument has exactly one. In evaluation the argument holds its conclusion up like a supporter,
 * so a plain support edge is the same thing as a one-premise argument. Green, solid, arrowhead.
 */
export const conclusion: RelationKindSpec<'concludes'> = {
  id: 'concludes',
  endpoints: { from: ['argument'], to: ['position', 'claim'] },
  names: {
    noun: 'conclusion link',
    plural: 'conclusion links',
    verb: 'concludes',
    adjective: 'concluding',
    label: 'Conclusion',
    newReply: 'New conclusion',
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
    end: 'arrow',
    badge: 'circle',
  },
  evaluation: 'supports',
  flow: 'backing',
  formats: {
    argdown: { part: 'conclusion' },
    aif: { part: 'conclusion' },
    kialo: null,
    dot: { color: '#2f7d32', arrowhead: 'normal' },
    graphml: { kind: 'concludes' },
  },
};
