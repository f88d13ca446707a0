import { isContentToken, stem } from './terms.js';
import { englishWords } from './unknown-terms.js';

/**
 * Readers mistype: "recieve", "subscibers", "advantgaescope". A mistyped word is in no book and
 * no dictionary, so it matched nothing and, taken for a name the book never mentions, had the whole
 * question declined. A word the book does not know and English does not have, one edit (a letter
 * dropped, added, changed, or two swapped) away from a word the book uses or an English word, is
 * read as that word (bestReading). Only words of seven letters or more: shorter names of tools are
 * often one edit away from an English word ("dprint" from "print", "colcon" from "colon").
 */
const MIN_LETTERS = 7;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export interface Spelled {
  /** The text with each mistyped word replaced by the word it was read as. */
  text: string;
  /** Each replacement, as typed (lower-cased) and as read. */
  corrections: { typed: string; read: string }[];
}

/**
 * `known` takes a stemmed term and says whether the book uses it; `frequency` ranks two readings
 * (the one the book uses more wins).
 */
export function correctSpelling(
  text: string,
  known: (stemmed: string) => boolean,
  frequency: (stemmed: string) => number = () => 0,
): Spelled {
  const corrections: Spelled['corrections'] = [];
  // Words of letters only: a possessive's "'s" stays after the word it follows ("advantgaescope's"),
  // and letters joined to digits or underscores ("LoggedMechanism2d", "ros2_control") are part of
  // an identifier, no word to correct. A file name's or a hyphenated word's parts are words.
  const spelled = text.replace(/(?<![A-Za-z0-9_])[A-Za-z]+(?![A-Za-z0-9_])/g, (word) => {
    const typed = word.toLowerCase();
    if (typed.length < MIN_LETTERS || !isContentToken(typed)) return word;
    if (known(stem(typed)) || englishWords().has(typed)) return word;
    const read = bestReading(typed, known, frequency);
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
 * Of the strings one edit away: an English word the book uses, else a name the book uses (no
 * English word, and no start of one: the book's "calibrate" is stemmed "calibr", which "Kalibr" is
 * not a slip of), else any English word (a slip of a word the book never uses, "somone", is an
 * everyday word, not a name the book lacks). Among readings alike, the one the book uses most.
 */
function bestReading(
  typed: string,
  known: (stemmed: string) => boolean,
  frequency: (stemmed: string) => number,
): string | undefined {
  const dictionary = englishWords();
  let best: { word: string; rank: number; frequency: number } | undefined;
  for (const candidate of oneEditAway(typed)) {
    const english = dictionary.has(candidate);
    const stemmed = stem(candidate);
    const used = known(stemmed);
    const rank = english && used ? 2 : used && !dictionary.extends(candidate) ? 1 : english ? 0 : -1;
    if (rank < 0) continue;
    const f = used ? frequency(stemmed) : -Infinity;
    if (!best || rank > best.rank || (rank === best.rank && f > best.frequency))
      best = { word: candidate, rank, frequency: f };
  }
  return best?.word;
}

/** Every string one deletion, transposition, substitution or insertion away (Damerau, distance 1). */
function* oneEditAway(word: string): Generator<string> {
  for (let i = 0; i < word.length; i++) yield word.slice(0, i) + word.slice(i + 1);
  for (let i = 0; i + 1 < word.length; i++)
    if (word[i] !== word[i + 1]) yield word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  for (let i = 0; i < word.length; i++)
    for (const c of LETTERS) if (c !== word[i]) yield word.slice(0, i) + c + word.slice(i + 1);
  for (let i = 0; i <= word.length; i++) for (const c of LETTERS) yield word.slice(0, i) + c + word.slice(i);
}
