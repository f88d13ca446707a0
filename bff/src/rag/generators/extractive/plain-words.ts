import { syllable } from 'syllable';
import { contentTerms } from '../../retrieval/terms.js';

/**
 * Plain-language rewriting for Beginner answers: long sentences are split at their clause
 * boundaries, asides in parentheses dropped, formal words swapped for everyday ones, and formulas
 * said in words. Every rule is about English prose in general, none about one book.
 */

export { LONG_SENTENCE_WORDS, liftAppositive, liftEntryRelative, splitLong } from './split-sentences.js';

/**
 * Formal word → everyday word; whole words only, case kept on the first letter. Only swaps that
 * keep the meaning: "multiple" stays, for "many" says more than "more than one" ("may have multiple
 * solutions").
 */
const EVERYDAY: [RegExp, string][] = (
  [
    ['utilizes', 'uses'],
    ['utilize', 'use'],
    ['utilises', 'uses'],
    ['utilise', 'use'],
    ['in order to', 'to'],
    ['approximately', 'about'],
    ['numerous', 'many'],
    ['demonstrates', 'shows'],
    ['demonstrate', 'show'],
    ['facilitates', 'helps'],
    ['facilitate', 'help'],
    ['commence', 'start'],
    ['terminates', 'ends'],
    ['terminate', 'end'],
    ['subsequently', 'later'],
    ['prior to', 'before'],
    ['sufficient', 'enough'],
    ['obtain', 'get'],
    ['additionally', 'also'],
    ['furthermore', 'also'],
    ['moreover', 'also'],
    ['consequently', 'so'],
    ['therefore', 'so'],
    ['nevertheless', 'still'],
    ['a multitude of', 'many'],
    ['a number of', 'several'],
    ['the majority of', 'most'],
    ['in addition to', 'besides'],
    ['with respect to', 'about'],
    ['in the event that', 'if'],
    ['due to the fact that', 'because'],
    ['is able to', 'can'],
    ['are able to', 'can'],
    ['leverages', 'uses'],
    ['leverage', 'use'],
    ['comprises', 'has'],
    ['consists of', 'is made of'],
    ['additional', 'more'],
    ['requires', 'needs'],
    ['require', 'need'],
    ['required', 'needed'],
    ['provides', 'gives'],
    ['ensures', 'makes sure'],
    ['ensure', 'make sure'],
    ['performs', 'does'],
    ['perform', 'do'],
    ['generates', 'makes'],
    ['generate', 'make'],
    ['modifies', 'changes'],
    ['modify', 'change'],
    ['acquire', 'get'],
    ['indicates', 'shows'],
    ['indicate', 'show'],
    ['primarily', 'mainly'],
    ['typically', 'usually'],
    ['frequently', 'often'],
    ['functionality', 'features'],
    ['observe', 'see'],
    ['assists', 'helps'],
    ['assist', 'help'],
    ['eliminates', 'removes'],
    ['eliminate', 'remove'],
    ['retrieves', 'gets'],
    ['retrieve', 'get'],
    ['transmits', 'sends'],
    ['transmit', 'send'],
    ['previously', 'before'],
    ['immediately', 'at once'],
    // "an identical copy" is not "an the same copy"; "an approximate value" not "an rough".
    ['(?<!\\ban?\\s)identical', 'the same'],
    ['(?<!\\ban\\s)approximate', 'rough'],
    ['significantly', 'much'],
    ['significant', 'large'],
    ['sufficiently', 'enough'],
    ['substantial', 'large'],
    ['numerous', 'many'],
    ['regarding', 'about'],
    ['concerning', 'about'],
    ['whereby', 'where'],
    ['thereby', 'so'],
    ['therein', 'in it'],
    ['methodology', 'method'],
    ['utilization', 'use'],
    ['accomplish', 'do'],
    ['encounter', 'meet'],
    ['appropriate', 'right'],
    ['alternatively', 'or'],
    ['simultaneously', 'at the same time'],
    ['continuously', 'all the time'],
    ['utilizing', 'using'],
    ['utilized', 'used'],
    ['commonly', 'often'],
    ['exclusively', 'only'],
    ['demonstrated', 'shown'],
    ['assistance', 'help'],
    ['enhances', 'improves'],
    ['enhance', 'improve'],
    ['fundamental', 'basic'],
    ['crucial', 'key'],
    ['possesses', 'has'],
    ['possess', 'have'],
    ['establishes', 'sets up'],
    ['establish', 'set up'],
    ['primary', 'main'],
    ['seamlessly', 'smoothly'],
    ['seamless', 'smooth'],
    ['various', 'different'],
    ['capabilities', 'abilities'],
    ['capability', 'ability'],
    ['ensuring', 'making sure'],
    ['providing', 'giving'],
    ['provide', 'give'],
  ] as const
).map(([formal, plain]) => [new RegExp(`\\b${formal}\\b`, 'gi'), plain]);

/**
 * Swaps that hold only in some sentences, said with the words around them: "lets" needs a verb
 * after it ("allows you to restart" → "lets you restart", while "allows controlled startup"
 * stays), "but" opens a clause ("However, …" → "But …", while "actions, however, have …" stays),
 * and a noun keeps its article ("an additional sensor" → "another sensor", "an attempt" stays).
 */
const IN_CONTEXT: [RegExp, string][] = [
  [/(^|[.!?]\s+)However,\s+/g, '$1But '],
  [/\b(?:allows|enables)\s+(you|us|them|users|developers|people)\s+to\s+/gi, 'lets $1 '],
  [/\b(?:allow|enable)\s+(you|us|them|users|developers|people)\s+to\s+/gi, 'let $1 '],
  [/\ban\s+additional\b/gi, 'another'],
  [/\battempts\s+to\b/gi, 'tries to'],
  [/\battempt\s+to\b/gi, 'try to'],
  [/\b(to|will|can|must|should)\s+determine\b/gi, '$1 find'],
  [/\bwithin\s+(the|a|an|its|their|this|these|your|our)\s+/gi, 'in $1 '],
];

export function everydayWords(text: string): string {
  let out = text;
  for (const [pattern, plain] of IN_CONTEXT) {
    out = out.replace(pattern, (match, ...groups: unknown[]) => {
      const said = plain.replace(/\$(\d)/g, (_m, n: string) => String(groups[Number(n) - 1] ?? ''));
      return /^[A-Z]/.test(match) && !/^\$1/.test(plain) ? capitalize(said) : said;
    });
  }
  for (const [formal, plain] of EVERYDAY) {
    out = out.replace(formal, (match) => (match[0] === match[0]!.toUpperCase() ? capitalize(plain) : plain));
  }
  return symbolsInWords(out);
}

/**
 * The shorthand of notes and slides said in words, outside inline code: "Accelerometer +
 * gyroscope" → "Accelerometer and gyroscope", "5 FPS (CPU) → 60 FPS (GPU)" → "5 FPS (CPU), then
 * 60 FPS (GPU)", "~30 Hz" → "about 30 Hz", "<20 ms" → "under 20 ms", "e.g." → "for example".
 */
export function symbolsInWords(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(/\s+(?:→|->|⇒|=>)\s+/g, ', then ')
            .replace(/(\S)\s+[+&]\s+(?=\S)/g, '$1 and ')
            .replace(/(^|[\s(])(?:~|≈)\s?(?=\d)/g, '$1about ')
            .replace(/(^|[\s(])(?:<|≤|<=)\s?(?=\d)/g, '$1under ')
            .replace(/(^|[\s(])(?:>|≥|>=)\s?(?=\d)/g, '$1over ')
            .replace(/\be\.g\.,?(?=\s)/gi, 'for example,')
            .replace(/\bi\.e\.,?(?=\s)/gi, 'that is,')
            .replace(/\s+vs\.?\s+/gi, ' compared with ')
            .replace(/\bw\/o\b/gi, 'without')
            .replace(/\bw\/(?=\s)/gi, 'with'),
    )
    .join('');
}

/**
 * "(Brooks, 1991)", "(Thrun et al., 2005; Siciliano & Khatib, 2016)": where a statement comes
 * from, not what it says.
 */
const CITATION =
  /^(?:[A-Z][\p{L}'’.-]*(?:\s+(?:et\s+al\.?|and|&|[A-Z][\p{L}'’.-]*))*,?\s+(?:1[5-9]|20)\d\d[a-z]?(?:,\s*pp?\.\s*[\d–-]+)?(?:;\s*|$))+$/u;

/** Author-year citations in parentheses go; every other word of the sentence stays. */
export function withoutCitations(text: string): string {
  return text
    .replace(/\s*\(([^()]*)\)/g, (match, inner: string) => (CITATION.test(inner.trim()) ? '' : match))
    .replace(/\s+([,.;:!?])/g, '$1');
}

/**
 * "(0.5-5 m)", "(970k trajectories, 22 robots)", "(e.g., 224x224)": a number is a fact, kept,
 * unless the aside spells out the abbreviation before it ("IMU (inertial measurement unit, 200 Hz)").
 */
const holdsNumber = (inner: string, before = '') => /\d/.test(inner) && !spellsOut(before, inner);

const SMALL_WORDS = new Set(['of', 'and', 'for', 'the', 'with', 'to', 'in', 'on', 'a', 'an']);

/** "IMU (inertial measurement unit …)", "DDS (Data Distribution Service)": an expansion. */
export function spellsOut(before: string, inner: string): boolean {
  const word = (before.trim().split(/\s+/).at(-1) ?? '').replace(/[^A-Za-z0-9-]/g, '');
  if (!/^[A-Z][A-Z0-9-]*[A-Z][A-Z0-9-]*s?$/.test(word)) return false;
  const letters = word
    .replace(/s$/, '')
    .replace(/[^A-Z]/g, '')
    .toLowerCase();
  const initials = inner
    .split(/[\s-]+/)
    .filter((w) => /^[A-Za-z]/.test(w) && !SMALL_WORDS.has(w.toLowerCase()))
    .map((w) => w[0]!.toLowerCase())
    .join('');
  return initials.startsWith(letters);
}

const SUCH_AS =
  /,\s+(?:such as|for example|for instance|e\.g\.|including|like)\s+((?:[^,;:.]{1,40},\s+)*[^,;:.]{1,40}\s+(?:and|or)\s+[^,;:.]{1,40}|[^,;:.]{2,60}),(?!\s*[^,;:.]{1,40}\s+(?:and|or)\s+[^,;:.]{1,40}(?:[,.!?]|$))/gi;

/**
 * Parenthetical asides of more than two words, and "e.g."/"i.e." asides, are dropped, except an
 * aside that holds a number, a word of the question or follows one: "MuJoCo (Multi-Joint dynamics
 * with Contact)" answers "What does MuJoCo stand for?". Citations go whatever their length.
 */
export function withoutAsides(text: string, questionTerms: string[] = []): string {
  const asked = new Set(questionTerms);
  const bears = (before: string, inner: string) =>
    asked.size > 0 &&
    (contentTerms(inner).some((t) => asked.has(t)) ||
      contentTerms(before.split(/\s+/).at(-1) ?? '').some((t) => asked.has(t)));
  const cited = withoutCitations(text);
  return (
    cited
      .replace(/\s*\((?:see|cf\.)[^()]*\)/gi, '')
      .replace(/\s*\((?:e\.g\.|i\.e\.|for example)([^()]*)\)/gi, (match, inner: string) =>
        holdsNumber(inner) ? match : '',
      )
      .replace(/\s*\(([^()]*)\)/g, (match, inner: string, at: number, whole: string) =>
        inner.trim().split(/\s+/).length > 2 &&
        !holdsNumber(inner, whole.slice(0, at)) &&
        !bears(whole.slice(0, at), inner)
          ? ''
          : match,
      )
      .replace(/\s*—[^—]{3,80}—\s*/g, ' ')
      // "Cognitive science, influenced heavily by the theory of mind, viewed …": the aside goes.
      .replace(
        /^([^,]{3,60}),\s+(?:\w+ly\s+)?\w+ed\s+(?:\w+ly\s+)?(?:by|with|in|on|from|for|as|to)\s+[^,;:]{3,80},\s+/,
        '$1 ',
      )
      // "…, such as light or force, into …": the examples go, the statement stays.
      // A list of examples goes whole: ", such as light, acceleration or force," leaves nothing behind.
      .replace(SUCH_AS, (match, inner: string) => (holdsNumber(inner) ? match : ''))
      .replace(/\s+([,.;:!?])/g, '$1')
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const GREEK =
  'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau upsilon phi chi psi omega'.split(
    ' ',
  );

/** A LaTeX formula read aloud: "\\frac{z_c}{g}" → "z c divided by g". */
export function formulaInWords(tex: string): string {
  // "J^\top" is "J transposed", as "J^T" is.
  let t = tex
    .replace(/^\$+|\$+$/g, '')
    .replace(/\\top\b/g, 'T')
    .trim();
  for (let i = 0; i < 4; i++) {
    t = t
      .replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, ' ($1) divided by ($2) ')
      .replace(/\\sqrt\{([^{}]*)\}/g, ' the square root of ($1) ')
      .replace(/\\ddot\{([^{}]*)\}/g, ' the acceleration of $1 ')
      .replace(/\\dot\{([^{}]*)\}/g, ' the rate of change of $1 ')
      .replace(/\\(?:hat|bar|tilde|vec|mathbf|mathrm|text|boldsymbol|operatorname)\{([^{}]*)\}/g, ' $1 ');
  }
  t = t
    .replace(/\^\{?2\}?/g, ' squared ')
    .replace(/\^\{?T\}?/g, ' transposed ')
    .replace(/\^\{?-1\}?/g, ' inverse ')
    .replace(/\^\{([^{}]*)\}|\^(\w)/g, (_m, a?: string, b?: string) => ` to the power ${a ?? b} `)
    .replace(/_\{([^{}]*)\}|_(\w)/g, (_m, a?: string, b?: string) => ` ${a ?? b}`)
    .replace(/\\sum\b/g, ' the sum of ')
    .replace(/\\int\b/g, ' the integral of ')
    .replace(/\\(?:cdot|times)/g, ' times ')
    .replace(/\\approx/g, ' is about ')
    .replace(/\\(?:leq|le)\b/g, ' is at most ')
    .replace(/\\(?:geq|ge)\b/g, ' is at least ')
    .replace(/\\neq/g, ' is not ')
    .replace(/\\(?:to|rightarrow)\b/g, ' goes to ')
    .replace(/\\in\b/g, ' in ')
    .replace(/\\infty/g, ' infinity ')
    .replace(/\\partial/g, ' the change in ')
    .replace(/\\([a-zA-Z]+)/g, (_m, name: string) => (GREEK.includes(name.toLowerCase()) ? ` ${name} ` : ' '))
    .replace(/<=/g, ' is at most ')
    .replace(/>=/g, ' is at least ')
    .replace(/=/g, ' equals ')
    .replace(/\+/g, ' plus ')
    .replace(/(\S)\s*-\s*(\S)/g, '$1 minus $2')
    .replace(/</g, ' is less than ')
    .replace(/>/g, ' is greater than ')
    .replace(/\*/g, ' times ')
    .replace(/\//g, ' divided by ')
    .replace(/[{}\\&]/g, ' ')
    .replace(/\(\s*(\w+)\s*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return t;
}

/**
 * Inline math as Pandoc and the widget's renderer read it: the opening `$` touches the formula's
 * first character, the closing one its last, and no digit follows it. "$1.006-2.112 per hour
 * (us-east-1: ~$1.006/hour)" is two prices, not the formula "1.006 minus 2.112 …".
 */
const INLINE_MATH = /\$(?!\s)((?:\\.|[^\\$\n])+?)(?<!\s)\$(?!\d)/g;

/** Inline `$…$` in a sentence becomes words; inline code loses its backticks. */
export function spokenInline(text: string): string {
  return text
    .replace(INLINE_MATH, (_m, tex: string) => formulaInWords(tex))
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1');
}

/**
 * Flesch reading ease of a piece of prose (higher is plainer): short sentences of short words.
 * Inline code, formulas and markup are read as the words they hold.
 */
export function readingEase(text: string): number {
  const prose = spokenInline(text);
  const words = prose.match(/[A-Za-z0-9]+(?:'[a-z]+)?/g) ?? [];
  if (words.length === 0) return 0;
  const sentences = Math.max(1, (prose.match(/[.!?]+(?:\s|$)/g) ?? []).length);
  const syllables = words.reduce((sum, w) => sum + Math.max(1, syllable(w)), 0);
  return 206.835 - 1.015 * (words.length / sentences) - 84.6 * (syllables / words.length);
}
