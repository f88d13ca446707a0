import { bareQuestion } from '../../retrieval/preamble.js';
import { memoized } from '../../memo.js';
import { compoundParts, contentTerms, stem } from '../../retrieval/terms.js';

/**
 * What kind of answer a question wants, read from how students word it. The writer leads with the
 * unit that fits: a definition, the steps, the number, the contrast, or the cause.
 */
export type QuestionType =
  | 'definition'
  | 'procedure'
  | 'quantity'
  | 'comparison'
  | 'reason'
  /** "Is X …?", "Can I …?", "Isn't it slow to …?": settled by a verdict. */
  | 'yesno'
  /** "Which X …?", "What kind of X …?": answered by naming one. */
  | 'choice'
  | 'general';

export interface Question {
  type: QuestionType;
  /** Content words of the whole question. */
  terms: string[];
  /** Content words of what is asked about ("a ROS 2 topic" in "What is a ROS 2 topic?"). */
  subject: string[];
  /**
   * For definitions scoped to a context ("a service in ROS 2", "an action in Redux"): the content
   * words of the thing itself (service, action), which a definition of it must name.
   */
  head?: string[];
  /** For comparisons: the content words of each side ("A vs B", "difference between A and B"). */
  sides: string[][];
  /** The reader asked for code or a formula, so even a Beginner gets it. */
  wantsCode: boolean;
  /**
   * For "how long / how fast / how big / how much" questions: what the number measures; "when did
   * / will …" asks for a date, "which version …" for a version number.
   */
  measure?: 'duration' | 'rate' | 'size' | 'amount' | 'date' | 'version';
  /**
   * "Roughly how long …", "about how many …": an approximate figure is asked for. ("Usually" is not
   * among the words: "how many joints does an arm usually have" asks what is common, of the arm.)
   */
  approximate: boolean;
  /**
   * For "why" questions: one that asks why something fails or falls short ("why can't lidar see
   * glass", "why are pneumatic actuators bad at …") is answered by its drawbacks.
   */
  stance?: 'against';
}

const COMPARISON =
  /\b(?:differences?|differ|compare[ds]?|comparison|versus|vs\.?|better|worse|faster|slower|instead of|rather than|pros and cons|trade-?offs?|similar(?:ities)?|distinguish|contrast|unlike|which (?:one|is (?:better|faster|more)))\b/i;
const REASON =
  /^(?:why|how come|what (?:is|are) the (?:reasons?|causes?|purpose|point|benefits?|advantages?)|for what reason)\b|\b(?:why|cause[sd]?|because|reason|purpose|motivat\w*|benefits?)\b/i;
/** "When did / will …", "what year …", "when does X reach end of life": a date is asked for. */
const DATE_ASKED =
  /\bwhen (?:did|was|were|will)\b|\b(?:what|which) year\b|\bsince when\b|\bwhen\b.*\b(?:end[- ]of[- ]life|released?|coming out|come out|deprecated|removed|introduced)\b/i;
/** "What iOS version …", "which Node version …": a version number is asked for. */
const VERSION_ASKED = /\b(?:what|which) (?:[\w.+-]+ ){0,2}versions?\b/i;
const QUANTITY =
  /^(?:how (?:many|much|long|fast|far|big|large|small|high|often|heavy|quick(?:ly)?)|what (?:is|are) the (?:default|value|size|rate|frequency|number|range|limit|maximum|minimum|resolution|speed|latency|cost|price|accuracy|precision|dimensions?|units?))\b|\b(?:default(?:s| value)?|how (?:many|much|often|long)|what (?:rate|frequency|value|version|port|size)|maximum|minimum|at most|at least|threshold|in (?:hz|ms|seconds|meters|degrees))\b/i;
const PROCEDURE =
  /^(?:how (?:do|can|should|would|to|does one)|what (?:are )?the steps|steps? to|walk me through|show me how|guide)\b|\b(?:install|set ?up|configure|create|build|run|launch|write|implement|deploy|start|enable|connect|calibrate|debug|fix)\b.*\b(?:how|steps?)\b|^(?:install|set ?up|configure|create|build|run|launch|write|implement)\b/i;
const DEFINITION =
  /^(?:what(?:'s|s| is| are| was| were) (?:an? |the )?|what does .+ (?:mean|stand for|do)\b|define|definition of|meaning of|who (?:is|are|was)|tell me (?:about|what))|\b(?:what is meant by|stands? for|is called|refers? to)\b/i;
/** A question opened by an auxiliary verb asks for yes or no. */
const YES_NO =
  /^(?:is|are|was|were|am|can|could|should|shall|does|do|did|will|would|must|may|might|has|have|had|isn't|aren't|wasn't|can't|cannot|couldn't|shouldn't|doesn't|don't|didn't|won't|wouldn't|hasn't|haven't)\b/i;
const CHOICE = /^(?:which|what (?:kind|type|sort|types|kinds) of)\b/i;
const APPROXIMATE = /\b(?:roughly|approximately|ballpark|more or less)\b|\b(?:about|around) how\b/i;
const CODE_WORDS =
  /\b(?:code|snippet|example code|script|command|syntax|formula|equation|math|derivation|implementation)\b/i;

/** Readings kept: a few per query in flight (the question, its last line, its parts). */
const READINGS_KEPT = 64;

/**
 * How a question reads: its type, subject, sides and measure. One query reads its question several
 * times (retrieval, the compound-question split, the writer), so the readings of the questions in
 * flight are remembered, frozen and shared. Few are kept: enough for the queries being answered at
 * once, not a cache of past questions (a benchmark's rotating question set finds none of its own).
 */
export const readQuestion: (query: string) => Question = memoized(readQuestionOnce, READINGS_KEPT);

function readQuestionOnce(query: string): Question {
  // "Isn’t it slow …?" is typed with a typographic apostrophe as often as with a straight one.
  const text = bareQuestion(query.trim().replace(/[‘’]/g, "'"));
  const type = questionType(text);
  const subject = subjectPhrase(text, type);
  return {
    type,
    terms: contentTerms(text),
    subject: namedOnce(contentTerms(subject)),
    head: type === 'definition' ? scopedHead(subject) : undefined,
    sides: type === 'comparison' ? comparedSides(text) : [],
    wantsCode: CODE_WORDS.test(text),
    measure: type === 'quantity' ? measureOf(text) : undefined,
    approximate: APPROXIMATE.test(text),
    stance: type === 'reason' ? stanceOf(text) : undefined,
  };
}

/** "Why can't …", "why is X so bad at …", "why does X fail …": a shortcoming is asked about. */
const AGAINST =
  /\b(?:can't|cannot|can not|couldn't|doesn't|does not|don't|do not|isn't|is not|aren't|are not|won't|wouldn't|shouldn't|should not|fail(?:s|ed|ing)?|bad|worse|worst|poor(?:ly)?|struggles?|unreliable|inaccurate|imprecise|hard to|difficult to)\b/i;
function stanceOf(text: string): Question['stance'] {
  return AGAINST.test(text) ? 'against' : undefined;
}

/**
 * A glued name ("ros2") comes with its parts (ros, 2): the subject names it by its parts alone, as
 * "ROS 2" would, so a book that writes "ros2" only in its commands does not make the glued form the
 * subject's rarest word (what a definition of the subject must name).
 */
function namedOnce(terms: string[]): string[] {
  const held = new Set(terms);
  return terms.filter((t) => {
    const parts = compoundParts(t);
    return parts.length < 2 || !parts.every((p) => held.has(stem(p)));
  });
}

function measureOf(text: string): Question['measure'] {
  if (
    /\bhow (?:long|often)\b(?! (?:is|are) (?:the|a|an)? ?(?:\w+ )?(?:cable|arm|leg|link|wire))|\b(?:duration|runtime|how much time|latency)\b/i.test(
      text,
    )
  )
    return 'duration';
  if (/\bhow (?:fast|quick(?:ly)?)\b|\b(?:rate|frequency|speed|throughput)\b/i.test(text)) return 'rate';
  if (/\bhow (?:big|large|small|heavy|tall|far|wide|high)\b|\b(?:weight|size|mass|dimensions?)\b/i.test(text))
    return 'size';
  if (/\bhow much (?:does|do|is|are|would|will)\b.*\b(?:cost|price)|\b(?:cost|price|budget)\b/i.test(text))
    return 'amount';
  if (DATE_ASKED.test(text)) return 'date';
  if (VERSION_ASKED.test(text)) return 'version';
  return undefined;
}

function questionType(text: string): QuestionType {
  if (/^why\b/i.test(text)) return 'reason';
  if (COMPARISON.test(text)) return 'comparison';
  if (QUANTITY.test(text) || DATE_ASKED.test(text) || VERSION_ASKED.test(text)) return 'quantity';
  if (PROCEDURE.test(text)) return 'procedure';
  if (REASON.test(text)) return 'reason';
  if (DEFINITION.test(text)) return 'definition';
  // Only questions no other form claims: "Does ROS stand for …?" stays a definition.
  if (YES_NO.test(text)) return 'yesno';
  if (CHOICE.test(text)) return 'choice';
  return 'general';
}

/** The words after the question's opening: "What is a ROS 2 topic?" → "a ROS 2 topic". */
function subjectPhrase(text: string, type: QuestionType): string {
  const stripped = text.replace(/[?!.]+$/, '');
  if (type === 'quantity') {
    // "How many degrees of freedom does a human arm have?": the arm is the subject, not the unit.
    const owner =
      /^how (?:many|much) .+? (?:does|do|did|is|are|was|were|can|will|should) (.+?)(?:\s+(?:have|has|use|uses|need|needs|take|takes|run|runs|add|adds|get|gets|support|supports|hold|holds|cost|costs))?$/i.exec(
        stripped,
      );
    if (owner) return owner[1]!;
  }
  if (type === 'procedure') {
    const how = /^how (?:do|can|should|would|does) (?:i|we|you|one) (.+)$|^how to (.+)$/i.exec(stripped);
    if (how) return (how[1] ?? how[2])!;
  }
  if (type === 'yesno') {
    // "Can I use Redux with Vue?" is about using Redux with Vue; "Isn't it slow to …" about the rest.
    const rest = /^\S+\s+(?:(?:i|we|you|one|it|there|this|that)\s+)?(.+)$/i.exec(stripped);
    if (rest) return rest[1]!;
  }
  if (type === 'definition') {
    const what =
      /^(?:what(?:'s|s| is| are| was| were)|define|definition of|meaning of|who (?:is|are|was)|tell me (?:about|what))\s+(.*)$/i.exec(
        stripped,
      );
    if (what) return what[1]!.replace(/\b(?:mean|stand for|do|used for)$/i, '');
    const does = /^what does (.+) (?:mean|stand for|do)$/i.exec(stripped);
    if (does) return does[1]!;
  }
  return stripped;
}

/** "a service in ROS 2" → service: what comes before "in / within / inside / for / when using". */
function scopedHead(subject: string): string[] | undefined {
  const scoped = /^(.+?)\s+(?:in|within|inside|for|when using|with)\s+\S/i.exec(subject.trim());
  if (!scoped) return undefined;
  const head = contentTerms(scoped[1]!);
  return head.length > 0 ? head : undefined;
}

/** "the difference between A and B", "A vs B", "A or B": the two things compared. */
function comparedSides(text: string): string[][] {
  const stripped = text.replace(/[?!.]+$/, '');
  const between = /\bbetween (.+?) and (.+)$/i.exec(stripped);
  const versus =
    /(.+?)\s+(?:vs\.?|versus|compared (?:to|with)|or|instead of|rather than|unlike)\s+(.+)$/i.exec(stripped);
  const pair = between ?? versus;
  if (!pair) return [];
  const lastWords = (s: string) => contentTerms(s).slice(-3);
  const sides = [lastWords(pair[1]!), contentTerms(pair[2]!).slice(0, 3)];
  return sides.every((s) => s.length > 0) ? sides : [];
}

/**
 * "What is integral windup and how do I fix it?": the parts of a compound question, each asked on
 * its own; a part that only points back ("fix it") borrows the first part's subject. One part for
 * an ordinary question.
 */
export function questionParts(query: string): Question[] {
  const text = query.trim().replace(/[‘’]/g, "'");
  const split =
    /^(.+?)[,;]?\s+and\s+((?:how|what|why|which|when|where|is|are|do|does|can|should|could|would)\b.+)$/i.exec(
      text,
    );
  const first = split ? readQuestion(split[1]!) : undefined;
  if (!split || !first || first.subject.length === 0) return [readQuestion(text)];
  const second = readQuestion(split[2]!);
  if (second.terms.length === 0) return [readQuestion(text)];
  const borrowed = first.subject.filter((t) => !second.terms.includes(t));
  const pointsBack = /\b(?:it|its|this|that|they|them|these|those)\b/i.test(split[2]!);
  return [
    first,
    pointsBack || second.subject.length === 0
      ? { ...second, terms: [...second.terms, ...borrowed], subject: [...second.subject, ...borrowed] }
      : second,
  ];
}
