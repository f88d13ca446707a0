import { isContentToken, rawWords, stem } from './terms.js';
import { englishWords } from './unknown-terms.js';

/**
 * Readers mistype: "recieve", "subscibers", "advantgaescope". A mistyped word is in no book and
 * no dictionary, so it matched nothing and, taken for a name the book never mentions, had the whole
 * question declined. A word the book does not know and English does not have, one edit (a letter
 * dropped, added, changed, or two swapped) away from a word the book itself writes, is read as that
 * word; one edit from a function word ("thorugh", "somone"), as the function word. Nothing else:
 * "Optimus" is one letter from the dictionary's "optimes" and "Fritzing" from "frizing", and a name
 * the book never mentions must stay one. Words of seven letters or more take any such edit. Short
 * names of tools are often one changed or added letter away from a word ("dprint" from "print",
 * "winget" from "widget", "colcon" from "colon"), so a word of five or six letters is read only with
 * two letters swapped back or a dropped letter put back ("timout", "rboot"): slips no tool's name
 * makes of a word.
 */
const MIN_LETTERS = 7;
const MIN_SHORT_LETTERS = 5;
/**
 * Every candidate is looked up, ~54 per letter: a 2000-character question of long nonsense words
 * cost 67 ms before these bounds. Longer words are no slips of a word, and a question with more
 * unknown words than this is no typed question with a slip or two.
 */
const MAX_LETTERS = 30;
const MAX_ATTEMPTS = 8;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export interface Spelled {
  /** The text with each mistyped word replaced by the word it was read as. */
  text: string;
  /** Each replacement, as typed (lower-cased) and as read. */
  corrections: { typed: string; read: string }[];
}

/** What the book writes, as the corrector asks it. */
export interface BookSpelling {
  /** Whether some chunk holds this stemmed term: a word the book knows in any form is no slip. */
  knowsTerm(stemmed: string): boolean;
  /** How often the book writes this word (lower-cased, as rawWords reads it); 0 for never. */
  count(word: string): number;
}

/** The book's words and how often each is written, for BookSpelling.count. */
export function wordCounts(texts: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) for (const word of rawWords(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

export function correctSpelling(text: string, book: BookSpelling): Spelled {
  const corrections: Spelled['corrections'] = [];
  let attempts = 0;
  // Words of letters only: a possessive's "'s" stays after the word it follows ("advantgaescope's"),
  // and letters joined to digits or underscores ("LoggedMechanism2d", "ros2_control") are part of
  // an identifier, no word to correct. A file name's or a hyphenated word's parts are words.
  const spelled = text.replace(/(?<![A-Za-z0-9_])[A-Za-z]+(?![A-Za-z0-9_])/g, (word) => {
    const typed = word.toLowerCase();
    if (typed.length < MIN_SHORT_LETTERS || typed.length > MAX_LETTERS || !isContentToken(typed)) return word;
    if (book.knowsTerm(stem(typed)) || englishWords().has(typed)) return word;
    if (++attempts > MAX_ATTEMPTS) return word;
    const read = bestReading(typed, book);
    if (!read) return word;
    corrections.push({ typed, read });
    return /^[A-Z]/.test(word) ? read[0]!.toUpperCase() + read.slice(1) : read;
  });
  return { text: corrections.length ? spelled : text, corrections };
}

/** The same replacements in another text (the question as the answer writer reads it). */
export function applyCorrections(text: string, corrections: Spelled['corrections']): string {
  if (corrections.length === 0) return text;
  const read = new Map(corrections.map((c) => [c.typed, c.read]));
  return text.replace(/[A-Za-z]+/g, (word) => {
    const to = read.get(word.toLowerCase());
    if (!to) return word;
    return /^[A-Z]/.test(word) ? to[0]!.toUpperCase() + to.slice(1) : to;
  });
}

/**
 * Of the strings one edit away: the word the book writes most; else an English word the book
 * writes in another form ("generrator" for the book's "generators"), by a letter dropped, added or
 * swapped but not changed, since a changed letter is how most names sit next to a word ("Optimus"
 * and the dictionary's "optimes", stemmed "optim" like the book's "optimal"); else an English word
 * with a doubled letter made single; else a function word.
 */
function bestReading(typed: string, book: BookSpelling): string | undefined {
  const short = typed.length < MIN_LETTERS;
  let best: string | undefined;
  let bestCount = 0;
  let otherForm: string | undefined;
  let undoubled: string | undefined;
  let functionWord: string | undefined;
  const consider = (candidate: string, changed: boolean) => {
    const count = book.count(candidate);
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    } else if (count === 0 && englishWords().has(candidate)) {
      if (!isContentToken(candidate)) functionWord ??= candidate;
      else if (!changed && !short && book.knowsTerm(stem(candidate))) otherForm ??= candidate;
    }
  };
  for (const candidate of swappedOrDropped(typed)) consider(candidate, false);
  // A key pressed twice ("rougghly", "robbot") is the commonest slip, and no name sits next to a
  // word that way: read as the English word, whether the book writes it or not.
  for (const candidate of withoutDoubledLetter(typed)) {
    consider(candidate, false);
    if (!undoubled && englishWords().has(candidate)) undoubled = candidate;
  }
  if (!short) {
    for (const candidate of withoutOneLetter(typed)) consider(candidate, false);
    for (const candidate of withOneLetterChanged(typed)) consider(candidate, true);
  }
  return best ?? otherForm ?? undoubled ?? functionWord;
}

/** The word with one of two same letters in a row taken out ("rougghly" → "roughly"). */
function* withoutDoubledLetter(word: string): Generator<string> {
  for (let i = 0; i + 1 < word.length; i++)
    if (word[i] === word[i + 1]) yield word.slice(0, i) + word.slice(i + 1);
}

/** The word with two neighbouring letters swapped back, or with a letter it dropped put back. */
function* swappedOrDropped(word: string): Generator<string> {
  for (let i = 0; i + 1 < word.length; i++)
    if (word[i] !== word[i + 1]) yield word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  for (let i = 0; i <= word.length; i++) for (const c of LETTERS) yield word.slice(0, i) + c + word.slice(i);
}

function* withoutOneLetter(word: string): Generator<string> {
  for (let i = 0; i < word.length; i++) yield word.slice(0, i) + word.slice(i + 1);
}

function* withOneLetterChanged(word: string): Generator<string> {
  for (let i = 0; i < word.length; i++)
    for (const c of LETTERS) if (c !== word[i]) yield word.slice(0, i) + c + word.slice(i + 1);
}
