import { contentTerms } from '../../retrieval/terms.js';
import type { Question } from './question.js';
import type { Unit } from './units.js';

/**
 * Picks what the answer says: first the one unit that answers the question (chosen for the
 * question's type), then a few units that support it and stay on its subject. The choice does not
 * depend on the reader's level, so every level gets the same key fact; levels differ in how much
 * support they get and how it is written (compose.ts).
 */

export interface Candidate {
  unit: Unit;
  /** Index of the passage it came from; -1 for the reader's highlighted text. */
  doc: number;
  /** True when its passage's section is an exercise, objective, summary, reference or transition. */
  asideSection: boolean;
  /** Its passage's retrieval score relative to the best passage's, in (0, 1]. */
  rank: number;
  /**
   * Content words of the heading its passage sits under: "Definition: Using body structure …"
   * under "2.2 Morphological Computation" is about morphological computation though it never
   * says so.
   */
  heading?: Set<string>;
  /** The ways its heading names a thing: whole, without its parenthetical, the parenthetical alone. */
  headingNames?: string[][];
  /** That heading as the book writes it, without numbering or parenthetical ("Zero Moment Point"). */
  headingText?: string;
}

export interface ScoredUnit extends Candidate {
  score: number;
  /** IDF-weighted share of the question's content words the unit holds. */
  overlap: number;
  /** The reader's interest this unit mentions, if any. */
  interest?: string;
  /** For a lead quoted with the next sentences of its paragraph (paragraphRun): those sentences. */
  followedBy?: Unit[];
  /** For a lead that leans on the sentence before it ("It is …"): that sentence, quoted first. */
  precededBy?: Unit[];
  /** For a sentence that leans on the one before: its score as the lead, read after that one. */
  leadScore?: number;
}

export interface Focus {
  question: Question;
  /** Weight of each question term (its IDF when known, else 1). */
  weights: Record<string, number>;
  interests: { label: string; terms: string[] }[];
}

export function focusOf(
  question: Question,
  interests: string[],
  termWeights: Record<string, number> = {},
): Focus {
  return {
    question,
    weights: Object.fromEntries(question.terms.map((t) => [t, termWeights[t] ?? 1])),
    interests: interests
      .map((label) => ({ label, terms: contentTerms(label) }))
      .filter((i) => i.terms.length > 0),
  };
}

const REASON_WORDS =
  /\b(?:because|since|so that|due to|therefore|thus|hence|(?:this|that|which)(?: is|'s|’s) why|here(?:'s|’s| is) why|which means|as a result|in order to|to make sure|to ensure|for (?:this|that|the same) reason|allows?|enables?|prevents?|avoids?|to avoid|ensures?|otherwise|the reason)\b/i;
const CONTRAST_WORDS =
  /\b(?:whereas|while|unlike|but|than|however|in contrast|compared|instead|on the other hand|differs?|both)\b/i;
/** Words that settle a yes/no question one way or the other. */
const VERDICT_WORDS =
  /\b(?:yes|no|not|never|always|only|unlikely|likely|possible|impossible|fine|safe|okay|ok|recommend(?:s|ed)?|discouraged|intended|(?:un)?necessary|need(?:n't| not)|don't (?:need|have to)|doesn't (?:need|have to)|cannot|can't|can (?:be|also|still|only)|should(?:n't)?|must(?:n't)?|allowed|supports?|works? with)\b/i;
/** Words that pick one option for a purpose: "DART: accurate contact, best for manipulation". */
const CHOICE_WORDS =
  /\b(?:best|better|recommended|preferred|prefer|ideal|suited|suitable|designed for|good for|great for|used for|use (?:it|this|them) (?:for|when)|choose|pick|go with)\b/i;
const NUMBER =
  /\b\d+(?:[.,]\d+)?\s*(?:%|[a-zµ°]{1,4}\b)?|\b(?:default|defaults to|at most|at least|maximum|minimum|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?|millions?|twice|half)\b/i;
/** Question-independent tests of a unit's wording, each run once per unit (units are cached per chunk). */
const WORDING = {
  reason: REASON_WORDS,
  contrast: CONTRAST_WORDS,
  verdict: VERDICT_WORDS,
  choice: CHOICE_WORDS,
  number: NUMBER,
} as const;
/**
 * What scoring reads in a unit's own text, whatever the question: read once per unit (units are
 * cached per chunk), not once per unit per question.
 */
interface UnitTraits {
  /** termsOf(): its own words, and the identifiers of the code it introduces. */
  terms: Set<string>;
  bareLeadIn: boolean;
  /** Opens on "it", "this", "they"…: it leans on the sentence before. */
  leans: boolean;
  /** A sentence cut off: no closing punctuation, and not a labelled line. */
  cutOff: boolean;
  /** Three or more "Label: " runs: a flattened summary. */
  jumble: boolean;
  /** "Problem: … Cause: … Fix: …": a troubleshooting entry, flattened from its lines. */
  troubleshooting: boolean;
  /** The content words of the term a sentence or item defines ("A topic is …" → topic), or null. */
  defines: string[] | null;
  /** Labelled as a definition, or a statement (not a question) that opens its passage. */
  opens: boolean;
  /** The WORDING tests, each run when first asked. */
  wording: Partial<Record<keyof typeof WORDING, boolean>>;
}

const traitsOf = new WeakMap<Unit, UnitTraits>();

function traits(unit: Unit): UnitTraits {
  let known = traitsOf.get(unit);
  if (!known) traitsOf.set(unit, (known = readTraits(unit)));
  return known;
}

function readTraits(unit: Unit): UnitTraits {
  const { text, attached } = unit;
  return {
    terms: attached?.kind === 'code' ? new Set([...unit.terms, ...attached.terms]) : unit.terms,
    bareLeadIn: bareLeadIn(unit),
    leans: /^(?:it|this|these|they|that|those|such|here|there)\b/i.test(text),
    cutOff: unit.kind === 'sentence' && !/[.!:]["')\]*_]*$/.test(text) && !LABELLED.test(text),
    jumble: (text.match(/\b[A-Z][\w-]*: /g) ?? []).length >= 3 && !TROUBLESHOOTING.test(text),
    troubleshooting: TROUBLESHOOTING.test(text),
    defines: unit.kind === 'sentence' || unit.kind === 'item' ? definedTerms(unit) : null,
    opens: DEFINING_LABEL.test(text) || (unit.position === 0 && !unit.intro && !/\?$/.test(text)),
    wording: {},
  };
}

function says(unit: Unit, what: keyof typeof WORDING): boolean {
  const known = traits(unit).wording;
  return (known[what] ??= WORDING[what].test(unit.text));
}

const IMPERATIVE =
  /^(?:run|install|create|add|open|set|use|call|launch|build|source|define|write|import|export|start|configure|edit|save|copy|check|enable|disable|select|click|type|make|put|place|connect|switch|replace|pass|wrap|return|avoid|move|change|update|remove|delete|keep|apply|register|subscribe|dispatch|specify|include|declare|initiali[sz]e|load|mount|attach|open|close|restart|stop|try|test|verify|ensure|go|navigate|download|clone|upgrade|migrate)\b/i;
/**
 * "A topic is …", "Inverse kinematics, conversely, involves determining …": the defined term, then
 * (past an aside that sets it against another) the verb that says what it is or what it consists
 * in doing.
 */
const DEFINITION =
  /^(?:an?\s+|the\s+)?(.{1,60}?)(?:,\s+(?:conversely|in contrast|by contrast|on the other hand|in turn|in short|simply put),)?\s+(?:is|are|refers to|means|denotes|describes|is called|involves(?=\s+[a-z]+ing\b))\s+/i;
const GLOSSARY_ENTRY = /^\*\*([^*]{1,60})\*\*\s*(?::|—|–|-)\s/;
/** "Definition: …", "Core idea: …": a label that says the rest defines the section's subject. */
const DEFINING_LABEL =
  /^(?:\*\*)?(?:(?:formal |simple |short |working )?definition|(?:core |key |main |basic |big )?idea|concept|what it is|in short|meaning|essence|purpose|role|principle)(?:\*\*)?\s*:\s*(?:\*\*)?\S/i;
/** A label that says what a thing is good or bad at: the stuff of a comparison. */
/** The words a book heads a list of shortcomings with. */
const DRAWBACKS = 'limitations?|cons|disadvantages?|weakness(?:es)?|drawbacks?';
const MERIT_LABEL = new RegExp(
  `^(?:\\*\\*)?(?:advantages?|pros|strengths?|benefits?|handles|best (?:for|at|when)|good (?:for|at)|use (?:it )?when|when to use|ideal for|suited (?:for|to)|trade-?offs?|${DRAWBACKS})(?:\\*\\*)?\\s*:`,
  'i',
);
/**
 * "Problem: Nodes on different machines can't see each other Cause: Firewall blocking UDP multicast
 * Fix: Configure firewall or use Discovery Server": a troubleshooting entry, its labelled lines run
 * together, which says what goes wrong, why and what to do; no jumble.
 */
const TROUBLESHOOTING =
  /^(?:\*\*)?(?:problem|issue|symptoms?|error)(?:\*\*)?\s*:.*\b(?:cause|reason|fix|solutions?|workaround|resolution)(?:\*\*)?\s*:/i;
const FIX_LABEL = /\b(?:fix|solutions?|workaround|resolution)(?:\*\*)?\s*:\s*\S/i;
const CAUSE_LABEL = /\b(?:cause|reason)(?:\*\*)?\s*:\s*\S/i;

/** A list's lead-in that says its items are reasons: "Why latency matters:", "Reasons:", "Causes:". */
const REASONS_LABEL =
  /^(?:\*\*)?(?:why\b[^:]{0,60}|(?:the\s+)?(?:(?:main|key|common|usual|possible)\s+)?(?:reasons?|causes?)(?:\s+(?:for|of|why)\b[^:]{0,40})?)(?:\*\*)?\s*:$/i;
/** A list's lead-in that says its items are shortcomings. */
const DRAWBACK_LABEL = new RegExp(
  `^(?:\\*\\*)?(?:(?:key|main|common|known|major)\\s+)?(?:${DRAWBACKS}|downsides?|shortcomings?|failure modes?|pitfalls?|caveats?)(?:\\*\\*)?\\s*:?$`,
  'i',
);
/** "Thunks are best for complex synchronous logic": what one side is good at, said in a sentence. */
const MERIT_SAID =
  /\b(?:is|are)\s+(?:(?:usually|often|generally|typically)\s+)?(?:best|better|ideal|(?:well[- ])?suited|good|great|preferred|recommended)\s+(?:for|when|at|if)\b/i;
/** "Label: value", the form of list-heavy books' lines. */
const LABELLED = /^(?:\*\*)?[^:*]{1,40}(?:\*\*)?\s*:\s*(?:\*\*)?\S/;
/** A lead-in this short ("Workspace Structure:", "Sensors fall into two families:") is no statement. */
const STATEMENT_WORDS = 8;

/**
 * A sentence that ends in a colon and says nothing without what follows it: too short to state
 * anything, or the lead-in of a list ("… physical AI systems must:"), which is read with its list.
 */
export function isBareLeadIn(unit: Unit): boolean {
  return traits(unit).bareLeadIn;
}

function bareLeadIn(unit: Unit): boolean {
  if (unit.kind !== 'sentence' || !/:\s*$/.test(unit.text) || unit.attached) return false;
  return unit.introduces !== undefined || unit.words < STATEMENT_WORDS;
}

/** Fence languages of code typed at a shell. */
export const SHELL_LANGUAGES = new Set([
  'bash',
  'sh',
  'shell',
  'console',
  'zsh',
  'powershell',
  'ps1',
  'cmd',
  'terminal',
  'shell-session',
]);

/** A fenced block in a shell language, or one whose lines are "$ …" prompts. */
export function isShellCode(code: Unit): boolean {
  if (code.kind !== 'code') return false;
  const language = /^(?:`{3,}|~{3,})\s*([\w-]*)/.exec(code.text)?.[1]?.toLowerCase() ?? '';
  return SHELL_LANGUAGES.has(language) || /^\s*\$\s+\S/m.test(code.text);
}

const commandTermsOf = new WeakMap<Unit, Set<string>>();

/** The words of a shell block's commands, its comments left out. */
function commandTerms(code: Unit): Set<string> {
  let terms = commandTermsOf.get(code);
  if (!terms) {
    const lines = code.text.split('\n').slice(1, -1);
    const commands = lines.filter((l) => !/^\s*#/.test(l)).map((l) => l.replace(/^\s*\$\s+/, ''));
    commandTermsOf.set(code, (terms = new Set(contentTerms(commands.join('\n')))));
  }
  return terms;
}

/** A directory tree drawn in box characters ("├── src/"): a layout, not something to run. */
function isDirectoryTree(code: Unit): boolean {
  return (code.text.match(/^\s*(?:[│|]\s*)*(?:├──|└──|\|--|`--)/gm) ?? []).length >= 2;
}

/** What a sentence that leans on the one before ("It works for …") loses for being read alone. */
const LEANS_MARK = 0.15;

/** Heading-only words count for less than the unit's own: they hold for every unit of the section. */
const HEADING_WEIGHT = 0.5;

/** Scores every candidate for this question. Deterministic: ties keep passage order. */
export function scoreCandidates(candidates: Candidate[], focus: Focus): ScoredUnit[] {
  // The question's weights once per question, not once per unit.
  const asked = {
    terms: wantedOf(focus.question.terms, focus),
    subject: wantedOf(focus.question.subject, focus),
  };
  const scored = candidates.map((c) => scoreCandidate(c, focus, asked));
  for (const s of itemsPerSide(scored, focus.question)) s.score += SIDE_ITEM;
  return scored.sort((a, b) => b.score - a.score || a.doc - b.doc || a.unit.position - b.unit.position);
}

/** Each side's words the other side does not share ("revolute joint" vs "continuous joint": revolute, continuous). */
function ownTerms(sides: string[][]): [string[], string[]] {
  const [a, b] = sides as [string[], string[]];
  return [a.filter((t) => !b.includes(t)), b.filter((t) => !a.includes(t))];
}

/** A run of three or more short alternatives: "revolute, continuous, prismatic or fixed". */
const ALTERNATIVES = /(?:[^,;:()]{1,30},\s+){2,}(?:(?:and|or)\s+)?[^,;:()]{1,30}/g;

/**
 * "Specifies the joint type (e.g., revolute, continuous, prismatic, fixed)": both sides named as
 * two of several alternatives, which compares nothing.
 */
function listsBoth(text: string, sides: string[][]): boolean {
  const own = ownTerms(sides);
  if (own.some((o) => o.length === 0)) return false;
  for (const [run] of text.replace(/`/g, '').matchAll(ALTERNATIVES)) {
    const named = new Set(contentTerms(run));
    if (own.every((o) => o.some((t) => named.has(t)))) return true;
  }
  return false;
}

/** An item of the book's list that takes the sides one item each scores as a unit naming both. */
const SIDE_ITEM = 0.6;

/** "Revolute: Rotates around an axis with limits": the label before the colon or dash of an item. */
const ITEM_LABEL = /^(?:\*\*)?[`"']?([^:*`"'—–]{1,40}?)[`"']?(?:\*\*)?\s*(?::|\s[—–-]\s)/;

/**
 * "Joint types: - revolute: rotates around an axis with limits - continuous: rotates without
 * limits": for "revolute vs continuous", the list gives each side its own item, labelled by the
 * side's own word. Those two items answer together (the list leads whole), as a table with a row
 * for each side does.
 */
function itemsPerSide(scored: ScoredUnit[], question: Question): ScoredUnit[] {
  if (question.type !== 'comparison' || question.sides.length !== 2) return [];
  const own = ownTerms(question.sides);
  if (own.some((o) => o.length === 0)) return [];
  const lists = new Map<string, ScoredUnit[][]>();
  for (const s of scored) {
    if (s.unit.kind !== 'item' || s.overlap <= 0) continue;
    const label = ITEM_LABEL.exec(s.unit.text)?.[1];
    if (!label) continue;
    const named = new Set(contentTerms(label));
    const side = own.findIndex((o) => o.some((t) => named.has(t)));
    if (side < 0 || own[1 - side]!.some((t) => named.has(t))) continue;
    const key = `${s.doc}:${s.unit.block}`;
    const sides = lists.get(key) ?? [[], []];
    sides[side]!.push(s);
    lists.set(key, sides);
  }
  return [...lists.values()].filter(([x, y]) => x!.length === 1 && y!.length === 1).flat(2);
}

function scoreCandidate(
  candidate: Candidate,
  focus: Focus,
  asked: { terms: Wanted; subject: Wanted },
): ScoredUnit {
  const { unit, rank } = candidate;
  const { question } = focus;
  const known = traits(unit);
  const terms = unit.kind === 'table' ? tableTerms(unit, question) : termsOf(unit);
  // An item of an introduced list is about what its lead-in names, as a unit is about its heading.
  const heading = candidate.heading;
  const introTerms = unit.intro?.terms;
  const overlap = weightedShare(asked.terms, terms, heading, introTerms);
  const subject = weightedShare(asked.subject, terms, heading, introTerms);
  let score = (0.6 * overlap + 0.4 * subject) * rank;
  // A sentence that leans on the one before ("It is not the hard upper limit") is about what that
  // one names: as the lead it is quoted after it (withAntecedent), and scored as read with it.
  const before = !unit.intro && known.leans ? unit.antecedent?.terms : undefined;
  const asLead = before
    ? (0.6 * weightedShare(asked.terms, terms, heading, before) +
        0.4 * weightedShare(asked.subject, terms, heading, before)) *
        rank -
      score +
      LEANS_MARK
    : 0;
  // "SLAM, Kalman filters, particle filters" only names what the question names: it tells nothing,
  // and naming both sides of a comparison is no contrast.
  const little = (unit.kind === 'sentence' || unit.kind === 'item') && saysLittleBeyond(unit, question);
  // The form only counts for a unit on the question (typeFit is never negative).
  if (little) score -= 0.5;
  else if (overlap > 0) score += typeFit(unit, question, terms, namesOf(candidate), focus.weights);
  if (unit.position < 2) score += 0.03;
  if (unit.aside || candidate.asideSection) score -= 2;
  // A fragment says little; an item of an introduced list is read with its lead-in ("Disadvantages:
  // Expensive ($1k-$10k)"), so its own few words are enough.
  if (
    unit.words < 4 &&
    !unit.intro &&
    unit.kind !== 'code' &&
    unit.kind !== 'formula' &&
    unit.kind !== 'table'
  )
    score -= 0.5;
  // "Sensors fall into two families:" says nothing without the list that followed it.
  // A lead-in to a list says little more alone, but brings its list along when it leads.
  // A whole statement that ends in a colon ("Humanoids typically have 20-60+ degrees of freedom
  // distributed across the body:") still says its fact alone.
  if (known.bareLeadIn) score -= unit.introduces === undefined ? 0.6 : 0.3;
  // "It works for…" out of its paragraph leaves the reader asking what "it" is.
  // (An item's lead-in says what.)
  if (!unit.intro && known.leans) score -= LEANS_MARK;
  // A line cut off reads badly; "Idea: Iteratively query the expert" is a whole labelled line.
  if (known.cutOff) score -= 0.25;
  // A flattened summary ("Topics: … Services: … Actions: …") reads as a jumble.
  if (known.jumble) score -= 0.3;
  const interest = focus.interests.find((i) => i.terms.every((t) => terms.has(t)))?.label;
  // Interests only decide between units that are equally good on the question.
  if (interest && overlap > 0) score += 0.02;
  // Every field written out, not spread (spreading the candidate cost more than the rest of the
  // scoring): a field added to Candidate is added here too.
  return {
    unit,
    doc: candidate.doc,
    asideSection: candidate.asideSection,
    rank,
    heading,
    headingNames: candidate.headingNames,
    headingText: candidate.headingText,
    score,
    overlap,
    interest,
    ...(before ? { leadScore: score + asLead } : {}),
  };
}

/**
 * The ways the unit's heading names a thing; an item of an introduced list also by its heading
 * and lead-in together, in that order (as one Set of both would list them).
 */
function namesOf(candidate: Candidate): string[][] {
  const { unit } = candidate;
  const names = candidate.headingNames ?? [[...(candidate.heading ?? [])]];
  if (!unit.intro) return names;
  return [...names, [...new Set([...(candidate.heading ?? []), ...unit.intro.terms])]];
}

/** How well the unit's form fits what the question asks for. */
function typeFit(
  unit: Unit,
  question: Question,
  terms: Set<string>,
  heading: string[][],
  weights: Record<string, number> = {},
): number {
  const text = unit.text;
  switch (question.type) {
    case 'definition':
      // The book's own "X is …" beats an opening line that only sits under X's heading.
      return [0, 0.6, 0.8][
        definitionStrength(
          unit,
          question.subject,
          heading,
          question.head ?? headOf(question.subject, weights),
        )
      ]!;
    case 'procedure':
      if (unit.kind === 'item' && unit.ordered) return 0.35;
      if (unit.kind === 'code' || unit.attached?.kind === 'code') {
        // Commands typed at a shell do what "how do I …" asks; a directory tree only shows a layout.
        const code = unit.kind === 'code' ? unit : unit.attached!;
        // "How do I build …?" is answered by the shell line that says "build": "colcon build". A shell
        // block that does not say the question's verb is code like any other: set-up commands from
        // another section must not outrank the sentence (and its code) that answers.
        if (isShellCode(code)) return commandTerms(code).has(question.subject[0] ?? '') ? 0.8 : 0.3;
        return isDirectoryTree(code) ? 0 : 0.3;
      }
      // A troubleshooting entry's "Fix:" says what to do about the problem it names.
      if (traits(unit).troubleshooting && FIX_LABEL.test(text)) return 0.5;
      if (!IMPERATIVE.test(text) && !/^to\s+\w+/i.test(text)) return 0;
      // An instruction in a list is a step; in prose, one sentence among others.
      return unit.kind === 'item' ? 0.3 : 0.2;
    case 'quantity': {
      // A sentence that states the number reads better than a table row; a table still answers.
      if (unit.kind === 'table') return tableRowFor(unit, question) !== undefined ? 0.3 : 0;
      const said = withoutQuestionNumbers(text.replace(/\[\d+\]/g, ''), question);
      if (!NUMBER.test(said)) return 0;
      // "How long …?" is answered by a duration, "how fast" by a rate: the number in the asked unit.
      const unitWanted = question.measure ? MEASURES[question.measure] : undefined;
      // "Roughly how long …?" asks for the figure the book gives as typical ("approximately 500 ms").
      const typical = question.approximate && HEDGED_NUMBER.test(said) ? 0.1 : 0;
      return 0.4 + (unitWanted?.test(said) ? 0.15 : 0) + typical;
    }
    case 'comparison': {
      const both =
        question.sides.length === 2 &&
        question.sides.every((s) => s.some((t) => terms.has(t))) &&
        !(unit.kind !== 'table' && listsBoth(text, question.sides));
      // The book's own comparison: a table with a row for each side ("| Topic | … |", "| Service | … |")
      // or a column for each ("| Aspect | General Simulation | Photorealistic Simulation |").
      if (unit.kind === 'table')
        return both ? (rowPerSide(unit, question) || columnPerSide(unit, question) ? 0.5 : 0.35) : 0;
      // "Handles: multi-modal distributions" under "Particle Filter": what one side is good or bad at.
      const merit =
        MERIT_LABEL.test(text) ||
        (unit.intro !== undefined && MERIT_LABEL.test(unit.intro.text)) ||
        MERIT_SAID.test(text);
      return (both ? 0.4 : 0) + (says(unit, 'contrast') ? 0.2 : merit ? 0.35 : 0);
    }
    case 'reason': {
      if (says(unit, 'reason')) return 0.4;
      if (traits(unit).troubleshooting && CAUSE_LABEL.test(text)) return 0.4;
      // "Disadvantages: - Reflective/transparent surfaces fail" under "LiDAR": what X falls short at
      // answers why it cannot.
      const label = unit.kind === 'item' && unit.intro ? unit.intro.text : undefined;
      if (label && REASONS_LABEL.test(label)) return 0.4;
      return label && question.stance === 'against' && DRAWBACK_LABEL.test(label) ? 0.4 : 0;
    }
    case 'yesno':
      return says(unit, 'verdict') ? 0.3 : 0;
    case 'choice':
      return says(unit, 'choice') ? 0.3 : 0;
    default:
      // An open question's "subject" is all its words: a unit defines it only if it names most of them.
      return definesSubject(unit, question.subject, heading) && namesMost(unit, question.subject) ? 0.2 : 0;
  }
}

/**
 * Fewer than two content words of its own beside the question's, and no number, cause, contrast or
 * verdict: a number the question does not hold is content of its own ("URDF has six joint types:").
 */
function saysLittleBeyond(unit: Unit, question: Question): boolean {
  const said = withoutQuestionNumbers(unit.text, question);
  if (said === unit.text ? says(unit, 'number') : NUMBER.test(said)) return false;
  // "Because URDF is a tree, a link can have only one parent": a cause, a contrast or a verdict is
  // said in words the question's own words need no more of.
  if (says(unit, 'reason') || says(unit, 'contrast') || says(unit, 'verdict')) return false;
  const asked = askedOf(question);
  let own = 0;
  for (const t of termsOf(unit)) if (!asked.has(t) && ++own >= 2) return false;
  return true;
}

function namesMost(unit: Unit, subject: string[]): boolean {
  return subject.filter((t) => unit.terms.has(t)).length * 2 >= subject.length;
}

/** Units that answer each kind of "how …?" quantity question. */
const MEASURES: Record<NonNullable<Question['measure']>, RegExp> = {
  duration:
    /\d\s*(?:\+\s*)?(?:ms|µs|us|ns|s|(?:milli|micro|nano)?sec(?:ond)?s?|min(?:ute)?s?|h|hrs?|hours?|days?|weeks?|months?|years?)\b|\b(?:(?:milli|micro|nano)?seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b/i,
  rate: /\d\s*(?:hz|khz|mhz|fps|m\/s|km\/h|mph|rpm|x|×|times)\b|\b(?:per second|realtime|real-time|faster|slower)\b/i,
  size: /\d\s*(?:mm|cm|m|km|kg|g|lbs?|gb|mb|kb|tb|bytes?|bits?|px|pixels?|inch(?:es)?|ft|feet)\b/i,
  amount: /[$€£]\s*\d|\d\s*(?:%|usd|dollars?|euros?|k\b)/i,
  date: /\b(?:1[89]|20)\d\d\b|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b/,
  version:
    /\bv\d|\b\d+(?:\.\d+)+\b|\bversions?\s+\d|\b\d+(?:\.\d+)*\s*(?:\+|or (?:later|newer|above|higher|greater))/i,
};

/** "typically 10-30 W", "approximately 500 ms", "about 2 hours", "~5 cm": a figure given as typical. */
const HEDGED_NUMBER =
  /\b(?:typically|typical|approximately|approx\.|roughly|usually|on average|generally|commonly|normally)\b|\b(?:about|around|nearly|almost)\s+\d|~\s?\d/i;

/** A question's words, and those of them with a digit, as sets: made once per question, not per unit. */
const askedSets = new WeakMap<Question, { asked: Set<string>; named: Set<string> }>();

function questionSets(question: Question): { asked: Set<string>; named: Set<string> } {
  let sets = askedSets.get(question);
  if (!sets) {
    sets = { asked: new Set(question.terms), named: new Set(question.terms.filter((t) => /\d/.test(t))) };
    askedSets.set(question, sets);
  }
  return sets;
}

function askedOf(question: Question): Set<string> {
  return questionSets(question).asked;
}

/** "How many bins does RT-2 use?": the 2 of RT-2 is a name, not the number asked for. */
function withoutQuestionNumbers(text: string, question: Question): string {
  const { named } = questionSets(question);
  // Every token replaced holds a digit: a text without one comes back as it is.
  if (named.size === 0 || !/\d/.test(text)) return text;
  return text.replace(/[\w-]*\d[\w.-]*/g, (token) =>
    named.has(token.toLowerCase()) || [...named].some((n) => token.toLowerCase().endsWith(`-${n}`))
      ? ' '
      : token,
  );
}

/**
 * "The ZMP is …" or "**ZMP**: …" where most of the subject is what the unit defines; or, under a
 * heading that names the subject, "Definition: …" or the section's opening statement.
 */
export function definesSubject(unit: Unit, subject: string[], headingNames: string[][] = []): boolean {
  return definitionStrength(unit, subject, headingNames) > 0;
}

/**
 * 2 when the unit states the subject's definition itself ("A topic is …", "**ZMP**: …"), 1 when
 * its section's heading names the subject and the unit opens the section or is labelled as its
 * definition, 0 otherwise.
 */
function definitionStrength(
  unit: Unit,
  subject: string[],
  headingNames: string[][],
  head: string[] = subject,
): number {
  if (unit.kind !== 'sentence' && unit.kind !== 'item') return 0;
  if (subject.length === 0) return 0;
  const known = traits(unit);
  const names = (defined: string[]) =>
    namesSubject(defined, subject) && defined.some((t) => head.includes(t));
  if (known.defines && names(known.defines)) return 2;
  if (!headingNames.some(names)) return 0;
  return known.opens ? 1 : 0;
}

/**
 * The subject's most telling words (the highest IDF): what a definition of it must name. "A service
 * in ROS 2" is a service, so "ROS 2 is not an operating system" defines the wrong thing; with no
 * weights every word is telling.
 */
function headOf(subject: string[], weights: Record<string, number>): string[] {
  const weight = (t: string) => weights[t] ?? 1;
  const most = Math.max(...subject.map(weight));
  return subject.filter((t) => weight(t) >= most - 1e-9);
}

/** The content words of the term a unit defines ("A topic is …", "**ZMP**: …"), or null. */
function definedTerms(unit: Unit): string[] | null {
  const match = GLOSSARY_ENTRY.exec(unit.text) ?? DEFINITION.exec(unit.text.replace(/\*\*/g, ''));
  // "What Redux is and why …", "It is …": a clause, not a term being defined.
  const term = match?.[1] ?? '';
  if (match && !/^(?:what|how|why|which|who|when|where|it|this|that|these|those|there|here)\b/i.test(term))
    return contentTerms(term);
  return null;
}

/** Most of the words naming a thing are the subject's, and they hold enough of the subject. */
function namesSubject(defined: string[], subject: string[]): boolean {
  const asked = defined.filter((t) => subject.includes(t)).length;
  return asked > 0 && asked * 3 >= defined.length * 2 && asked * 2 >= Math.min(subject.length, 2);
}

/** A table with a column for each side ("| Aspect | General Simulation | Photorealistic Simulation |"). */
function columnPerSide(unit: Unit, question: Question): boolean {
  if (question.sides.length !== 2 || !unit.header) return false;
  const labels = unit.header.slice(1).map((cell) => new Set(contentTerms(cell)));
  const columnsOf = question.sides.map((side) =>
    labels.flatMap((label, i) => (side.length > 0 && side.every((t) => label.has(t)) ? [i] : [])),
  );
  return columnsOf.every((columns) => columns.length > 0) && new Set(columnsOf.flat()).size > 1;
}

/** Each side of a comparison names a row of the table in its first cell, each a different row. */
function rowPerSide(unit: Unit, question: Question): boolean {
  if (question.sides.length !== 2 || !unit.rows) return false;
  const labels = unit.rows.map((row) => new Set(contentTerms(row.cells[0] ?? '')));
  const rowsOf = question.sides.map((side) =>
    labels.flatMap((label, i) => (side.length > 0 && side.every((t) => label.has(t)) ? [i] : [])),
  );
  return rowsOf.every((rows) => rows.length > 0) && new Set(rowsOf.flat()).size > 1;
}

/** The table row that holds most of the subject, if one holds any of it. */
export function tableRowFor(unit: Unit, question: Question): number | undefined {
  let best: number | undefined;
  let bestHits = 0;
  const wanted = question.subject.length ? question.subject : question.terms;
  unit.rows?.forEach((row, i) => {
    const hits = wanted.filter((t) => row.terms.has(t)).length;
    if (hits > bestHits) [best, bestHits] = [i, hits];
  });
  return best;
}

/**
 * The words a unit answers with: a sentence introducing code counts the code's identifiers (a
 * how-to is often answered by the command), a table only its best rows' words (computed in
 * tableTerms), a formula's symbols never.
 */
function termsOf(unit: Unit): Set<string> {
  return traits(unit).terms;
}

/**
 * A table matches on its header and the one row that best holds the question's words; for a
 * comparison, on the row of each side ("hydraulic vs electric": both rows).
 */
function tableTerms(unit: Unit, question: Question): Set<string> {
  const header = contentTerms((unit.header ?? []).join(' '));
  const rows = question.sides.length
    ? question.sides.map((side) => tableRowFor(unit, { ...question, subject: side }))
    : [tableRowFor(unit, question)];
  const rowTerms = rows.flatMap((row) => (row === undefined ? [] : [...unit.rows![row]!.terms]));
  return new Set([...header, ...rowTerms]);
}

/** Words a unit is scored on, with their weights and the weights' sum (in word order). */
interface Wanted {
  words: string[];
  weights: number[];
  total: number;
}

function wantedOf(words: string[], focus: Focus): Wanted {
  const weights = words.map((t) => focus.weights[t] ?? 1);
  let total = 0;
  for (const w of weights) total += w;
  return { words, weights, total };
}

/**
 * Weighted share of the wanted words a unit holds; words only its heading (or, for an item of an
 * introduced list, its lead-in) holds count for less.
 */
function weightedShare(
  wanted: Wanted,
  have: Set<string>,
  heading: Set<string> | undefined,
  intro: Set<string> | undefined,
): number {
  if (wanted.total === 0) return 0;
  let sum = 0;
  for (let i = 0; i < wanted.words.length; i++) {
    const t = wanted.words[i]!;
    const held = have.has(t) ? 1 : heading?.has(t) || intro?.has(t) ? HEADING_WEIGHT : 0;
    sum += wanted.weights[i]! * held;
  }
  return sum / wanted.total;
}

export interface Selection {
  /** The unit that answers; for steps, the whole list it belongs to. */
  lead: ScoredUnit[];
  /** Prose that supports the lead, best first, on the lead's subject. */
  support: ScoredUnit[];
  /** Formulas, code and tables from the passages the answer cites, for the levels that take them. */
  blocks: ScoredUnit[];
  /** For a compound question, the units that answer its second part, said right after the lead. */
  also?: ScoredUnit[];
}

/** Units the answer may quote at all: on the question, and not about the page. */
function usable(scored: ScoredUnit[]): ScoredUnit[] {
  return scored.filter((s) => s.score > -0.5 && !s.unit.aside && !s.asideSection);
}

export function select(scored: ScoredUnit[], focus: Focus, supportBudget: number): Selection {
  const pool = usable(scored);
  const onQuestion = pool.filter((s) => s.overlap > 0);
  // Retrieval has judged the question covered: even a question worded unlike the book gets the
  // best passage's best unit rather than a refusal.
  // Code and formulas come with the sentence that introduces them, never as the answer on their own.
  const prose = (s: ScoredUnit) => s.unit.kind !== 'code' && s.unit.kind !== 'formula';
  // A how-to best answered by a block of code is led by the sentence that introduces the block.
  const top = onQuestion[0];
  const introOfTop =
    focus.question.type === 'procedure' && top?.unit.kind === 'code'
      ? onQuestion.find((s) => s.doc === top.doc && s.unit.attached === top.unit)
      : undefined;
  const leadUnit =
    introOfTop ??
    bestLead(onQuestion.filter(prose)) ??
    pool.find((s) => s.doc <= 0 && prose(s)) ??
    pool.find(prose);
  if (!leadUnit) return { lead: [], support: [], blocks: [] };
  const lead = expandLead(leadUnit, pool, focus.question);
  const subject = subjectTerms(lead, focus.question);
  const also = closeSecond(leadUnit, lead, onQuestion, pool, focus.question);
  const taken = new Set([...lead, ...also].map((s) => s.unit));
  if (leadUnit.unit.attached) taken.add(leadUnit.unit.attached);
  for (const s of also) if (s.unit.attached) taken.add(s.unit.attached);
  const support = dropNearDuplicates(
    lead,
    onQuestion.filter(
      (s) =>
        !taken.has(s.unit) &&
        (s.unit.kind === 'sentence' || s.unit.kind === 'item') &&
        // "Here is a complete node:" says nothing without its block (compose shows both or neither).
        (!isBareLeadIn(s.unit) || s.unit.attached !== undefined) &&
        !saysLittleBeyond(s.unit, focus.question) &&
        staysOnSubject(s, subject, leadUnit),
    ),
  ).slice(0, supportBudget);
  const cited = new Set([...lead, ...support].map((s) => s.doc));
  const blocks = pool.filter(
    (s) =>
      (s.unit.kind === 'code' || s.unit.kind === 'formula' || s.unit.kind === 'table') &&
      cited.has(s.doc) &&
      !taken.has(s.unit) &&
      // Code and formulas rarely repeat the question's words: the lead's own passage vouches for them.
      (s.doc === leadUnit.doc || (s.overlap > 0 && staysOnSubject(s, subject, leadUnit))),
  );
  // A display formula in a retrieved section whose heading names the subject ("The PID law" for a
  // question on a PID controller) is that subject's formula, though its passage was not quoted: it
  // joins as support with the sentence that introduces it (the levels that show formulas keep it).
  const shownBlocks = new Set([...blocks, ...support].map((s) => s.unit.attached ?? s.unit));
  const formulas = pool
    .filter(
      (s) =>
        s.unit.kind === 'formula' &&
        !cited.has(s.doc) &&
        !taken.has(s.unit) &&
        !shownBlocks.has(s.unit) &&
        headingHoldsSubject(s.heading, subject),
    )
    .map((f) => pool.find((p) => p.doc === f.doc && p.unit.attached === f.unit))
    .filter((intro): intro is ScoredUnit => intro !== undefined && !taken.has(intro.unit));
  const run = withAntecedent(paragraphRun(lead, support, pool), also);
  return {
    lead: run.lead,
    support: [...run.support, ...formulas.slice(0, 1)],
    blocks,
    ...(also.length ? { also } : {}),
  };
}

/**
 * The best unit to lead with. A sentence that leans on the one before ("It is not …") is marked
 * down as support, where it would be quoted alone; as the lead it is quoted after that sentence, so
 * it competes without the mark.
 */
function bestLead(candidates: ScoredUnit[]): ScoredUnit | undefined {
  const asLead = (s: ScoredUnit) => s.leadScore ?? s.score;
  let best: ScoredUnit | undefined;
  for (const s of candidates) if (!best || asLead(s) > asLead(best)) best = s;
  return best;
}

/**
 * A lead that leans on the sentence before it ("It is not the hard upper allowed line length
 * limit.") is quoted after that sentence, which says what "it" is; the sentence leaves the support.
 */
function withAntecedent(
  run: { lead: ScoredUnit[]; support: ScoredUnit[] },
  also: ScoredUnit[],
): { lead: ScoredUnit[]; support: ScoredUnit[] } {
  const [first] = run.lead;
  const before = first?.unit.antecedent;
  if (run.lead.length !== 1 || !before || also.some((s) => s.unit === before)) return run;
  return {
    lead: [{ ...first, precededBy: [before] }],
    support: run.support.filter((s) => s.unit !== before),
  };
}

/** Sentences between the lead and a supporting sentence of its paragraph that a run may take in. */
const RUN_GAP = 2;
/** A sentence that says how its neighbours relate: a contrast, a consequence, a cause. */
const HINGE =
  /\b(?:however|but|yet|instead|in contrast|on the other hand|nevertheless|therefore|thus|hence|so|as a result|consequently|because|this means|that is why)\b/i;

/**
 * A paragraph's relation is said by its hinge: when the lead and a supporting sentence of its
 * paragraph are a sentence or two apart and a sentence between them says how they relate ("A chess
 * program can try millions of moves … Physical actions, however, have irreversible consequences. A
 * robot that drops a glass cannot undo that."), the three are quoted as one run, in the book's
 * order, at every level. Without the hinge the second reads as a non sequitur.
 */
function paragraphRun(
  lead: ScoredUnit[],
  support: ScoredUnit[],
  pool: ScoredUnit[],
): { lead: ScoredUnit[]; support: ScoredUnit[] } {
  const [first] = lead;
  if (lead.length !== 1 || !first || first.unit.kind !== 'sentence' || first.unit.attached)
    return { lead, support };
  const sameParagraph = (s: ScoredUnit) =>
    s.doc === first.doc &&
    s.unit.block === first.unit.block &&
    s.unit.kind === 'sentence' &&
    !s.unit.attached;
  const inParagraph = new Map(pool.filter(sameParagraph).map((s) => [s.unit.position, s]));
  const from = first.unit.position;
  for (const s of support) {
    const gap = s.unit.position - from - 1;
    if (!sameParagraph(s) || gap < 1 || gap > RUN_GAP) continue;
    const between = Array.from({ length: gap }, (_, k) => inParagraph.get(from + 1 + k));
    // A sentence the writer may not quote (an aside, a question) breaks the run.
    if (between.some((u) => !u) || !between.some((u) => HINGE.test(u!.unit.text))) continue;
    const run = [...between.map((u) => u!.unit), s.unit];
    const taken = new Set(run);
    return {
      lead: [{ ...first, followedBy: run }],
      support: support.filter((x) => !taken.has(x.unit)),
    };
  }
  // "Embodiment is the cornerstone of Physical AI. It's the recognition that physical form shapes
  // intelligence.": a short lead says little alone, and the sentence right after it that leans on
  // it ("It …", "This …") says what the lead began. (Read after every lead, it cost the Beginner's
  // plainness more than it brought.)
  const next = inParagraph.get(from + 1);
  if (
    first.unit.words <= SHORT_LEAD_WORDS &&
    next &&
    !next.unit.aside &&
    traits(next.unit).leans &&
    next.overlap > 0
  )
    return {
      lead: [{ ...first, followedBy: [next.unit] }],
      support: support.filter((x) => x.unit !== next.unit),
    };
  return { lead, support };
}

/** A lead this short is read with the sentence after it that leans on it. */
const SHORT_LEAD_WORDS = 12;

/** A second unit within this share of the lead's score is as likely to be the answer. */
const CLOSE_CALL = 0.8;

/**
 * When the best two answers are a close call and come from different places (two passages, or two
 * paragraphs of one), the writer cannot tell which one the reader needs: the second is said right
 * after the lead, in its own words, rather than dropped for not naming the lead's subject.
 */
function closeSecond(
  leadUnit: ScoredUnit,
  lead: ScoredUnit[],
  onQuestion: ScoredUnit[],
  pool: ScoredUnit[],
  question: Question,
): ScoredUnit[] {
  if (leadUnit.score <= 0) return [];
  const inLead = new Set(lead.map((s) => s.unit));
  const second = onQuestion.find(
    (s) =>
      s !== leadUnit &&
      !inLead.has(s.unit) &&
      !(s.unit.intro && inLead.has(s.unit.intro)) &&
      s.unit.kind !== 'code' &&
      s.unit.kind !== 'formula' &&
      !(s.doc === leadUnit.doc && s.unit.block === leadUnit.unit.block) &&
      !isBareLeadIn(s.unit),
  );
  if (!second || second.score < CLOSE_CALL * leadUnit.score) return [];
  // Chunks overlap and pages repeat themselves: the same fact twice is no second answer.
  if (lead.some((l) => similarity(l.unit.terms, second.unit.terms) > 0.6)) return [];
  return expandLead(second, pool, question);
}

/**
 * Lists are read together: an item leads with its whole list, after the sentence that introduces
 * it ("Xacro adds three things:"); that sentence leads with its list.
 */
function expandLead(lead: ScoredUnit, pool: ScoredUnit[], question: Question): ScoredUnit[] {
  const own = (unit: Unit | undefined) => pool.find((s) => s.doc === lead.doc && s.unit === unit);
  // A one-word lead-in ("Disadvantages:") scores too low to be quoted alone, yet it says what its
  // items are: it comes along with them.
  const leadIn = lead.unit.intro && !lead.unit.intro.aside ? lead.unit.intro : undefined;
  const intro =
    lead.unit.introduces !== undefined
      ? lead
      : (own(leadIn) ?? (leadIn ? { ...lead, unit: leadIn, interest: undefined } : undefined));
  const block = intro ? intro.unit.introduces : lead.unit.kind === 'item' ? lead.unit.block : undefined;
  if (block === undefined) return [lead];
  const byPosition = (a: ScoredUnit, b: ScoredUnit) => a.unit.position - b.unit.position;
  const list = pool
    .filter((s) => s.doc === lead.doc && s.unit.block === block && s.unit.kind === 'item')
    .sort(byPosition);
  // Steps are read whole; a short list of facts too (one item out of "Pros: … Cons: …" misleads).
  const limit = question.type === 'procedure' || list[0]?.unit.ordered ? 12 : 6;
  if (list.length <= limit) return intro ? [intro, ...list] : list.length > 1 ? list : [lead];
  if (!intro) return [lead];
  // A long list: its lead-in with the items that answer, in the book's order.
  const best = [...list].sort((a, b) => b.score - a.score).slice(0, lead === intro ? 4 : 1);
  if (lead !== intro && !best.includes(lead)) best[0] = lead;
  return [intro, ...best.sort(byPosition)];
}

/** The subject the answer stays on: the question's subject words the lead holds, else the lead's rarest. */
function subjectTerms(lead: ScoredUnit[], question: Question): string[] {
  const held = new Set(lead.flatMap((s) => [...termsOf(s.unit)]));
  const subject = question.subject.filter((t) => held.has(t));
  return subject.length ? subject : question.terms.filter((t) => held.has(t));
}

/** A heading's content words hold at least half of the subject ("The PID law" for "PID controller"). */
function headingHoldsSubject(heading: Set<string> | undefined, subject: string[]): boolean {
  if (!heading || subject.length === 0) return false;
  const held = subject.filter((t) => heading.has(t)).length;
  return held > 0 && held * 2 >= subject.length;
}

/**
 * Support comes from the lead's own paragraph, or holds the lead's subject: in its own words, its
 * list's lead-in or the heading it sits under ("Memory: 2 GB" under "Kestrel-VLA" is Kestrel-VLA's).
 */
function staysOnSubject(s: ScoredUnit, subject: string[], lead: ScoredUnit): boolean {
  if (s.doc === lead.doc && Math.abs(s.unit.block - lead.unit.block) <= 1 && s.overlap > 0) return true;
  const terms = termsOf(s.unit);
  const intro = s.unit.intro?.terms;
  const heading = s.heading;
  const held = subject.filter((t) => terms.has(t) || intro?.has(t) || heading?.has(t)).length;
  // Elsewhere, a unit must name the subject: all of a one- or two-word subject, two thirds of a longer one.
  return subject.length > 0 && held * 3 >= Math.min(subject.length, 2) * 3 && held * 3 >= subject.length * 2;
}

/** Chunks overlap and pages repeat themselves: skip a unit whose words mostly repeat one already chosen. */
function dropNearDuplicates(kept: ScoredUnit[], candidates: ScoredUnit[]): ScoredUnit[] {
  const chosen = [...kept];
  const out: ScoredUnit[] = [];
  for (const c of candidates) {
    if (chosen.some((k) => similarity(k.unit.terms, c.unit.terms) > 0.6)) continue;
    chosen.push(c);
    out.push(c);
  }
  return out;
}

function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}
