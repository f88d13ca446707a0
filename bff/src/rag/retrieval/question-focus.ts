import { contentTerms, stem } from './terms.js';

/**
 * Attribute words of a question, as students and books trade them. There is no syntactic "focus"
 * here: reading what a question asks for from its wh-phrase ("how tall", "what is the NOUN of",
 * "how do I VERB") declined paraphrases on books it was not tuned on (a "power supply" the book
 * calls an "adapter", "how heavy" answered by "450 g", "how do I deal with" in a book without
 * "deal") and declined nothing more there. What remains is general English: an attribute word the
 * book never uses is held by another word of its family or an amount in a unit.
 */

/**
 * Amounts by what they measure: "How heavy is the gripper?" is answered by "450 g", "how fast" by
 * "30 Hz" or "5 ms", "how long" by "40 cm" or "2 hours", never by the question's adjective.
 */
const unit = (units: string) => new RegExp(`\\d\\s?(?:${units})(?![a-z])`, 'i');
const LENGTH =
  'mm|cm|km|m|inch(?:es)?|ft|feet|mi|miles?|meters?|metres?|centimet(?:er|re)s?|millimet(?:er|re)s?';
const MASS = 'mg|g|kg|t|lbs?|oz|grams?|kilograms?|tonnes?|pounds?';
const TIME = 'ns|µs|us|ms|s|sec|min|h|hrs?|(?:milli|micro|nano)?seconds?|minutes?|hours?|days?|weeks?|years?';
const RATE = 'hz|khz|mhz|ghz|fps|rpm|m/s|km/h|mph|rad/s|deg/s|°/s|hertz';
const POWER = 'mw|w|kw|wh|kwh|mah|ah|v|mv|kv|ma|watts?|volts?|amps?';

/** Data sizes: "How big is Redux?" is answered by "2kB". */
const DATA = 'b|kb|mb|gb|tb|kib|mib|gib|bytes?|kilobytes?|megabytes?|gigabytes?';

/**
 * An amount of what a question's number measures (readQuestion's measure), as a book writes it: a
 * duration in time units, a rate in Hz or per second (or a period in time units: "how fast" is
 * answered by "every 10 ms" as often as by "100 Hz"), a size in lengths, masses or data sizes, a
 * price in a currency, a date as a year, a version as dotted numbers ("18.12", "v5.0.1") or
 * "version 5". "How often" and "how frequently" ask for a rate whatever the measure read ("how
 * often does the loop run" is answered by "100 Hz" or "every 10 ms"). Undefined for a count
 * (countPattern reads that) or no measure.
 */
export function amountPattern(question: string, measure: string | undefined): RegExp | undefined {
  switch (/\bhow (?:often|frequently)\b/i.test(question) ? 'rate' : measure) {
    case 'duration':
      return unit(TIME);
    case 'rate':
      return new RegExp(`${unit(`${RATE}|${TIME}`).source}|\\bper (?:second|minute|hour)\\b`, 'i');
    case 'size':
      return unit(`${LENGTH}|${MASS}|${DATA}`);
    case 'amount':
      return CURRENCY;
    case 'date':
      return YEAR;
    case 'version':
      return /\bv?\d+\.\d+(?:\.\d+)?\b|\bversions? \d/i;
    default:
      return undefined;
  }
}

/** Money as books write it: "$120,000", "€45k", "80,000 USD", "90k dollars". */
export const CURRENCY = /[$€£¥]\s?\d|\d[\d,.]*\s?k?\s?(?:usd|eur|gbp|dollars?|euros?)\b/i;

/** A year: "1960", "2026". */
export const YEAR = /\b(?:19|20)\d\d\b/;

/** Numbers as books write them before what they count: digits, ranges ("20-40+"), number words. */
const COUNT =
  '(?:\\d[\\d,.]*\\+?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|dozens?|hundreds?)';

/** Where the phrase "how many" or "how much" asks about ends: the question's auxiliary. */
export const AUXILIARY =
  /^(?:does|do|did|is|are|was|were|can|could|will|would|should|shall|has|have|had|must|might|may)$/;

/**
 * What "how many" or "how much" asks about, lower-cased as the reader wrote it: the words after it up
 * to the question's auxiliary ("how many degrees of freedom does …" → degrees, of, freedom, ended),
 * or up to the end when none follows (not ended). The one reading of that phrase for ranking
 * (countPattern), the rare-name check and abstention (abstain-count.ts).
 */
export function quantityPhrase(
  question: string,
  quantifier: 'many' | 'much',
): { words: string[]; ended: boolean } | undefined {
  const match = new RegExp(`\\bhow ${quantifier} ([a-z0-9][a-z0-9 '-]*)`, 'i').exec(question);
  if (!match) return undefined;
  const words: string[] = [];
  let ended = false;
  for (const word of match[1]!.toLowerCase().split(/\s+/)) {
    if (!word) break;
    if (AUXILIARY.test(word)) {
      ended = true;
      break;
    }
    words.push(word);
  }
  return words.length ? { words, ended } : undefined;
}

/**
 * What answers "how many X …?": a number before X, with at most two words between ("7 degrees of
 * freedom", "three message types", "typically 20-40+ joints"). X is the word after "how many", as a
 * stem that begins its other forms ("joint" of "joints"); undefined when there is no such word, or
 * it is a function word ("how many of them") or too short to tell apart.
 */
export function countPattern(question: string): RegExp | undefined {
  const word = quantityPhrase(question, 'many')?.words[0];
  const counted = word === undefined ? undefined : contentTerms(word)[0];
  if (!counted || counted.length < 3) return undefined;
  return new RegExp(`(?<![\\w.])${COUNT}(?:[-\\s]+[a-z]+){0,2}?[-\\s]+${counted}`, 'i');
}

/**
 * Words naming one attribute, as students and books trade them ("price" and "cost", "heavy" and
 * "weight", "weaknesses" and "limitations"): general English, no book's vocabulary. A focus in a
 * family is held by any of its words, or by an amount ("73 kg", "$20k").
 */
const ATTRIBUTE_FAMILIES: { words: string; amount?: RegExp }[] = [
  {
    words:
      'cost costs price prices priced pricing expensive cheap cheaper costly afford affordable budget dollars',
    amount: /[$€£¥]\s?\d|\d\s?(?:usd|eur|dollars?|euros?)\b/i,
  },
  { words: 'weight weigh weighs heavy heavier mass kilograms', amount: unit(MASS) },
  { words: 'height tall taller', amount: unit(LENGTH) },
  { words: 'length long longer', amount: unit(`${LENGTH}|${TIME}`) },
  { words: 'width wide wider', amount: unit(LENGTH) },
  { words: 'depth deep deeper', amount: unit(LENGTH) },
  { words: 'size big bigger large larger small smaller dimensions', amount: unit(LENGTH) },
  { words: 'speed fast faster slow slower velocity quick quickly', amount: unit(`${RATE}|${TIME}`) },
  { words: 'age old older' },
  {
    words: 'temperature hot hotter cold colder warm heat',
    amount: /\d\s?°\s?[cf]?|\d\s?(?:celsius|fahrenheit|kelvin)\b/i,
  },
  { words: 'noise loud louder quiet quieter decibels', amount: unit('db|dba|decibels?') },
  {
    words:
      'weakness weaknesses weak limitation limitations limits disadvantage disadvantages drawback drawbacks downside downsides shortcoming shortcomings cons',
  },
  { words: 'advantage advantages benefit benefits strength strengths upside upsides pros merits' },
  { words: 'accuracy accurate precision precise error errors', amount: unit(`%|${LENGTH}|°|degrees?`) },
  { words: 'range distance far reach', amount: unit(LENGTH) },
  { words: 'power watts consumption draw energy electricity', amount: unit(POWER) },
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

/** An attribute measured in units ("heavy", "cost", "speed"), not a quality ("downside"). */
export function isMeasure(term: string): boolean {
  return familyOf(term)?.amount !== undefined;
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
