import type { RelationKindSpec } from './types';

/**
 * A side carrying its own argument into a later speech: "extend the 1AC's uniqueness". The later
 * card stands for the earlier one, so in evaluation it holds it up like a support (an extension
 * that is beaten leaves the argument without it). Blue, short dashes, an arrowhead and a "»".
 */
export const extension: RelationKindSpec<'extends'> = {
  id: 'extends',
  endpoints: { from: ['claim'], to: ['position', 'claim'] },
  names: {
    noun: 'extension',
    plural: 'extensions',
    verb: 'extends',
    adjective: 'extending',
    label: 'Extension',
    newReply: 'New extension',
  },
  shortcut: 'e',
  symmetric: false,
  offered: 'flow',
  look: {
    glyph: '»',
    color: {
      cssVar: '--cm-extends',
      hex: '#1d5fa8',
      dark: '#7fb2f0',
      present: { light: '#1d5fa8', dark: '#7fb2f0' },
    },
    dash: '4 4',
    end: 'arrow',
    badge: 'circle',
  },
  evaluation: 'supports',
  flow: 'extension',
  formats: {
    argdown: { as: 'support' },
    aif: { node: 'RA', scheme: 'Extension' },
    kialo: null,
    dot: { color: '#1d5fa8', arrowhead: 'normal' },
    graphml: { kind: 'extends' },
  },
};
