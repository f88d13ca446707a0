import { stemmer } from 'stemmer';

/**
 * The one tokenizer shared by the keyword index, the abstention rule and the extractive
 * generator, so that "the query's content words" mean the same thing everywhere.
 */

/**
 * English function words plus the words people wrap a question in ("explain", "tell me",
 * "book"): they say nothing about which passage answers it, and counting them would make any
 * off-topic question look covered. Contractions are function words too, with or without the
 * apostrophe students often leave out ("won't", "shouldnt"): stemmed, "won't" would be "won". So are
 * the indefinite pronouns ("anything", "anywhere", like "something") and "stuff", which name no
 * particular thing.
 */
const STOPWORDS = new Set(
  `a about above after again against all also am an and any are aren't as at be because been before
  being below between both but by can cannot could did do does doing don't down during each either
  etc few for from further get gets getting give given go had has have having he her here hers him
  his how however i i'm if in into is isn't it it's its itself just let's like many me might more most
  much must my myself need no nor not now of off often on once one only or other our ours out over
  own per please same shall she should so some such than that that's the their theirs them then there
  these they this those through thus to too under until up upon us use used uses using very via want
  was way we well were what what's when where which while who whom whose why will with within without
  would yes yet you your yours vs versus
  explain explained explaining describe described tell show mean means meant define definition
  difference differ work works happen happens example examples book textbook chapter section page
  know understand something thing things kind kinds type types different main basic
  enough instead rather actually really
  can't won't wouldn't shouldn't couldn't doesn't didn't wasn't weren't haven't hasn't hadn't mustn't
  needn't i've you've we've they've i'll you'll we'll they'll i'd you'd we'd they'd you're we're
  they're he's she's there's here's where's who's how's
  dont doesnt didnt isnt arent wasnt werent wouldnt shouldnt couldnt havent hasnt hadnt youre theyre
  ive youve weve theyve
  anything anyone anybody anywhere everything everyone everybody everywhere nothing nobody nowhere
  someone somebody somewhere whatever whichever whoever stuff`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * The clipped words of software writing, read as the words they clip, so "config" meets
 * "configuration" and "params" meets "parameters" (readers type the short form, books spell it
 * out, or the other way round). Only clippings with one meaning in technical text: not "sim"
 * (Isaac Sim is a name), "dev" (developer or development) or "init" (a command).
 */
const CLIPPINGS = new Map(
  Object.entries({
    config: 'configuration',
    configs: 'configurations',
    param: 'parameter',
    params: 'parameters',
    repo: 'repository',
    repos: 'repositories',
    dir: 'directory',
    dirs: 'directories',
    env: 'environment',
    envs: 'environments',
    info: 'information',
    app: 'application',
    apps: 'applications',
    spec: 'specification',
    specs: 'specifications',
    arg: 'argument',
    args: 'arguments',
    lib: 'library',
    libs: 'libraries',
    pkg: 'package',
    pkgs: 'packages',
    msg: 'message',
    msgs: 'messages',
  }),
);

/** Words as written, lower-cased: "ros2", "ros", "h.264" → "h264" (before compounds are split). */
export function rawWords(text: string): string[] {
  // A lone letter joined to a number by a dot or hyphen is one name ("H.264", "G-1"), as glued.
  return (
    text
      .toLowerCase()
      // A typographic apostrophe ("won’t", "robot’s") is the typed one: the word stays whole.
      .replace(/[\u2018\u2019]/g, "'")
      .replace(LETTER_DOT_NUMBER, '$1')
      .match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? []
  );
}

const LETTER_DOT_NUMBER = /(?<![a-z0-9'])([a-z])[.-](?=\d)/g;

/**
 * Lower-cased word tokens; digits survive so "ROS 2" and "Isaac 4.0" keep their numbers. A word
 * that glues letters to digits is split where they meet, so every spelling of a versioned name
 * meets the others: "ros2" and "ROS 2" → ros 2, "python3" → python 3, "ubuntu22.04" → ubuntu
 * 22 04, "10ms" → 10 ms. The glued word follows its parts, so an identifier written as one word
 * ("ros2_control", "python3") still matches where the book writes it the same way. A lone letter
 * stays with its number ("G1", "h264", "H.264", "3D"), since a letter alone is no word to match on.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const word of rawWords(text)) {
    if (/\d/.test(word) && /[a-z]/.test(word)) {
      const parts = compoundParts(word);
      out.push(...parts);
      if (parts.length > 1) out.push(word);
    } else out.push(word);
  }
  return out;
}

/** "ros2" → ["ros", "2"], "ur5e" → ["ur", "5e"], "g1" → ["g1"], "x86" → ["x86"]. */
export function compoundParts(word: string): string[] {
  const runs = word.match(/[a-z]+(?:'[a-z]+)?|\d+/g) ?? [word];
  const parts: string[] = [];
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    const next = runs[i + 1];
    if (run.length === 1 && /[a-z]/.test(run) && next !== undefined) {
      parts.push(run + next);
      i++;
    } else if (run.length === 1 && /[a-z]/.test(run) && parts.length > 0 && /\d$/.test(parts.at(-1)!)) {
      parts.push(parts.pop()! + run);
    } else {
      parts.push(run);
    }
  }
  return parts;
}

export function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}

const stemCache = new Map<string, string>();

/** Stems of the stopwords, so "working" is dropped like "work" and documents and queries agree. */
const STOP_STEMS = new Set([...STOPWORDS].map((w) => stem(w)));

/**
 * British spellings written the American way, so "licence" meets "License" and "optimise" meets
 * "optimize" (books and readers mix both): -our → -or, -ence → -ense in licence/defence/offence/
 * pretence, -ise/-isation → -ize/-ization. Applied to book and question alike; long words only, so
 * "hour", "four" and "wise" stay as they are.
 */
export function americanSpelling(token: string): string {
  if (token.length < 6) return token;
  return token
    .replace(/^(licen|defen|offen|preten)c(e|es|ed|ing)$/, '$1s$2')
    .replace(/([a-z]{3,})our(s|ed|ing|ite|ites|able|ably)?$/, '$1or$2')
    .replace(/([a-z]{3,}[^aeiou])is(e|es|ed|ing|ation|ations|er|ers)$/, '$1iz$2');
}

/** Porter stem, memoized: the same few thousand words are stemmed over and over. */
export function stem(token: string): string {
  let stemmed = stemCache.get(token);
  if (stemmed === undefined) {
    const word = token.replace(/'[a-z]+$/, '');
    stemmed = stemmer(americanSpelling(CLIPPINGS.get(word) ?? word));
    if (stemCache.size < 50_000) stemCache.set(token, stemmed);
  }
  return stemmed;
}

/** A token worth matching on: not a function word, and not a lone letter. */
export function isContentToken(token: string): boolean {
  return !STOPWORDS.has(token) && (token.length > 1 || /\d/.test(token)) && !STOP_STEMS.has(stem(token));
}

/** Stemmed content words in order of appearance, each once. */
export function contentTerms(text: string): string[] {
  const seen = new Set<string>();
  for (const token of tokenize(text)) {
    if (isContentToken(token)) seen.add(stem(token));
  }
  return [...seen];
}

/** The term processor MiniSearch calls for documents and queries alike. */
export function processTerm(term: string): string | null {
  const token = term.toLowerCase().replace(/[^a-z0-9']/g, '');
  return token && isContentToken(token) ? stem(token) : null;
}
