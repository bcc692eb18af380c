import type { RelationKindSpec } from './types';

/**
 * An undercut: an attack on an argument's inference ("that does not follow"), not on any of its
 * premises or its conclusion. The argument falls when an undercutter stands, and its conclusion
 * then loses that argument's support. Orange, long dashes, a bar and a "⊘".
 */
export const undercut: RelationKindSpec<'undercut'> = {
  id: 'undercut',
  endpoints: { from: ['position', 'claim'], to: ['argument'] },
  names: {
    noun: 'undercut',
    plural: 'undercuts',
    verb: 'undercuts',
    adjective: 'undercutting',
    label: 'Undercut',
    newReply: 'It does not follow, because…',
  },
  shortcut: null,
  symmetric: false,
  offered: 'command',
  look: {
    glyph: '⊘',
    color: {
      cssVar: '--cm-undercut',
      hex: '#a14a00',
      dark: '#f0a35e',
      present: { light: '#7a3d00', dark: '#e8a060' },
    },
    dash: '12 5',
    end: 'bar',
    badge: 'square',
  },
  evaluation: 'attacks',
  flow: 'answer',
  formats: {
    argdown: { sign: '_', reads: ['undercut'], readsBothWays: [] },
    aif: { node: 'CA', scheme: 'Undercut' },
    kialo: null,
    dot: { color: '#a14a00', arrowhead: 'tee' },
    graphml: { kind: 'undercut' },
  },
};
