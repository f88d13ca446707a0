import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SortedWords } from './sorted-words.js';
import { compoundParts, isContentToken, rawWords, stem } from './terms.js';

/**
 * Names the book never mentions. A question about "MoveIt Servo", "an ESP32" or "Zustand" shares
 * its everyday words ("configure", "arm", "store") with a book on nearby topics, so word overlap
 * alone calls it covered. What gives it away is a specific name (not an English dictionary word,
 * or letters mixed with digits) that appears nowhere in the book. Everyday words the book does not
 * use ("chores", "laundry") are paraphrase, not a sign of another topic, so they never decide.
 */

const require = createRequire(import.meta.url);
let dictionary: SortedWords | undefined;

/** ~275,000 English words (an-array-of-english-words), loaded once; the retriever loads it with its index. */
export function englishWords(): SortedWords {
  dictionary ??= new SortedWords(readFileSync(require.resolve('an-array-of-english-words'), 'utf8'));
  return dictionary;
}

function isDictionaryWord(token: string): boolean {
  const words = englishWords();
  const bare = token.replace(/'s$/, '');
  return words.has(bare) || (bare.endsWith('s') && words.has(bare.slice(0, -1)));
}

/**
 * The abbreviations of chat that the dictionary leaves out ("is it ok to …", "pls", "btw", "vs"):
 * everyday English a reader types, no name of anything.
 */
const CHAT_WORDS = new Set('ok pls plz thx btw imo tbh fyi asap etc vs'.split(' '));

/** A name rather than a word: letters with digits ("esp32", "ur5e", "g1"), or no English word. */
export function isSpecificName(token: string): boolean {
  if (/^\d+$/.test(token) || CHAT_WORDS.has(token)) return false;
  if (/\d/.test(token)) return true;
  return !isDictionaryWord(token);
}

/** The question's specific names that the book never uses (`known` takes a stemmed term). */
export function unknownNames(question: string, known: (stemmed: string) => boolean): string[] {
  const out = new Set<string>();
  const capitalised = capitalisedWords(question);
  const words = rawWords(question);
  for (const word of words) {
    if (!isContentToken(word)) continue;
    // "ros2" is known when the book writes "ROS 2": a compound is known by all of its parts.
    const parts = /\d/.test(word) ? compoundParts(word).filter(isContentToken) : [word];
    if (parts.every((part) => known(stem(part)))) continue;
    if (words.some((other) => isShortFor(word, other) && known(stem(other)))) continue;
    // A word capitalised inside the sentence names something ("on Windows", "with Svelte",
    // "Cartographer"), even when it is also an English word.
    if (isSpecificName(word) || capitalised.has(word)) out.add(word);
  }
  return [...out];
}

/**
 * "akit" beside "advantagekit" in one question ("we don't use AdvantageKit … only for AKit code?"):
 * a reader who writes a name in full and then in short names one thing. The short form begins with
 * the name's first letter, and its letters come in the name's order; the name is more than twice as
 * long.
 */
function isShortFor(short: string, name: string): boolean {
  if (!/^[a-z]{2,}$/.test(short) || name.length <= 2 * short.length || name[0] !== short[0]) return false;
  let at = 0;
  for (const letter of short) {
    at = name.indexOf(letter, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/**
 * Words written with a capital inside a sentence (lower-cased): "Windows", "Svelte". The first word
 * of each sentence is capitalised anyway, and so is a whole question typed in capitals.
 */
function capitalisedWords(question: string): Set<string> {
  const out = new Set<string>();
  if (question === question.toUpperCase()) return out;
  let first = true;
  for (const match of question.matchAll(/[A-Za-z0-9]+(?:'[a-z]+)?|[.?!:;]/g)) {
    const word = match[0];
    if (/^[.?!:;]$/.test(word)) {
      first = true;
      continue;
    }
    if (!first && /^[A-Z]/.test(word)) out.add(word.toLowerCase());
    first = false;
  }
  return out;
}

/**
 * The question's names, stemmed: specific names (above) and words a student capitalises inside the
 * sentence ("a Boston Dynamics Spot", "Chrome", "on a Raspberry Pi"). The first word is capitalised
 * anyway and says nothing; a question typed in lower case simply has fewer names.
 */
export function questionNames(question: string): string[] {
  const out = new Set<string>();
  let first = true;
  for (const match of question.matchAll(/[A-Za-z0-9]+(?:'[a-z]+)?/g)) {
    const word = match[0];
    const token = word.toLowerCase();
    const capitalised = !first && /^[A-Z]/.test(word);
    first = false;
    if (!isContentToken(token) || /^\d+$/.test(token)) continue;
    if (!capitalised && !isSpecificName(token)) continue;
    // In the terms' own form: "ESP32" → esp (its number is no name), "G1" → g1.
    for (const part of compoundParts(token))
      if (isContentToken(part) && !/^\d+$/.test(part)) out.add(stem(part));
  }
  return [...out];
}

/**
 * The versions a book writes after a capitalised name ("Redux 5", "Ubuntu 22.04", "Prettier 3"), by
 * the name lower-cased: the highest, and whether the book leaves the range open ("Node.js 16+",
 * "22.04 or later"). A version glued to a unit ("8GB") is no version, and a name joined to another
 * ("React-Redux 9", "@reduxjs/toolkit") is that other package's.
 */
export interface NamedVersions {
  highest: number[];
  open: boolean;
}

/** A name, then its version: "Redux 5", "Ubuntu 22.04", "node v20"; the book's names are capitalised. */
const namedVersion = (first: string) =>
  String.raw`(?<![A-Za-z0-9@/-])(${first}[A-Za-z]*[A-Za-z])[ _-]?v?(\d+(?:\.\d+)*)(?![A-Za-z0-9]|\.\d)`;
const BOOK_VERSION = new RegExp(
  String.raw`${namedVersion('[A-Z]')}(\+|\s+(?:or|and)\s+(?:later|newer|higher|above|up))?`,
  'g',
);
const ASKED_VERSION = new RegExp(namedVersion('[A-Za-z]'), 'g');

export function bookVersions(texts: string[]): Map<string, NamedVersions> {
  const out = new Map<string, NamedVersions>();
  for (const text of texts) {
    for (const [, name, version, later] of text.matchAll(BOOK_VERSION)) {
      const key = name!.toLowerCase();
      const parsed = version!.split('.').map(Number);
      const seen = out.get(key);
      if (!seen) out.set(key, { highest: parsed, open: later !== undefined });
      else {
        if (compareVersions(parsed, seen.highest) > 0) seen.highest = parsed;
        if (later !== undefined) seen.open = true;
      }
    }
  }
  return out;
}

/**
 * Versions the question asks about that are newer than any the book writes of that name ("When will
 * Redux 6 be released?" of a book that stops at Redux 5, "install ROS 2 Jazzy on Ubuntu 24.04" of one
 * written for 22.04): a book says nothing of a release after its own, unless it leaves the range open.
 * Returned as asked, lower-cased ("redux 6").
 */
export function newerVersions(question: string, versions: Map<string, NamedVersions>): string[] {
  const out: string[] = [];
  for (const [, name, version] of question.matchAll(ASKED_VERSION)) {
    const key = name!.toLowerCase();
    const known = versions.get(key);
    if (!known || known.open || !isContentToken(key)) continue;
    if (compareVersions(version!.split('.').map(Number), known.highest) > 0) out.push(`${key} ${version}`);
  }
  return out;
}

/** Version order, part by part; missing parts count as 0 ("4" equals "4.0"). */
function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Hyphenated compounds and snake_case identifiers of the question that the book never writes
 * ("hand-eye calibration", "visual-inertial odometry", "quasi-direct-drive", "micro-frontends",
 * "ROS_DOMAIN_ID" in a book that only says "domain ID"): a compound names one thing,
 * and a book that never puts its parts together (hyphenated, spaced or glued, in any form of each
 * part) never names it, though it uses every part apart. A compound with a small word in it
 * ("built-in", "step-by-step", "up-to-date") is a phrase of English, not a name, and is left alone.
 * `writes` tests the book's text (lower-cased) against a pattern.
 */
export function unwrittenCompounds(question: string, writes: (pattern: RegExp) => boolean): string[] {
  const out: string[] = [];
  for (const [compound] of question
    .toLowerCase()
    .matchAll(/(?<![a-z0-9_-])[a-z]+(?:[-_][a-z]+)+(?![a-z0-9_-])/g)) {
    const parts = compound.split(/[-_]/);
    if (!parts.every((part) => isContentToken(part))) continue;
    const pattern = new RegExp(
      `(?<![a-z])${parts.map((part) => stem(part).replace(/[^a-z]/g, '')).join('[a-z]*[\\s_\u2010-\u2013-]*')}`,
    );
    if (!writes(pattern)) out.push(compound);
  }
  return out;
}
