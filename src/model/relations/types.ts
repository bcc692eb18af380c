import type { NodeKind } from '../node';

/**
 * What an edge of a kind does to its target when the map is evaluated (src/model/evaluate.ts):
 * a supporter can hold the target up, an attacker can bring it down, and a turn attacks its
 * target and also what its target supports (the argument now counts against what it was for).
 * A premise is needed by its argument together with the argument's other premises (the argument
 * stands only when all of them stand), and a conflict attacks both ways (contraries).
 */
export type EvaluationRole = 'supports' | 'attacks' | 'turns' | 'premise' | 'conflicts';

/**
 * What an edge of a kind is on a debate flow (src/model/flow.ts): an answer to the other side's
 * argument, a turn (an answer that takes the argument over), an extension of one's own
 * argument into a later speech, the use of an argument on another sheet, or plain backing.
 */
export type FlowRole = 'answer' | 'turn' | 'extension' | 'crossApplication' | 'backing';

/**
 * Where the app offers the kind for making new edges: on the canvas (toolbar, node handles,
 * reply keys), only in the flow view, or only through its own command (the parts of an argument
 * are made by "Support together" and "Undercut"; a conflict by "Mark as contraries"). The
 * inspector offers the canvas and flow kinds for an existing edge between two claims.
 */
export type Offered = 'canvas' | 'flow' | 'command';

/**
 * A format that cannot tell this kind apart writes it as another kind (`as`, one the format
 * holds) and reports the loss; reading the file back gives that kind.
 */
export interface WrittenAs {
  readonly as: string;
}

/**
 * The shape at the target end of a line: an arrowhead, a bar across the line, or none (a premise
 * line runs into its argument's junction).
 */
export type EndMarker = 'arrow' | 'bar' | 'none';

/** The shape of the badge that carries the kind's glyph at the middle of a line. */
export type BadgeShape = 'circle' | 'square';

/** AIF scheme nodes that can stand for a Clashmap edge: inference (RA) and conflict (CA). */
export type AifSchemeNode = 'RA' | 'CA';

/**
 * A part of an argument's structure rather than a relation of its own: Argdown writes premises
 * and the conclusion in the argument's premise–conclusion structure, and AIF as the plain edges
 * into and out of the argument's RA node.
 */
export interface PartOfArgument {
  readonly part: 'premise' | 'conclusion';
}

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
  /** The key (lower case) that adds a reply of this kind to the selected node; null: none. */
  readonly shortcut: string | null;
  /** Whether the relation runs both ways (contraries): drawn without a direction, read either way. */
  readonly symmetric: boolean;
  /** Where new edges of this kind are offered. */
  readonly offered: Offered;
  /** How the canvas, the legend and the SVG export draw it. */
  readonly look: {
    /** The sign on the edge's badge and on its drag handle: "+" or "−" (U+2212). */
    readonly glyph: string;
    /**
     * The CSS custom property the canvas and the legend draw it with (defined from here, by
     * src/components/relationStyles.ts), its value (written out in SVG exports too), and its
     * value in the dark theme; and its colours when presenting on a projector, light and dark.
     */
    readonly color: {
      readonly cssVar: `--cm-${string}`;
      readonly hex: `#${string}`;
      readonly dark: `#${string}`;
      readonly present: { readonly light: `#${string}`; readonly dark: `#${string}` };
    };
    /** An SVG stroke-dasharray, or null for a solid line. */
    readonly dash: string | null;
    readonly end: EndMarker;
    readonly badge: BadgeShape;
  };
  /** Its role in evaluation. */
  readonly evaluation: EvaluationRole;
  /** Its role on a debate flow. */
  readonly flow: FlowRole;
  /** How each file format writes it and reads it back. */
  readonly formats: {
    readonly argdown:
      | {
          /** The sign before a reply under its target: `+ [from]`, `- [from]`. */
          readonly sign: string;
          /** Argdown relation types (@argdown/core's `relationType`) read as this kind. */
          readonly reads: readonly string[];
          /** Symmetric Argdown relation types read as one edge of this kind each way. */
          readonly readsBothWays: readonly string[];
        }
      | WrittenAs
      | PartOfArgument;
    readonly aif:
      | {
          /** The scheme node an edge becomes: I(from) → node → I(to). */
          readonly node: AifSchemeNode;
          /**
           * The scheme node's text. Kinds that share a node type are told apart by it when read
           * back; an unknown text reads as the first kind of that node type.
           */
          readonly scheme: string;
        }
      | PartOfArgument;
    /** The stance Kialo writes before a claim (`1.1. Pro: …`), or null: Kialo has none for it. */
    readonly kialo: { readonly stance: string } | null;
    /** Graphviz edge attributes; the label is the glyph, the style follows the dash. */
    readonly dot: { readonly color: `#${string}`; readonly arrowhead: string };
    /** The value of the edge's `kind` data key. */
    readonly graphml: { readonly kind: string };
  };
}
