import type { NodeKind } from '../node';

/**
 * What an edge of a kind does to its target when the map is evaluated (src/model/evaluate.ts):
 * a supporter can hold the target up, an attacker can bring it down.
 */
export type EvaluationRole = 'supports' | 'attacks';

/** The shape at the target end of a line: an arrowhead, or a bar across the line. */
export type EndMarker = 'arrow' | 'bar';

/** The shape of the badge that carries the kind's glyph at the middle of a line. */
export type BadgeShape = 'circle' | 'square';

/** AIF scheme nodes that can stand for a Clashmap edge: inference (RA) and conflict (CA). */
export type AifSchemeNode = 'RA' | 'CA';

/**
 * Everything the app knows about one relation kind. A kind is described once, in its own file
 * under src/model/relations/, and every view, file format and the evaluation read it from here.
 */
export interface RelationKindSpec<K extends string = string> {
  /** The kind as written in a Clashmap file (`edges[i].kind`). */
  readonly id: K;
  /** Which node kinds may be the edge's source (`from`) and target (`to`). */
  readonly endpoints: { readonly from: readonly NodeKind[]; readonly to: readonly NodeKind[] };
  /** The kind in words, lower case unless the field says otherwise. */
  readonly names: {
    /** "a support edge", "a rebuttal edge". */
    readonly noun: string;
    /** "became two rebuttals". */
    readonly plural: string;
    /** "A supports B", "A rebuts B". */
    readonly verb: string;
    /** "Add supporting claim", "a claim rebutting the selected node". */
    readonly adjective: string;
    /** The kind's name on a control, capitalised: "Support", "Rebuttal". */
    readonly label: string;
    /** The placeholder text of a new claim added as a reply of this kind. */
    readonly newReply: string;
  };
  /** The key (lower case) that adds a reply of this kind to the selected node. */
  readonly shortcut: string;
  /** How the canvas, the legend and the SVG export draw it. */
  readonly look: {
    /** The sign on the edge's badge and on its drag handle: "+" or "−" (U+2212). */
    readonly glyph: string;
    /** The CSS custom property in src/styles.css and its value, written out in SVG exports. */
    readonly color: { readonly cssVar: `--cm-${string}`; readonly hex: `#${string}` };
    /** An SVG stroke-dasharray, or null for a solid line. */
    readonly dash: string | null;
    readonly end: EndMarker;
    readonly badge: BadgeShape;
  };
  /** Its role in evaluation. */
  readonly evaluation: EvaluationRole;
  /** How each file format writes it and reads it back. */
  readonly formats: {
    readonly argdown: {
      /** The sign before a reply under its target: `+ [from]`, `- [from]`. */
      readonly sign: string;
      /** Argdown relation types (@argdown/core's `relationType`) read as this kind. */
      readonly reads: readonly string[];
      /** Symmetric Argdown relation types read as one edge of this kind each way. */
      readonly readsBothWays: readonly string[];
    };
    readonly aif: {
      /** The scheme node an edge becomes: I(from) → node → I(to). */
      readonly node: AifSchemeNode;
      /** The scheme node's text. */
      readonly scheme: string;
    };
    /** The stance Kialo writes before a claim: `1.1. Pro: …`. */
    readonly kialo: { readonly stance: string };
    /** Graphviz edge attributes; the label is the glyph, the style follows the dash. */
    readonly dot: { readonly color: `#${string}`; readonly arrowhead: string };
    /** The value of the edge's `kind` data key. */
    readonly graphml: { readonly kind: string };
  };
}
