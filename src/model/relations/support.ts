import type { RelationKindSpec } from './types';

/** A reason for its target: solid green line with an arrowhead and a "+". */
export const support: RelationKindSpec<'support'> = {
  id: 'support',
  endpoints: { from: ['position', 'claim'], to: ['position', 'claim'] },
  names: {
    noun: 'support',
    plural: 'supports',
    verb: 'supports',
    adjective: 'supporting',
    label: 'Support',
    newReply: 'New supporting claim',
  },
  shortcut: 's',
  symmetric: false,
  offered: 'canvas',
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
    argdown: { sign: '+', reads: ['support', 'entails'], readsBothWays: [] },
    aif: { node: 'RA', scheme: 'Default Inference' },
    kialo: { stance: 'Pro' },
    dot: { color: '#2f7d32', arrowhead: 'normal' },
    graphml: { kind: 'support' },
  },
};
