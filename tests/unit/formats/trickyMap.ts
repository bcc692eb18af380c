import type { ClashMap } from '../../../src/model/map';

const TEXT = 'Sheinbaum: “We reject any form of intervention.” 🇲🇽';

/**
 * A small map whose text is hard to escape: double and single quotes, a backslash at the end of
 * a label, angle brackets and an ampersand, a line break, a tab, a CRLF and an astral flag.
 */
export const TRICKY_MAP: ClashMap = {
  format: 'clashmap',
  version: 5,
  title: 'Strikes "now" \\ later',
  description: 'Two\nlines',
  sources: [{ id: 'src', title: 'Interview', text: TEXT }],
  nodes: [
    {
      id: 'pos-strike',
      kind: 'position',
      text: 'The US should strike cartels in Mexico with drones, unilaterally if need be.',
      evidence: [],
    },
    {
      id: 'claim-reject',
      kind: 'claim',
      text: 'Mexico says "no" to\nany <intervention> & ends with \\',
      evidence: [
        {
          id: 'q1',
          sourceId: 'src',
          quote: 'We reject any form of intervention.',
          start: 12,
          end: 47,
          speaker: 'Claudia Sheinbaum',
        },
      ],
      tags: ['sovereignty', 'Mexico 🇲🇽'],
      notes: "Tab\there, CR\r\nand 'quotes'",
      position: { x: -12.5, y: 40 },
    },
  ],
  edges: [
    {
      id: 'e-reject',
      from: 'claim-reject',
      to: 'pos-strike',
      kind: 'rebuttal',
      note: 'Sovereignty "first"',
    },
    { id: 'e-support', from: 'pos-strike', to: 'claim-reject', kind: 'support' },
  ],
};
