import { stemmer } from 'stemmer';

// Words that carry no claim of their own. Negations are deliberately absent: "strikes will stop
// the flow" and "strikes will not stop the flow" must not read as the same claim.
const STOPWORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being
  below between both but by can could did do does doing down during each few for from further had
  has have having he her here hers herself him himself his how i if in into is it its itself just
  me more most my myself of off on once only or other our ours ourselves out over own same she
  should so some such than that the their theirs them themselves then there these they this those
  through to too under until up very was we were what when where which while who whom why will
  with would you your yours yourself yourselves also even still already may might must shall
  upon via per us`.split(/\s+/),
);

const NEGATIONS = new Set(['not', 'no', 'never', 'nor', 'none', 'cannot', 'without']);

// Words a student is likely to use for the model's word in a debate about policy. Each group
// reads as its first word. The list is short on purpose: a teacher's hand-made match covers what
// it misses, and a long thesaurus would merge claims that differ.
const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['strike', 'attack', 'bomb', 'bombing', 'airstrike', 'hit', 'raid'],
  ['stop', 'halt', 'end', 'cut', 'reduce', 'curb', 'stem', 'decrease', 'lower', 'lessen', 'slow'],
  ['damage', 'rupture', 'harm', 'hurt', 'strain', 'sour', 'worsen', 'break', 'wreck'],
  ['relation', 'tie', 'relationship', 'alliance'],
  ['reject', 'refuse', 'oppose', 'deny', 'dismiss'],
  [
    'cooperate',
    'cooperation',
    'coordinate',
    'coordination',
    'collaborate',
    'collaboration',
    'partnership',
    'jointly',
    'joint',
    'together',
  ],
  ['unilateral', 'unilaterally', 'alone', 'independently'],
  ['war', 'conflict', 'fighting', 'warfare'],
  ['military', 'army', 'troops', 'soldiers'],
  ['cartel', 'gang', 'trafficker', 'syndicate'],
  ['drug', 'narcotic'],
  ['smuggle', 'smuggling', 'traffic', 'trafficking'],
  ['mexico', 'mexican'],
  ['usa', 'america', 'american', 'washington'],
  ['demand', 'appetite', 'consumption'],
  ['deter', 'discourage', 'dissuade', 'scare'],
  ['profit', 'money', 'earnings', 'revenue', 'income'],
  ['death', 'die', 'dying', 'killed', 'deadly'],
  ['weapon', 'gun', 'firearm', 'arms'],
  ['work', 'succeed', 'effective', 'effectively'],
  ['arrest', 'detain', 'capture'],
  ['threaten', 'threat', 'warn', 'warning'],
  ['designate', 'designation', 'label', 'classify', 'brand'],
  ['terrorist', 'terror', 'terrorism'],
  ['government', 'administration', 'state', 'authorities'],
  ['big', 'large', 'huge', 'high', 'great', 'massive'],
  ['help', 'assist', 'aid'],
  ['make', 'produce', 'manufacture', 'manufacturing', 'production'],
  ['keep', 'continue', 'persist', 'remain', 'go on'],
  ['badly', 'significantly', 'seriously', 'severely', 'greatly', 'gravely'],
  ['agreement', 'consent', 'approval', 'permission'],
  ['intervention', 'interference', 'intervene', 'interfere', 'meddling'],
];

// Written as phrases, read as one word (after the case-sensitive "US" has been told apart from
// the pronoun "us").
const PHRASES: readonly [RegExp, string][] = [
  [/\bunited states( of america)?\b/g, 'usa'],
  [/\barmed forces\b/g, 'military'],
  [/\bair strikes?\b/g, 'strike'],
  [/\bwon['’]t\b/g, 'will not'],
  [/\bcan['’]t\b/g, 'can not'],
  [/n['’]t\b/g, ' not'],
];

const SYNONYMS: ReadonlyMap<string, string> = (() => {
  const table = new Map<string, string>();
  for (const group of SYNONYM_GROUPS) {
    const canonical = stemmer(group[0]!);
    for (const word of group) if (!table.has(stemmer(word))) table.set(stemmer(word), canonical);
  }
  return table;
})();

// A class's maps use the same few thousand words again and again; Porter's rules are run once
// for each. The memo is emptied when it grows past what one class could need.
const STEM_MEMO = new Map<string, string>();
const STEM_MEMO_LIMIT = 100_000;
function stemOf(word: string): string {
  let stem = STEM_MEMO.get(word);
  if (stem === undefined) {
    if (STEM_MEMO.size >= STEM_MEMO_LIMIT) STEM_MEMO.clear();
    stem = stemmer(word);
    STEM_MEMO.set(word, stem);
  }
  return stem;
}

/**
 * Text as matching reads it: accents and case folded, curly quotes made straight, the country
 * "US" told apart from the pronoun "us", runs of spaces made one.
 */
export function normaliseText(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      // Before folding case: "U.S.", "US", "USA" is the country; "us" is a stopword.
      .replace(/\bU\.S\.(A\.)?|\bUSA?\b/g, ' usa ')
      .toLowerCase()
      .replace(/[‘’ʼ`]/g, "'")
      .replace(/[“”«»]/g, '"')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/**
 * The words of a text that say something, each stemmed (Porter) and read through the synonym
 * table, in the order written. Negations are kept, as "not".
 */
export function stems(text: string): string[] {
  return stemmedWords(text).map((w) => w.stem);
}

/** Like `stems`, with the word each stem was read from (for explanations). */
export function stemmedWords(text: string): Array<{ stem: string; word: string }> {
  let normal = normaliseText(text);
  for (const [pattern, replacement] of PHRASES) normal = normal.replace(pattern, replacement);
  const out: Array<{ stem: string; word: string }> = [];
  for (const raw of normal.split(/[^\p{L}\p{N}']+/u)) {
    const word = raw.replace(/^'+|'+$/g, '').replace(/'s$/, '');
    if (word === '') continue;
    if (NEGATIONS.has(word)) {
      out.push({ stem: 'not', word });
      continue;
    }
    if (STOPWORDS.has(word) || word.includes("'")) continue;
    const stem = stemOf(word);
    // "usa" is how normaliseText wrote the country; show it as people write it.
    out.push({ stem: SYNONYMS.get(stem) ?? stem, word: word === 'usa' ? 'US' : word });
  }
  return out;
}

/** A quote as matching compares it: normalised, punctuation and spaces folded away. */
export function quoteKey(quote: string): string {
  return normaliseText(quote)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
