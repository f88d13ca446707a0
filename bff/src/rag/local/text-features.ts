/**
 * Tokenising for the local embedder: lowercase words, stopwords out and a light suffix stripper.
 * There is deliberately no synonym map: one tuned to a robotics book's vocabulary helps that book
 * and no other (the answer evaluation in bench/eval measures every book).
 */

const STOPWORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each few for from further had has have ' +
    'having he her here hers herself him himself his how i if in into is it its itself just me more most ' +
    'my myself no nor not now of off on once only or other our ours ourselves out over own same she should ' +
    'so some such than that the their theirs them themselves then there these they this those through to ' +
    'too under until up very was we were what when where which while who whom why will with would you your ' +
    'yours yourself yourselves also may might must shall us via e g ie eg etc vs one use using used make ' +
    'makes made get gets got let lets like well way ways thing things explain tell show describe mean means'
  ).split(' '),
);

/** Strips common English suffixes; deliberately crude, but stable and symmetric for queries and docs. */
export function stem(word: string): string {
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    // Two passes so that "robotics" and "robotic" (and "reinforcement", "reinforced") meet.
    stemmed = undouble(stripSuffix(stripSuffix(word)));
    if (stems.size >= STEMS_HELD) stems.clear();
    stems.set(word, stemmed);
  }
  return stemmed;
}

/** Stems by word: the same few thousand words are stemmed over and over. */
const stems = new Map<string, string>();
const STEMS_HELD = 50_000;

/** "planning" → "plann" → "plan", "controller" → "control"; applied to every word so it stays consistent. */
function undouble(word: string): string {
  return word.length > 3 && /([b-df-hj-np-rtv-z])\1$/.test(word) ? word.slice(0, -1) : word;
}

function stripSuffix(word: string): string {
  if (word.length <= 3 || /\d/.test(word) || /(ss|us|is)$/.test(word)) return word;
  for (const [suffix, keep] of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= keep) {
      return word.slice(0, word.length - suffix.length);
    }
  }
  return word;
}

// Longest first; the number is the shortest stem the rule may leave.
const SUFFIXES: [string, number][] = [
  ['ational', 4],
  ['ization', 4],
  ['fulness', 4],
  ['ousness', 4],
  ['iveness', 4],
  ['ations', 4],
  ['ation', 4],
  ['ators', 4],
  ['ator', 4],
  ['ating', 4],
  ['ated', 4],
  ['ates', 4],
  ['ate', 4],
  ['ments', 4],
  ['ment', 4],
  ['ness', 4],
  ['ities', 3],
  ['ity', 3],
  ['ing', 3],
  ['ies', 3],
  ['ied', 3],
  ['ers', 3],
  ['er', 3],
  ['ed', 3],
  ['ly', 3],
  ['es', 4],
  ['s', 3],
  ['ic', 4],
  ['al', 4],
  ['e', 4],
  ['y', 4],
  ['ion', 4],
];

export function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .match(/[a-z0-9]+(?:[-_'][a-z0-9]+)*/g) ?? []
  )
    .flatMap((w) => w.split(/[-_']/))
    .filter((w) => w.length > 1 && !STOPWORDS.has(w));
}

export interface Features {
  terms: string[];
  bigrams: string[];
}

export function features(text: string): Features {
  const terms = words(text).map(stem);
  const bigrams: string[] = [];
  for (let i = 1; i < terms.length; i++) bigrams.push(`${terms[i - 1]} ${terms[i]}`);
  return { terms, bigrams };
}
