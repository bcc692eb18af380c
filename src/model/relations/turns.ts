import type { RelationKindSpec } from './types';

/**
 * An answer that flips the other side's argument to its own: a link turn, an impact turn. In
 * evaluation it attacks the argument it turns and also whatever that argument supports, since
 * the argument now counts against what it was made for. Purple, dash-dot, a bar and a "↺".
 */
export const turn: RelationKindSpec<'turns'> = {
  id: 'turns',
  endpoints: { from: ['claim'], to: ['position', 'claim'] },
  names: {
    noun: 'turn',
    plural: 'turns',
    verb: 'turns',
    adjective: 'turning',
    label: 'Turn',
    newReply: 'New turn',
  },
  shortcut: 't',
  symmetric: false,
  offered: 'flow',
  look: {
    glyph: '↺',
    color: {
      cssVar: '--cm-turns',
      hex: '#7b2d8e',
      dark: '#d59be6',
      present: { light: '#7b2d8e', dark: '#d59be6' },
    },
    dash: '12 4 2 4',
    end: 'bar',
    badge: 'square',
  },
  evaluation: 'turns',
  flow: 'turn',
  formats: {
    argdown: { as: 'rebuttal' },
    aif: { node: 'CA', scheme: 'Turn' },
    kialo: null,
    dot: { color: '#7b2d8e', arrowhead: 'tee' },
    graphml: { kind: 'turns' },
  },
};
