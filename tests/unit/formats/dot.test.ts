import { describe, expect, it } from 'vitest';
import { dotString, exportDot, wrapLabel } from '../../../src/io/formats/dot';
import type { ClashMap } from '../../../src/model/map';
import { readArticleMap } from '../helpers/maps';
import { exported, messages } from './expectations';
import { TRICKY_MAP } from './trickyMap';

/**
 * Reads DOT the way Graphviz's scanner does: outside strings it counts braces and brackets;
 * inside a quoted string, `\"` is an escaped quote and any other backslash is kept for the
 * label, where `\\` is a backslash and `\n` a line break. Returns the decoded strings, or
 * throws if a string or bracket is left open.
 */
function readDot(text: string): string[] {
  const strings: string[] = [];
  const open: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      let raw = '';
      for (i++; ; i++) {
        if (i >= text.length) throw new Error('a quoted string is never closed');
        if (text[i] === '\\' && text[i + 1] === '"') {
          raw += '"';
          i++;
        } else if (text[i] === '"') break;
        else raw += text[i];
      }
      strings.push(raw.replace(/\\(.)/g, (_all, c: string) => (c === 'n' ? '\n' : c)));
    } else if (ch === '{' || ch === '[') open.push(ch);
    else if (ch === '}' || ch === ']') {
      const last = open.pop();
      if ((ch === '}' && last !== '{') || (ch === ']' && last !== '['))
        throw new Error(`unbalanced ${ch} at ${i}`);
    }
  }
  if (open.length > 0) throw new Error(`unclosed ${open.join('')}`);
  return strings;
}

describe('DOT export', () => {
  it('writes the exact graph for a small map', () => {
    const { text } = exported(exportDot(TRICKY_MAP));
    expect(text).toBe(
      [
        'digraph clashmap {',
        '  graph [label="Strikes \\"now\\" \\\\ later", labelloc=t, rankdir=BT, fontname="Helvetica"];',
        '  node [fontname="Helvetica", fontsize=11, style=filled, fillcolor=white];',
        '  edge [fontname="Helvetica", fontsize=12];',
        '',
        '  "pos-strike" [shape=box, style="filled,bold", fillcolor="#eef3ff", label="The US should strike cartels in\\nMexico with drones, unilaterally if\\nneed be.", tooltip="The US should strike cartels in Mexico with drones, unilaterally if need be."];',
        '  "claim-reject" [shape=note, label="Mexico says \\"no\\" to\\nany <intervention> & ends with \\\\ ", tooltip="Mexico says \\"no\\" to\\nany <intervention> & ends with \\\\\\n“We reject any form of intervention.” — Claudia Sheinbaum"];',
        '',
        '  "claim-reject" -> "pos-strike" [id="e-reject", label="−", style=dashed, arrowhead=tee, color="#b3261e", fontcolor="#b3261e", tooltip="Sovereignty \\"first\\""];',
        '  "pos-strike" -> "claim-reject" [id="e-support", label="+", style=solid, arrowhead=normal, color="#2f7d32", fontcolor="#2f7d32"];',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('is well formed, and every string reads back as the text it carries', () => {
    const { text } = exported(exportDot(TRICKY_MAP));
    const strings = readDot(text);
    expect(strings).toContain('Strikes "now" \\ later');
    expect(strings).toContain(
      wrapLabel('Mexico says "no" to\nany <intervention> & ends with \\') + ' ',
    );
    expect(strings).toContain('Sovereignty "first"');
    for (const map of [readArticleMap(), TRICKY_MAP]) {
      const dot = exported(exportDot(map)).text;
      expect(() => readDot(dot)).not.toThrow();
      expect(dot.match(/ -> /g)).toHaveLength(map.edges.length);
    }
  });

  it('draws positions as boxes, claims as notes, supports solid and rebuttals dashed', () => {
    const text = exported(exportDot(TRICKY_MAP)).text;
    expect(text).toMatch(/"pos-strike" \[shape=box/);
    expect(text).toMatch(/"claim-reject" \[shape=note/);
    expect(text).toMatch(/-> "pos-strike" \[[^\]]*label="−", style=dashed, arrowhead=tee/);
    expect(text).toMatch(/-> "claim-reject" \[[^\]]*label="\+", style=solid, arrowhead=normal/);
  });

  it('gives the same text for the same map', () => {
    const map = readArticleMap();
    expect(exported(exportDot(map)).text).toBe(exported(exportDot(structuredClone(map))).text);
  });

  it('escapes quotes, backslashes and line breaks', () => {
    expect(dotString('say "hi"')).toBe('"say \\"hi\\""');
    expect(dotString('a\\nb')).toBe('"a\\\\nb"');
    expect(dotString('one\r\ntwo\tthree')).toBe('"one\\ntwo three"');
    expect(dotString('ends with \\')).toBe('"ends with \\\\ "');
    expect(readDot(dotString('\\"\\\\"'))).toEqual(['\\"\\\\"']);
  });

  it('wraps long labels at spaces', () => {
    expect(wrapLabel('one two three four', 9)).toBe('one two\nthree\nfour');
    expect(wrapLabel('keep\nbreaks', 40)).toBe('keep\nbreaks');
  });

  it('says what a drawing leaves out', () => {
    const { losses } = exported(exportDot(TRICKY_MAP));
    expect(messages(losses)).toEqual([
      'Node notes are not drawn',
      'Node tags are not drawn',
      'Canvas positions are not kept: Graphviz lays the graph out itself',
      'Edge notes are only shown as tooltips',
      'The map description is not drawn',
      'Sources and quote offsets are not kept; quotes and speakers appear in node tooltips',
      'Which claims stand is unchanged by these losses',
    ]);
    const bare: ClashMap = {
      ...TRICKY_MAP,
      description: undefined,
      sources: [],
      nodes: [],
      edges: [],
    };
    expect(exported(exportDot(bare)).losses).toEqual([]);
  });
});
