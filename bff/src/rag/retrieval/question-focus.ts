import { contentTerms, stem } from './terms.js';

/**
 * The question's focus: the words naming what it asks for, as opposed to what it asks about.
 * "Who invented the PID controller?" asks for an inventor ("invented"), "How tall is Atlas?" for a
 * height ("tall"), "What is the salary of a robotics engineer?" for a salary, "What warranty do arm
 * makers give?" for a warranty, "How many weekly downloads does Redux have?" for downloads. A book
 * that names the subject without the focus ("PID controller" everywhere, no inventor) does not
 * answer: the subject alone is what made such questions look covered.
 *
 * Read from English question syntax only (the wh-phrase), never from one book's words:
 *   - who + verb:                         "Who founded / wrote / maintains …"
 *   - how + adjective:                    "How tall / heavy / loud / accurate …" (not the measure
 *     words how long / fast / far / big / much / many / often, whose answer is a number in any wording)
 *   - how much | many + noun:             "How many weekly downloads …", "How much electricity …"
 *   - how much … cost:                    "How much does a Jetson Orin cost?"
 *   - what is the NOUN of | for | in …:   "What is the price of a Spot?"
 *   - what | which NOUN aux …:            "What warranty do …", "Which physics engine should …"
 *   - how do I VERB …:                    "How do I paint …" (procedure verbs are paraphrased most:
 *     "switch" for "swap", so this focus only counts when the book never uses the verb at all;
 *     `procedureVerb` marks it).
 */
export interface QuestionFocus {
  /** Stemmed content words of the focus; empty when the question has none to check. */
  terms: string[];
  /** The words before the head in its phrase ("weekly" of "weekly downloads"). */
  modifiers: string[];
  /** The focus is a "how do I" verb: it decides only when the book never uses it. */
  procedureVerb: boolean;
}

const NONE: QuestionFocus = { terms: [], modifiers: [], procedureVerb: false };

const AUX = 'is|are|was|were|do|does|did|can|could|should|would|will|shall|may|might|must|has|have|had|am';
/** "how long", "how fast": the answer is a number however the book words it. */
const MEASURE_WORDS = new Set(
  'do does did can could should would will to is are was were come much many long often fast quick quickly far big large small high low well close soon'.split(
    ' ',
  ),
);
/** Nouns that say only that something is asked for ("the value of", "what kind of"), as stems. */
const LIGHT_NOUNS = new Set(
  'value values number numbers amount level levels sort part parts setting settings option options name names figure figures aspect aspects detail details'
    .split(' ')
    .map((w) => stem(w)),
);
const WORD = "[a-z][a-z0-9'-]*";
/** At most three words of a noun phrase before the auxiliary: "keyboard shortcuts", "learning rate". */
const PHRASE = `${WORD}(?: ${WORD}){0,2}`;

const PATTERNS: { re: RegExp; procedure?: boolean }[] = [
  { re: new RegExp(`^who (?:first |originally )?(${WORD})\\b`) },
  { re: new RegExp(`^how (${WORD})\\b`) },
  { re: new RegExp(`^how (?:much|many) (${PHRASE}) (?:${AUX})\\b`) },
  { re: /^how much (?:does|do|did|would|will|is|are)\b.*\b(cost|costs|price)\b/ },
  { re: new RegExp(`^what(?:'s| is| are| was| were) (?:the |an? )?(${PHRASE}) (?:of|for|in|on|at)\\b`) },
  { re: new RegExp(`^(?:what|which) (${PHRASE}) (?:${AUX})\\b`) },
  { re: new RegExp(`^how (?:do|can|should|would|could) (?:i|we|you|one) (${WORD})\\b`), procedure: true },
  { re: new RegExp(`^how to (${WORD})\\b`), procedure: true },
];

export function questionFocus(question: string): QuestionFocus {
  const text = question
    .trim()
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/^(?:(?:can|could) you (?:please )?(?:tell me|explain)|please tell me|tell me|i wonder)\s+/, '');
  for (const { re, procedure } of PATTERNS) {
    const match = re.exec(text);
    if (!match) continue;
    const words = match[1]!;
    if (MEASURE_WORDS.has(words.split(' ')[0]!) || new RegExp(`^(?:${AUX})\\b`).test(words)) continue;
    // A noun phrase's head is its last word ("learning rate", "keyboard shortcuts"): the book may
    // name the thing without the modifier. A light noun ("friction value") leaves it to the modifier.
    const phrase = contentTerms(words).filter((t) => !LIGHT_NOUNS.has(t));
    const head = phrase.at(-1);
    if (head) return { terms: [head], modifiers: phrase.slice(0, -1), procedureVerb: procedure === true };
  }
  return NONE;
}

/**
 * Words naming one attribute, as students and books trade them ("price" and "cost", "heavy" and
 * "weight", "weaknesses" and "limitations"): general English, no book's vocabulary. A focus in a
 * family is held by any of its words, or by an amount in one of its units ("73 kg", "$20k").
 */
const ATTRIBUTE_FAMILIES: { words: string; amount?: RegExp }[] = [
  {
    words:
      'cost costs price prices priced pricing expensive cheap cheaper costly afford affordable budget dollars',
    amount: /[$€£¥]\s?\d|\d\s?(?:usd|eur|dollars?|euros?)\b/i,
  },
  {
    words: 'weight weigh weighs heavy heavier mass kilograms',
    amount: /\d\s?(?:kg|lbs?|grams?)\b/i,
  },
  { words: 'height tall taller', amount: /\d\s?(?:m|cm|mm|ft|meters?|metres?)\b/i },
  { words: 'length long longer', amount: /\d\s?(?:m|cm|mm|ft|meters?|metres?)\b/i },
  { words: 'width wide wider' },
  { words: 'depth deep deeper' },
  { words: 'size big bigger large larger small smaller dimensions' },
  { words: 'speed fast faster slow slower velocity quick quickly', amount: /\d\s?(?:m\/s|km\/h|mph)/i },
  { words: 'age old older' },
  { words: 'temperature hot hotter cold colder warm heat' },
  { words: 'noise loud louder quiet quieter decibels', amount: /\d\s?db\b/i },
  {
    words:
      'weakness weaknesses weak limitation limitations limits disadvantage disadvantages drawback drawbacks downside downsides shortcoming shortcomings cons',
  },
  { words: 'advantage advantages benefit benefits strength strengths upside upsides pros merits' },
  { words: 'accuracy accurate precision precise error errors' },
  { words: 'range distance far reach' },
  { words: 'power watts consumption draw energy electricity', amount: /\d\s?(?:w|kw|watts?|wh|kwh)\b/i },
];

interface Family {
  stems: Set<string>;
  amount?: RegExp;
}

let families: Map<string, Family> | undefined;

/** Each attribute word's stem → its family. */
function familyOf(term: string): Family | undefined {
  if (!families) {
    families = new Map();
    for (const { words, amount } of ATTRIBUTE_FAMILIES) {
      const family: Family = { stems: new Set(words.split(' ').map((w) => stem(w))), amount };
      for (const s of family.stems) if (!families.has(s)) families.set(s, family);
    }
  }
  return families.get(term);
}

/** A word with the other words of its attribute family, as stems ("tall" → tall, height, taller). */
export function attributeForms(term: string): string[] {
  const family = familyOf(term);
  return family ? [...new Set([term, ...family.stems])] : [term];
}

/** A passage as the focus check reads it: its stemmed content words and its raw text. */
export interface FocusPassage {
  terms: Set<string>;
  text: string;
}

/**
 * True when a passage holds the focus: the word in another form of the same stem family
 * ("accurate" → accur, "accuracy" → accuraci: Porter leaves some derivations apart, so a stem of
 * five letters or more that begins the other matches), a word of its attribute family, or an amount
 * in one of the family's units.
 */
export function holdsFocus(focus: string[], passage: FocusPassage): boolean {
  return focus.every((term) => {
    if (hasForm(term, passage.terms)) return true;
    const family = familyOf(term);
    if (!family) return false;
    for (const s of family.stems) if (passage.terms.has(s)) return true;
    return family.amount?.test(passage.text) ?? false;
  });
}

function hasForm(term: string, passage: Set<string>): boolean {
  if (passage.has(term)) return true;
  if (term.length < 5) return false;
  for (const word of passage) {
    if (word.length >= 5 && (word.startsWith(term) || term.startsWith(word))) return true;
  }
  return false;
}
