import type { ChunkPayload } from '../types.js';
import { attributeForms, quantityPhrase } from './question-focus.js';
import { isContentToken, stem } from './terms.js';

/**
 * "How many NOUN …?" asks for a count, and a book that answers gives one: a number beside the noun
 * ("six joints", "joints: 6", "30 per leg"), a number glued to the noun's initials ("7-DOF" for
 * degrees of freedom, "3D" for dimensions) or the initials beside a number ("30 FPS" for frames per
 * second), and for a count per unit of time ("how many times per second") a rate ("10 Hz"). A book
 * whose best passages name the noun but never with a number ("How many students take a humanoid
 * robotics course each year?", "How many job listings ask for Redux experience?") does not say how
 * many, however many of the question's words they hold.
 */

/**
 * The words a count is written in: digits ("6", "1,000", "2.5"), an English number word, or a
 * quantifier that answers as a book does when the number varies ("spins many beams").
 */
const NUMBER =
  /^(?:\d+(?:[.,]\d+)*|many|several|multiple|numerous|few|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?)$/;

/** A number itself, in digits or words, with no quantifier. */
const DIGITS_OR_WORDS = new RegExp(NUMBER.source.replace('many|several|multiple|numerous|few|', ''));

/** A rate: "10 Hz", "30 fps", "50 times per second". */
const RATE =
  /\d\s?(?:hz|khz|mhz|ghz|fps|hertz)(?![a-z])|\d\s?(?:times|frames|updates|ticks|cycles)\s?(?:per|a|\/)\s?(?:second|sec|s)\b/i;

/** A number is beside the noun when it is at most this many words before or after it. */
const NEAR = 3;

/** The counted phrase of a "how many" question ("degrees of freedom", "times per second"), if any. */
export function countedPhrase(question: string): string[] | undefined {
  return quantityPhrase(question, 'many')?.words;
}

/**
 * True when the question asks "how many" and none of the passages gives a count of what it counts
 * (see above); a question that asks no count is never refused here.
 */
export function lacksCount(question: string, passages: ChunkPayload[]): boolean {
  const phrase = countedPhrase(question);
  if (!phrase) return false;
  // What is counted: the first word, and the second of a phrase of two that the auxiliary ends
  // ("weekly beams does", "joint types does"), where the first may be the noun's modifier; in a
  // longer phrase the second word is as likely a verb ("how many students take …").
  const counted = new Set(
    phrase
      .slice(0, phrase.length === 2 ? 2 : 1)
      .filter(isContentToken)
      .map((w) => stem(w)),
  );
  // "Exactly how many" asks for the number itself: "many languages" does not say it.
  const exact = /\b(?:exactly|precisely)\s+how many\b/i.test(question);
  const number = exact ? DIGITS_OR_WORDS : NUMBER;
  const initials = phrase.map((w) => w[0]).join('');
  // "3D" for dimensions: one letter glued to a number may be another noun's ("1990s"), but a
  // passage read as giving a count where it gives none only leaves the question to the other checks.
  const glued = new RegExp(`^\\d+${initials}$`);
  const perTime = /\bper (?:second|sec|minute|hour)\b/.test(phrase.join(' '));
  return !passages.some((p) => {
    const text = passageText(p);
    if (perTime && RATE.test(text)) return true;
    const words = text.match(/[a-z0-9]+(?:[.,]\d+)*/g) ?? [];
    return words.some((word, i) => {
      if (glued.test(word)) return true;
      const named = counted.has(stem(word)) || (initials.length > 1 && word === initials);
      return named && words.slice(Math.max(0, i - NEAR), i + NEAR + 1).some((w) => number.test(w));
    });
  });
}

/**
 * A passage as the checks read it: title, headings and text, lower-cased. A heading's own number
 * ("2. Language Module", "3.1 Sensors", "Chapter 4: …") orders the sections and counts nothing, so it
 * is left out.
 */
function passageText(p: ChunkPayload): string {
  const headings = p.heading_path.map((h) =>
    h.replace(/^\s*(?:(?:chapter|part|module|section|unit|lesson|week|step)\s+)?\d+(?:\.\d+)*[.):]?\s+/i, ''),
  );
  // So does the number of an ordered list's item ("3. Large language models: …"), and the number of
  // a name ("GPT-4", "YOLOv8-2"), read as one word with it.
  const text = p.text.replace(/^\s*\d+[.)]\s+/gm, '');
  return [p.title ?? '', ...headings, text]
    .join(' . ')
    .toLowerCase()
    .replace(/\b([a-z][a-z0-9]*)-(?=\d)/g, '$1');
}

/** An amount: a number, bare or glued to its unit ("16", "16gb", "50ms", "2.5kg"). */
const AMOUNT = /^\d+(?:[.,]\d+)*[a-z]{0,4}$/;

/**
 * "How much NOUN does …?" ("how much memory does the extension use", "how much RAM do I need")
 * asks for an amount of the noun, which a book that answers gives beside it ("16 GB of RAM", "RAM:
 * 32GB"). Only a phrase of one or two words that an auxiliary ends is read so: "how much does it
 * cost" and "how much bigger than the link should I make it" ask otherwise, and an attribute word
 * ("how much power", "how much faster") is held by its own family's amounts (question-focus.ts).
 */
export function lacksAmount(question: string, passages: ChunkPayload[]): boolean {
  const asked = quantityPhrase(question, 'much');
  if (!asked?.ended || asked.words.length > 2) return false;
  const phrase = asked.words;
  if (!phrase.every(isContentToken) || phrase.some((w) => attributeForms(stem(w)).length > 1)) return false;
  const named = new Set(phrase.map((w) => stem(w)));
  return !passages.some((p) => {
    const text = passageText(p);
    const words = text.match(/[a-z0-9]+(?:[.,]\d+)*/g) ?? [];
    return words.some(
      (word, i) =>
        named.has(stem(word)) &&
        words.slice(Math.max(0, i - NEAR), i + NEAR + 1).some((w) => AMOUNT.test(w) || NUMBER.test(w)),
    );
  });
}

/** A duration: "2 hours", "30-45 min", "5s". */
const DURATION =
  /^(?:ms|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?|months?|years?)$|^\d+(?:[.,]\d+)*(?:ms|s|secs?|mins?|h|hrs?)$/;

/** How near a duration must be to the verb it times, in words. */
const DURATION_NEAR = 6;

/**
 * "How long does it take to charge a humanoid's battery?" asks how long the doing of one thing
 * lasts, and a book that answers times that verb: a duration a few words from a form of it ("a
 * full charge takes about 2 hours", "charging: 90 min"). A duration elsewhere in the passage (the
 * battery's 2 hours of runtime) times something else.
 */
export function lacksDuration(question: string, passages: ChunkPayload[]): boolean {
  const verb =
    /\bhow long (?:does|did|will|would|should) it take (?:to|for [a-z0-9' ]+? to) ([a-z]+)\b/i.exec(
      question,
    )?.[1];
  if (!verb || !isContentToken(verb.toLowerCase())) return false;
  const timed = stem(verb.toLowerCase());
  return !passages.some((p) => {
    const words = passageText(p).match(/[a-z0-9]+(?:[.,]\d+)*/g) ?? [];
    return words.some((word, i) => {
      if (stem(word) !== timed) return false;
      const around = words.slice(Math.max(0, i - DURATION_NEAR), i + DURATION_NEAR + 1);
      return around.some(
        (w, j) => DURATION.test(w) && (/\d/.test(w) || (j > 0 && NUMBER.test(around[j - 1]!))),
      );
    });
  });
}

/**
 * "Which Java version do I need …?", "what iOS version does an iPhone need": a version of a named
 * thing, which a book that answers writes as a number beside the name or the word "version" ("Java
 * 17", "iOS 16 or later", "version 22.04", "ES2020"). Passages that name the thing with no number
 * beside it do not say which version.
 */
export function lacksVersion(question: string, passages: ChunkPayload[]): boolean {
  const name = /\b(?:which|what) ([a-z][a-z0-9.+#-]*) versions?\b/i.exec(question)?.[1]?.toLowerCase();
  if (!name || !isContentToken(name)) return false;
  const named = new Set([stem(name), 'version']);
  return !passages.some((p) => {
    const words = passageText(p).match(/[a-z0-9]+(?:[.,]\d+)*/g) ?? [];
    return words.some(
      (word, i) =>
        named.has(stem(word)) && words.slice(Math.max(0, i - NEAR), i + NEAR + 1).some((w) => /\d/.test(w)),
    );
  });
}
