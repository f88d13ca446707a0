/**
 * Long sentences split for Beginners, only where both halves stand as sentences: a clause
 * boundary ("; ", ", which", ", because", ", and it …") whose right side has a subject and a verb.
 * "map: fixed in the world, but does not drift" stays whole: "Does not drift." is no sentence.
 */

/** A sentence longer than this is split where a clause boundary allows. */
export const LONG_SENTENCE_WORDS = 12;

/**
 * Boundaries whose right side opens with its own verb or says what it refers to once rewritten
 * ("which lets …" → "This lets …", "because …" → "This is because …"): always a sentence.
 */
const SELF_STANDING =
  /^(?:;\s+|,\s+(?=(?:which|because|since|when|allowing|making|enabling|letting|meaning|leading|resulting|causing|creating|producing|requiring|reducing|improving|giving|providing)\s))/i;

/** "which the controller uses": "which" is the object, so "This the controller uses." is no sentence. */
const WHICH_AS_OBJECT =
  /^which\s+(?:the|a|an|this|these|its|their|our|your|we|you|they|it|he|she|i|one|each|every)\s/i;

/**
 * "…, making it easier" says what the statement brings about ("This makes it easier."), but
 * "humans guide the robot, making high-level decisions" says what the subject does while it does
 * it: "make" with a noun of an act (make a decision, a prediction, a change, contact) is the
 * subject's doing, and "This makes high-level decisions." would give it to the wrong doer.
 */
const MAKING_AN_ACT =
  /^making\s+(?:[\w-]+\s+){0,2}?(?:decisions?|choices?|predictions?|mistakes?|errors?|changes?|adjustments?|corrections?|contact|progress|assumptions?|estimates?|guesses|plans?|requests?|calls?|moves?|comparisons?|observations?)\b/i;

/** Boundaries that join two statements only when the right side is a clause of its own. */
const BOUNDARY =
  /;\s+|\s+—\s+|:\s+(?=(?:it|they|the|a|an|this|these|each|every|we|you|its|their)\s)|,\s+(?=(?:which|so|but|because|and|while|whereas|allowing|making|enabling|letting|meaning|leading|resulting|causing|creating|producing|requiring|reducing|improving|giving|providing|when|since|then|although|though|thus)\s)/gi;

/** Conjunctions a split drops: the right side then needs a subject and a verb of its own. */
const JOINING = /^(?:and|but|so|while|whereas|then|although|though|thus)\s+/i;

const SUBJECT_PRONOUN = /^(?:it|they|we|you|he|she|i|there)(?:'s|'re|'ll|'ve|'d)?$/;
const FINITE =
  /^(?:(?:it|that|there|here|what|he|she|they|we|you)'(?:s|re|ll|ve|d)|is|are|was|were|has|have|had|does|do|did|can|could|will|would|shall|should|may|might|must|cannot|isn't|aren't|wasn't|weren't|doesn't|don't|didn't|can't|won't|wouldn't|shouldn't|hasn't|haven't)$/;
/** A clause opened by one of these is a phrase of the sentence before ("so that …", "and in …"). */
const NOT_A_SUBJECT =
  /^(?:that|to|of|in|on|at|by|for|from|with|without|into|onto|over|under|about|as|than|not|also|then|only|even|just|more|less|most|least)$/;
/** A word after one of these is a noun or its modifier, not the verb ("the frames", "of sensors"). */
const BEFORE_A_NOUN =
  /^(?:the|a|an|this|these|those|that|its|their|our|your|his|her|my|each|every|some|many|most|all|both|few|several|no|of|in|on|at|by|for|from|with|to|into|and|or|as|than|such|one|two|three|four|five|six|seven|eight|nine|ten|\d[\d.,]*)$/;
/**
 * "-s" endings that are not a verb's: "physics", "class", "status", "analysis", "robot's", and
 * the little words "as", "its", "thus", "always", "perhaps", "towards".
 */
const NOT_A_VERB_ENDING =
  /(?:ics|ss|us|is|'s)$|^(?:as|its|this|thus|plus|yes|always|perhaps|across|whereas|towards|afterwards|besides|sometimes|unless|nowadays)$/;

/**
 * "it drifts over time", "the robot's position can jump", "every value becomes an integer": a
 * subject, then a finite verb within the next few words (an auxiliary, or a word in -s after a
 * noun; a word in -ed is as often a participle: "three axes attached to …"). "does not drift",
 * "basic manipulation" and "that the robot …" are not clauses.
 */
export function isClause(text: string, inList = false): boolean {
  const words = text
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/^[^a-z0-9]+|[^a-z0-9']+$/g, ''))
    .filter(Boolean);
  const [first] = words;
  if (!first || NOT_A_SUBJECT.test(first) || FINITE.test(first)) return false;
  if (SUBJECT_PRONOUN.test(first)) return true;
  return words.slice(1, 9).some((w, i) => {
    if (FINITE.test(w)) return true;
    // The last item of a list ("walking, stair climbing, and dexterous hands") needs an auxiliary.
    if (inList) return false;
    const before = words[i]!;
    return /^[a-z]+s$/.test(w) && !NOT_A_VERB_ENDING.test(w) && !BEFORE_A_NOUN.test(before);
  });
}

/**
 * "configureStore wraps createStore, and handles the setup": the second verb shares the subject of
 * the first, said again as "It" when the verb shows one subject (a verb in -s, is, has, was,
 * does). Not after a label ("odom: continuous and smooth, but drifts …"), an imperative or a
 * clause that opens with "if", "while" and the like, whose subject is not the sentence's.
 */
function sharedSubject(left: string, right: string): string | undefined {
  // The left must state something itself ("Open the viewer, set …" is an instruction).
  if (left.includes(':') || !/^(?:and|but)\s/i.test(right) || !isClause(left)) return undefined;
  const opener = left.trim().split(/\s+/)[0] ?? '';
  if (!/^(?:the|a|an|this|it|[A-Z])/i.test(opener) || !/^[A-Z]/.test(opener) || SUBORDINATE.test(opener))
    return undefined;
  const verb = right.replace(JOINING, '').split(/\s+/)[0]?.toLowerCase() ?? '';
  const single =
    /^(?:is|has|was|does)$/.test(verb) || (/^[a-z]+s$/.test(verb) && !NOT_A_VERB_ENDING.test(verb));
  return single ? 'It' : undefined;
}

const SUBORDINATE =
  /^(?:if|when|while|whereas|although|though|because|since|as|after|before|once|unless|until|whether|to|in|on|for|with|by|from|at|during)$/i;

/** "walking, stair climbing, and …": the words before ", and" end a list of short items. */
function endsAList(left: string): boolean {
  const pieces = (left.split(/[;:]/).at(-1) ?? left).split(',');
  return pieces.length > 1 && pieces.at(-1)!.trim().split(/\s+/).length <= 4;
}

/**
 * Splits a long sentence at "; ", ", which", ", so", ", but", ", because", ", and", " — ",
 * ", while" or a participle of result (", leading to …"), where both halves keep at least five
 * words and the right half is a sentence. "which" becomes "This", "leading to" "This leads to".
 * Failing those, "X is a Y that Z" is said as "X is a Y." and "It Z." (liftRelative). With
 * `keepVerbs` (the answering sentence) a participle and a relative clause stay as the book wrote them.
 */
export function splitLong(sentence: string, options: { keepVerbs?: boolean } = {}): string[] {
  const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
  // A semicolon already ends a statement: even a short line is said as two sentences.
  const semi = [...sentence.matchAll(/;\s+/g)].find((m) => outsideBrackets(sentence.slice(0, m.index)));
  if (semi && words(sentence.slice(0, semi.index)) >= 3 && words(sentence.slice(semi.index)) >= 3)
    return [
      ...splitLong(`${sentence.slice(0, semi.index).replace(/[,;:]$/, '')}.`, options),
      ...splitLong(openClause(sentence.slice(semi.index + semi[0].length)), options),
    ];
  if (words(sentence) <= LONG_SENTENCE_WORDS) return [sentence];
  const lifted = liftAppositive(sentence);
  if (lifted) return [...splitLong(lifted[0], options), lifted[1]];
  let best: { index: number; length: number; subject?: string } | undefined;
  const middle = sentence.length / 2;
  for (const match of sentence.matchAll(BOUNDARY)) {
    const left = sentence.slice(0, match.index);
    const right = sentence.slice(match.index + match[0].length);
    if (
      words(left) < 5 ||
      words(right) < 5 ||
      !outsideBrackets(left) ||
      WHICH_AS_OBJECT.test(right) ||
      MAKING_AN_ACT.test(right) ||
      // The answering sentence keeps its verbs: "…, resulting in a 3D space" is not "This results in …".
      (options.keepVerbs && RESULT_PARTICIPLE.test(right))
    )
      continue;
    let subject: string | undefined;
    if (!SELF_STANDING.test(sentence.slice(match.index))) {
      const list = /^,\s+(?:and|or)\s/i.test(match[0] + right) && endsAList(left);
      if (!isClause(right.replace(JOINING, ''), list)) {
        subject = sharedSubject(left, right);
        if (!subject) continue;
      }
    }
    if (!best || Math.abs(match.index - middle) < Math.abs(best.index - middle))
      best = { index: match.index, length: match[0].length, subject };
  }
  if (!best) {
    // The answering sentence keeps its words: "a simulator that lets" is where its fact often is.
    const relative = options.keepVerbs ? undefined : liftRelative(sentence);
    return relative ? [...splitLong(relative[0], options), ...splitLong(relative[1], options)] : [sentence];
  }
  const left = `${sentence.slice(0, best.index).replace(/[,;:]$/, '')}.`;
  const rest = sentence.slice(best.index + best.length);
  const right = best.subject ? `${best.subject} ${rest.replace(JOINING, '')}` : openClause(rest);
  return [...splitLong(left, options), ...splitLong(right, options)];
}

/**
 * "Gazebo is a 3D simulator that lets you simulate robots in complex worlds" → "Gazebo is a 3D
 * simulator." and "It lets you simulate robots in complex worlds.": a statement of what something
 * is, whose noun a relative clause goes on to describe, said as two statements. Only where the
 * relative pronoun is the clause's subject (a verb follows it: "that lets", "that can", "which
 * are"), never "a model that the robot uses".
 */
const COPULAR_RELATIVE =
  /^((?:(?!\b(?:that|which|who)\b)[^,;:()]){3,80}?\s(?:(?:is|was)\s+(?:a|an|the|one of the)|(are|were)(?:\s+(?:the|some|one of the))?)\s+[^,;:()]{2,80}?)\s+(?:that|which|who)\s+(\S.*)$/i;

export function liftRelative(sentence: string): [string, string] | undefined {
  const match = COPULAR_RELATIVE.exec(sentence);
  if (!match) return undefined;
  const [, left, plurally, rest] = match as unknown as [string, string, string | undefined, string];
  // "is that they realize": the predicate before "that" holds no verb of its own ("people are using X is").
  const predicate = left
    .slice(left.search(/\s(?:is|was|are|were)\s/i) + 1)
    .split(/\s+/)
    .slice(1);
  if (predicate.some((w) => FINITE.test(w.toLowerCase()))) return undefined;
  const plural = plurally !== undefined;
  const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
  if (!opensOnVerb(rest, plural) || words(left) < 5 || words(rest) < 4) return undefined;
  return [`${left}.`, `${plural ? 'They' : 'It'} ${rest}`];
}

/**
 * The words after a relative "that"/"which" open on its verb ("lets …", "can …", "measure …" after a
 * plural), so the pronoun is the clause's subject; a name or a pronoun there is the subject itself
 * ("middleware that ROS 2 uses", "that they realize").
 */
function opensOnVerb(clause: string, plural: boolean): boolean {
  const written = clause.split(/\s+/)[0]!;
  const verb = written.toLowerCase().replace(/[^a-z']/g, '');
  if (/^[A-Z]/.test(written) || SUBJECT_PRONOUN.test(verb)) return false;
  if (FINITE.test(verb)) return true;
  // A plural's verb has no -s ("sensors that measure"; "that robots" is no verb).
  return plural
    ? !BEFORE_A_NOUN.test(verb) && !/(?:ly|ing|ed|s)$/.test(verb) && !NOT_A_SUBJECT.test(verb)
    : /^[a-z]+s$/.test(verb) && !NOT_A_VERB_ENDING.test(verb);
}

/** Text before a boundary that leaves no parenthesis or inline code open: "(a; b)" is not split. */
function outsideBrackets(before: string): boolean {
  const opened = (before.match(/\(/g) ?? []).length - (before.match(/\)/g) ?? []).length;
  return opened <= 0 && (before.match(/`/g) ?? []).length % 2 === 0;
}

/** "X, also known as Y, is …": the other name, said after the statement in a sentence of its own. */
const APPOSITIVE =
  /^([^,]{2,60}?),\s+((?:also|sometimes|often|commonly)\s+(?:known as|called|referred to as|named)|or)\s+([^,;:]{2,60}),\s+(\S.*[.!?])$/i;

/**
 * "Physical AI, also known as embodied AI, refers to systems …" → "Physical AI refers to systems …"
 * and "It is also known as embodied AI.": the statement and the other name, one at a time.
 */
export function liftAppositive(sentence: string): [string, string] | undefined {
  const match = APPOSITIVE.exec(sentence);
  if (!match) return undefined;
  const [, subject, how, name, rest] = match as unknown as [string, string, string, string, string];
  // "A node is a single program, or part of a program, that …": an alternative, not another name.
  if (
    subject
      .toLowerCase()
      .split(/\s+/)
      .some((w) => FINITE.test(w))
  )
    return undefined;
  const marker = /\s*(\[\d+\])?([.!?])$/.exec(rest)!;
  const said = how.toLowerCase() === 'or' ? 'also called' : how.toLowerCase();
  return [`${subject} ${rest}`, `It is ${said} ${name}${marker[2]}`];
}

/**
 * "…, leading to drift", "…, causing the robot to fall", "…, giving each node its own clock": what
 * the statement brings about, said as a sentence of its own ("This leads to drift.").
 */
const RESULT_VERB: Record<string, string> = {
  leading: 'leads',
  resulting: 'results',
  causing: 'causes',
  creating: 'creates',
  producing: 'produces',
  requiring: 'requires',
  reducing: 'reduces',
  improving: 'improves',
  giving: 'gives',
  providing: 'provides',
};
const RESULT_PARTICIPLE = new RegExp(`^(${Object.keys(RESULT_VERB).join('|')})\\s`, 'i');

/** "which lets …" → "This lets …"; "and it …" → "It …"; "allowing …" → "This allows …". */
function openClause(clause: string): string {
  const rewritten = clause
    .replace(/^which\s/i, 'This ')
    .replace(/^(?:and|but|so|while|whereas)\s+/i, '')
    .replace(/^because\s/i, 'This is because ')
    .replace(/^allowing\s/i, 'This allows ')
    .replace(/^making\s/i, 'This makes ')
    .replace(/^enabling\s/i, 'This enables ')
    .replace(/^letting\s/i, 'This lets ')
    .replace(/^meaning\s/i, 'This means ')
    .replace(RESULT_PARTICIPLE, (_m, verb: string) => `This ${RESULT_VERB[verb.toLowerCase()]} `)
    .replace(/^thus\s/i, 'So ')
    .replace(/^then\s/i, 'Then ')
    .replace(/^(?:although|though)\s/i, 'Still, ')
    .replace(/^since\s/i, 'This is because ')
    .replace(/^when\s/i, 'This happens when ');
  return rewritten.charAt(0).toUpperCase() + rewritten.slice(1);
}

/** "A virtual replica of a physical system that maintains …": a glossary's noun phrase and its relative clause. */
const ENTRY_RELATIVE = /^((?:an?|the)\s+[^,;:()]{3,80}?)\s+(?:that|which)\s+(\S.*)$/i;

/**
 * A glossary entry says what its term is as a noun phrase ("Digital Twin: A virtual replica of a
 * physical system that maintains a synchronized connection with its real-world counterpart"): when
 * long, the phrase and what it does are said one at a time ("A virtual replica of a physical
 * system. It maintains …"), where the relative pronoun is its clause's subject.
 */
export function liftEntryRelative(body: string): [string, string] | undefined {
  if (body.split(/\s+/).length <= LONG_SENTENCE_WORDS) return undefined;
  const match = ENTRY_RELATIVE.exec(body);
  if (!match) return undefined;
  const [, phrase, rest] = match as unknown as [string, string, string];
  if (!opensOnVerb(rest, false) || phrase.split(/\s+/).length < 3 || rest.split(/\s+/).length < 4)
    return undefined;
  return [`${phrase}.`, `It ${rest}`];
}
