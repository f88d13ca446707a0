import { contentTerms } from '../../retrieval/terms.js';
import type { GeneratedCitation, Level, SearchHit } from '../../types.js';
import { DEFINITION_LABEL, type Glossary } from './glossary.js';
import { LEVEL_SHAPES, type LevelShape } from './level-shapes.js';
import {
  everydayWords,
  formulaInWords,
  readingEase,
  spokenInline,
  liftEntryRelative,
  splitLong,
  withoutAsides,
  withoutCitations,
} from './plain-words.js';
import { isShellCode, tableRowFor, type ScoredUnit, type Selection } from './select.js';
import type { Question } from './question.js';
import { sentencesOf, type Unit } from './units.js';

/**
 * Numbers sources in the order the answer first uses them, so [1] is always the first marker a
 * reader meets. Passages with the same URL share a number.
 */
class CitationMarkers {
  private readonly byUrl = new Map<string, number>();
  readonly citations: GeneratedCitation[] = [];

  constructor(private readonly documents: SearchHit[]) {}

  marker(docIndex: number): string {
    const doc = this.documents[docIndex];
    if (!doc) return '';
    let n = this.byUrl.get(doc.payload.url);
    if (n === undefined) {
      this.citations.push({ documentIndex: docIndex });
      n = this.citations.length;
      this.byUrl.set(doc.payload.url, n);
    }
    return `[${n}]`;
  }
}

export interface ComposeInput {
  level: Level | 'default';
  question: Question;
  selection: Selection;
  documents: SearchHit[];
  glossary?: Glossary;
  selectedText?: string;
  /** The conversation's earlier answers (oldest first): a term they defined is not defined again. */
  earlierAnswers?: string[];
}

export interface Composed {
  text: string;
  citations: GeneratedCitation[];
}

export function composeAnswer(input: ComposeInput): Composed {
  const shape = LEVEL_SHAPES[input.level];
  const markers = new CitationMarkers(input.documents);
  const cite = (s: ScoredUnit) => markers.marker(s.doc);
  const parts: string[] = [];
  if (input.selectedText) parts.push(`You highlighted: “${excerpt(input.selectedText, 160)}”`);
  const { lead, support, blocks } = input.selection;
  const plain = shape.plainWords && !input.question.wantsCode;

  let chosenSupport = supportFor(support, shape);
  if (input.level === 'Beginner') {
    const { lines, moved } = wordsToKnow(input, lead, chosenSupport);
    if (lines.length) parts.push(lines.join('\n'));
    // A supporting sentence that defines a term the answer uses is said first, among the words to know.
    chosenSupport = chosenSupport.filter((s) => !moved.has(plainText(s.unit.text)));
  }
  parts.push(renderLead(lead, input.question, shape, plain, cite));
  // A compound question's second part is answered next, by its own lead.
  if (input.selection.also?.length)
    parts.push(renderLead(input.selection.also, input.question, shape, plain, cite));
  const [introducing, prose] = partition(chosenSupport, (s) => s.unit.attached !== undefined);
  if (prose.length) {
    const inLead = new Set(lead.map((s) => s.unit));
    const lines = byIntro(prose, inLead).map((s) =>
      withMarker(
        asStatement(
          sayUnit(s.unit, shape, { subjectName: s.headingText, questionTerms: input.question.subject }),
        ),
        cite(s),
      ),
    );
    parts.push(shape.bullets ? lines.map((l) => `- ${l}`).join('\n') : lines.join(' '));
  }
  // A sentence that introduces a formula, code or a table keeps its block right after it.
  for (const s of introducing) parts.push(`${withMarker(s.unit.text, cite(s))}\n\n${s.unit.attached!.text}`);
  const introduced = new Set(introducing.map((s) => s.unit.attached));
  for (const block of chooseBlocks(lead, blocks, shape, input.question).filter(
    (b) => !introduced.has(b.unit),
  )) {
    parts.push(
      `${block.unit.kind === 'code' ? 'Code' : block.unit.kind === 'table' ? 'Table' : 'Formula'} ${cite(block)}:\n\n${block.unit.text}`,
    );
  }
  // A Beginner's comparison gets the table's rows for each side said in words, not the table.
  const table = blocks.find((b) => b.unit.kind === 'table' && b.doc === lead[0]?.doc);
  if (plain && input.question.type === 'comparison' && table && lead[0]?.unit.kind !== 'table')
    parts.push(withMarker(rowInWords(table.unit, input.question), cite(table)));
  const interest = [...lead, ...chosenSupport].find((s) => s.interest)?.interest;
  if (interest) parts.push(`This part of the book bears on ${interest}, one of your interests.`);
  return { text: parts.filter(Boolean).join('\n\n'), citations: markers.citations };
}

/** The answering unit, at every level: the same fact, written for the reader. */
function renderLead(
  lead: ScoredUnit[],
  question: Question,
  shape: LevelShape,
  plain: boolean,
  cite: (s: ScoredUnit) => string,
): string {
  const [first] = lead;
  if (!first) return '';
  if (lead.length > 1) {
    // A lead-in sentence, then its list: "Xacro adds three things [1]:\n- …".
    const head = first.unit.introduces !== undefined ? first : undefined;
    const items = head ? lead.slice(1) : lead;
    const ordered = items[0]?.unit.ordered;
    // The item that answers keeps its words at every level; a Beginner gets the others said plainly.
    const answering = items.reduce((best, s) => (s.score > best.score ? s : best), items[0]!);
    const lines = items.map(
      (s, i) =>
        `${ordered ? `${i + 1}.` : '-'} ${withMarker(sayUnit(s.unit, shape, { keepWords: s === answering || ordered, subjectName: s.headingText, questionTerms: question.subject }), !head && i === 0 ? cite(s) : '')}`,
    );
    return head
      ? `${withMarker(asLeadIn(sayUnit(head.unit, shape, { keepWords: true, subjectName: head.headingText })), cite(head))}\n${lines.join('\n')}`
      : lines.join('\n');
  }
  const unit = first.unit;
  if (unit.kind === 'table') {
    // A table alone is introduced, not followed by a lone marker: by its section's name when that
    // names what was asked ("Print Width [1]:"), as "Table [1]:" otherwise.
    if (!plain) {
      const named = first.heading?.size && question.subject.some((t) => first.heading!.has(t));
      return `${withMarker(`${named ? first.headingText : 'Table'}:`, cite(first))}\n\n${unit.text}`;
    }
    return withMarker(rowInWords(unit, question), cite(first));
  }
  // The rest of its paragraph's run keeps its words too: the answering sentence is as often the
  // hinge as the lead (a Beginner still gets them split).
  const said = withMarker(
    [...(first.precededBy ?? []), unit, ...(first.followedBy ?? [])]
      .map((u) => sayUnit(u, shape, { keepWords: true, subjectName: first.headingText }))
      .join(' '),
    cite(first),
  );
  const block = unit.attached;
  // A lead-in whose block is not shown ends as a statement, not with a dangling colon.
  const alone = said.replace(/:(["')\]*_]*)$/, '.$1');
  if (!block) return alone;
  if (plain && block.kind === 'code' && !isShortCommand(block, question)) return alone;
  if (plain && block.kind === 'table') return alone;
  if (block.kind === 'formula' && plain) return `${said} ${formulaInWords(block.text.replace(/\$\$/g, ''))}.`;
  // (A Beginner's short command was let through above: it is the answer to "how do I …".)
  if (block.kind === 'code' && !plain && block.text.split('\n').length > shape.maxCodeLines) return alone;
  return `${said}\n\n${block.text}`;
}

/**
 * Items of an introduced list said on their own need their lead-in, once: "A slice reducer must
 * follow these rules: It must never return undefined; it must be pure."
 */
function byIntro(support: ScoredUnit[], inLead: Set<Unit>): ScoredUnit[] {
  const out: ScoredUnit[] = [];
  const grouped = new Map<Unit, { at: number; items: Unit[] }>();
  for (const s of support) {
    const intro = s.unit.intro;
    if (!intro || inLead.has(intro)) {
      out.push(s);
      continue;
    }
    const group = grouped.get(intro);
    if (group) group.items.push(s.unit);
    else {
      grouped.set(intro, { at: out.length, items: [s.unit] });
      out.push(s);
    }
  }
  for (const [intro, { at, items }] of grouped) {
    // Said in the book's order.
    items.sort((a, b) => a.position - b.position);
    const said = items
      .map((u, i) => (i === 0 ? u.text : u.text.replace(/[.!]$/, '')))
      // Items written to run on ("- 3 numbers for the position,") end without their comma.
      .map((t) => t.replace(/[.!,;]$/, ''));
    const text = `${asLeadIn(intro.text)} ${said.join('; ')}.`;
    const words = intro.words + items.reduce((n, u) => n + u.words, 0);
    out[at] = { ...out[at]!, unit: { ...out[at]!.unit, text, words } };
  }
  return out;
}

/** One unit in the level's words: Beginners get short plain sentences, the others the book's own. */
function sayUnit(
  unit: Unit,
  shape: LevelShape,
  options: { keepWords?: boolean; subjectName?: string; questionTerms?: string[] } = {},
): string {
  const text = unit.text.replace(/^\[[ x]\]\s+/, '');
  if (!shape.plainWords) return text;
  const labelled = plainLabel(spokenInline(text), options.subjectName, options.keepWords ?? false);
  // The answering sentence keeps its words (the fact must survive), but it is still split when long
  // and loses its citations: where a statement comes from is not part of it.
  const spoken = options.keepWords
    ? withoutCitations(labelled)
    : everydayWords(withoutAsides(labelled, options.questionTerms));
  return sentencesIn(spoken)
    .flatMap((sentence) => splitLong(sentence, { keepVerbs: options.keepWords }))
    .join(' ');
}

/** A run of a paragraph's sentences is split one sentence at a time. */
function sentencesIn(text: string): string[] {
  if (!/[.!?]\s+\S/.test(text)) return [text];
  return sentencesOf(text);
}

/** "Label: value", the way list-heavy books write a fact. */
const LABEL_LINE = /^([A-Z][^:]{0,40}?)\s*:\s+(\S.*)$/;
const DEFINES = /^(?:(?:formal|simple|short|working|basic)\s+)?(?:definition|meaning|what it is|in short)$/i;
const MAIN_IDEA = /^(?:(?:core|key|main|basic|big|central)\s+)?(?:idea|concept|principle|essence)$/i;

/**
 * A Beginner reads "Definition: Using body structure to …" under "Morphological Computation" as
 * "Morphological Computation means using body structure to …": the section's subject is named,
 * the book's words kept. Elsewhere a label before a whole sentence ("Scientific Understanding:
 * Building … advances …") is dropped unless the words must be kept.
 */
export function plainLabel(text: string, subjectName: string | undefined, keepWords: boolean): string {
  const match = LABEL_LINE.exec(text);
  if (!match) return text;
  const [, label, value] = match as unknown as [string, string, string];
  if (subjectName && !/[:?]/.test(subjectName)) {
    if (DEFINES.test(label)) return `${subjectName} means ${lowerFirst(value)}`;
    if (MAIN_IDEA.test(label)) return `The main idea of ${subjectName}: ${lowerFirst(value)}`;
  }
  const sentence = /^[A-Z](?:[a-z]|\s)/.test(value) && value.split(/\s+/).length >= 6 && /[.!]$/.test(value);
  return sentence && !keepWords ? value : text;
}

/** "Using body structure" → "using body structure"; "ROS 2 nodes" stays as it is. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/**
 * The quality an adjective of a question asks about, by the noun a table's row is labelled with:
 * "How fast is A compared with B?" is answered by the "Speed" row when A and B are its columns.
 */
const QUALITY_OF: Record<string, string> = Object.fromEntries(
  (
    [
      [['fast', 'faster', 'fastest', 'slow', 'slower', 'quick', 'quicker'], 'speed'],
      [['cheap', 'cheaper', 'expensive', 'costly'], 'cost price'],
      [['heavy', 'heavier', 'light', 'lighter'], 'weight'],
      [['big', 'bigger', 'large', 'larger', 'small', 'smaller'], 'size'],
      [['tall', 'taller', 'short', 'shorter'], 'height'],
      [['accurate', 'precise'], 'accuracy precision'],
      [['long', 'longer'], 'length duration'],
    ] as const
  ).flatMap(([adjectives, nouns]) => adjectives.flatMap((a) => contentTerms(a).map((t) => [t, nouns]))),
);

/**
 * A comparison whose sides are a table's columns ("Gazebo | Isaac Sim"): the row the rest of the
 * question names, said for each side, or undefined when no row is named.
 */
function columnsInWords(unit: Unit, question: Question): string | undefined {
  const header = unit.header ?? [];
  const columns = header
    .map((cell, i) => ({ i, terms: contentTerms(cell) }))
    .filter((c) => c.i > 0 && c.terms.length > 0)
    .filter((c) => question.sides.some((side) => c.terms.every((t) => side.includes(t))));
  if (columns.length < 2) return undefined;
  const named = new Set(columns.flatMap((c) => c.terms));
  const rest = question.terms.filter((t) => !named.has(t));
  const wanted = [...rest, ...rest.flatMap((t) => contentTerms(QUALITY_OF[t] ?? ''))];
  const index = tableRowFor(unit, { ...question, subject: wanted });
  if (index === undefined) return undefined;
  const row = unit.rows![index]!.cells;
  return `For ${row[0]}, ${columns.map((c) => `${header[c.i]}: ${row[c.i] ?? ''}`).join('; ')}.`;
}

/** "Which port does X use?" against a table: the row that holds X, said as a sentence. */
function rowInWords(unit: Unit, question: Question): string {
  const byColumns = question.sides.length ? columnsInWords(unit, question) : undefined;
  if (byColumns) return byColumns;
  const header = unit.header ?? [];
  // A comparison is said row by row, one sentence for each side it names.
  const sides = question.sides.length ? question.sides : [question.subject];
  const indexes = [
    ...new Set(
      sides.map((side) => tableRowFor(unit, { ...question, subject: side })).filter((i) => i !== undefined),
    ),
  ];
  if (indexes.length === 0) indexes.push(tableRowFor(unit, question) ?? 0);
  return indexes
    .map((index) => {
      const row = unit.rows?.[index]?.cells ?? [];
      const pairs = row.slice(1).map((cell, i) => `${header[i + 1] ?? 'value'}: ${cell}`);
      return `For ${row[0] ?? 'this case'}, ${pairs.join('; ')}.`;
    })
    .join(' ');
}

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((i) => !test(i))];
}

/**
 * Support the level takes: lead-ins with their block only where blocks are shown (Advanced, or
 * code the question asks for); Beginners prefer the shorter of equally relevant sentences.
 */
function supportFor(support: ScoredUnit[], shape: LevelShape): ScoredUnit[] {
  const fitting = support.filter(
    (s) =>
      !s.unit.attached || (shape.technical && s.unit.attached.text.split('\n').length <= shape.maxCodeLines),
  );
  if (!shape.plainWords) return fitting.slice(0, shape.support);
  // Beginners get the same most relevant supporting facts as other readers, topped up with the
  // plainest of the rest where some of those were too hard (the selection holds more than a level
  // takes), said in the order of relevance; the longest are left out (split, they would still be a
  // paragraph of their own), and plainness comes as well from how they are said (sayUnit). A
  // supporting sentence harder than college prose, said plainly or not, is left out, unless the
  // answer would be its lead alone: the best of them then stays.
  const short = fitting.filter((s) => s.unit.words <= 40);
  const ease = new Map(short.map((s) => [s, readingEase(sayUnit(s.unit, shape))]));
  const plainEnough = short.filter((s) => ease.get(s)! >= shape.minSupportEase);
  // The most relevant first ("odom: continuous and smooth, but drifts over time" for "map frame vs
  // odom frame?": the fact the answer rests on is often the second or third), then as many of the
  // plainest of the rest as the level's count leaves room for, held to a plainer bar.
  const relevant = [...plainEnough].sort((a, b) => b.score - a.score).slice(0, shape.support);
  const plainest = new Set([
    ...relevant,
    ...plainEnough
      .filter((s) => !relevant.includes(s) && ease.get(s)! >= shape.minAddedSupportEase)
      .sort((a, b) => ease.get(b)! - ease.get(a)!)
      .slice(0, shape.support - relevant.length),
  ]);
  if (plainest.size === 0 && short[0]) plainest.add(short[0]);
  return short.filter((s) => plainest.has(s));
}

/** A how-to answered by a command: a few lines of shell a Beginner can type. */
function isShortCommand(block: Unit, question: Question): boolean {
  if (question.type !== 'procedure' || !isShellCode(block)) return false;
  // A command is typed at a shell; a YAML file or a Python class is code a Beginner is spared.
  // Comments and blank lines between the commands are read, not typed.
  const commands = block.text
    .split('\n')
    .slice(1, -1)
    .filter((l) => l.trim() && !/^\s*#/.test(l));
  return commands.length <= 8 && block.text.split('\n').length <= 24;
}

/** Formulas, code and tables for the levels that take them, whole or not at all. */
function chooseBlocks(lead: ScoredUnit[], blocks: ScoredUnit[], shape: LevelShape, question: Question) {
  const shown = new Set(lead.map((s) => s.unit.attached).filter(Boolean));
  const fresh = blocks.filter((b) => !shown.has(b.unit) && !lead.some((l) => l.unit === b.unit));
  if (shape.plainWords) {
    // Beginners get code only when the question asks how to do something a command does.
    return question.wantsCode || question.type === 'procedure'
      ? fresh.filter((b) => isShortCommand(b.unit, question) && b.doc === lead[0]?.doc).slice(0, 1)
      : [];
  }
  const procedure = question.type === 'procedure' && shown.size === 0 ? 1 : 0;
  const allow = Math.max(shape.blocks, question.wantsCode ? 1 : 0, procedure);
  if (allow === 0) return [];
  return fresh
    .filter((b) => b.unit.kind !== 'code' || b.unit.text.split('\n').length <= shape.maxCodeLines)
    .filter((b) => b.unit.kind !== 'table' || shape.technical || question.type !== 'definition')
    .slice(0, allow);
}

/**
 * Beginners meet the answer's terms defined first, in the book's own words: up to two terms the
 * lead and its support use that the book defines elsewhere (a glossary entry or a definitional
 * sentence), except a definition the answer already quotes.
 */
function wordsToKnow(
  input: ComposeInput,
  lead: ScoredUnit[],
  support: ScoredUnit[],
): { lines: string[]; moved: Set<string> } {
  const moved = new Set<string>();
  if (!input.glossary) return { lines: [], moved };
  const chosen = [...lead, ...support];
  const quoted = new Set(
    lead
      .flatMap((s) => [...(s.precededBy ?? []), s.unit, ...(s.followedBy ?? [])])
      .map((u) => plainText(u.text)),
  );
  const inSupport = new Set(support.map((s) => plainText(s.unit.text)));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const s of chosen) {
    // Only words the answer keeps: a Beginner's answer drops "(such as Redux Thunk)".
    const kept =
      input.level === 'Beginner'
        ? contentTerms(withoutAsides(s.unit.text, input.question.subject))
        : [...s.unit.terms];
    for (const definition of input.glossary.termsIn(kept)) {
      const key = definition.terms.join(' ');
      if (seen.has(key) || quoted.has(definition.text) || out.length >= 2) continue;
      if (definedEarlier(input.earlierAnswers, definition.term)) continue;
      if (onlyInCompounds(s.unit.text, definition.term)) continue;
      seen.add(key);
      if (inSupport.has(definition.text)) moved.add(definition.text);
      const { label, body } = entryParts(
        definition.term,
        spokenInline(everydayWords(withoutAsides(definition.text))),
      );
      const sentences = splitLong(body);
      // A glossary's "A virtual replica of a physical system that maintains …" is said in two.
      const said = (sentences.length === 1 && liftEntryRelative(body)) || sentences;
      out.push(`- **${label}**: ${said.join(' ')}`);
    }
  }
  return { lines: out.length ? ['Words to know:', ...out] : [], moved };
}

/**
 * "**ROS 2**: The flexible framework …": an entry that names its term first ("ROS 2 (Robot
 * Operating System 2): The flexible …") loses the name it would repeat; the name's expansion in
 * parentheses joins the term. "Definition: The capability that …" under the term's heading loses
 * its label, which says nothing more.
 */
export function entryParts(term: string, text: string): { label: string; body: string } {
  const label = /^([^:]{2,20}):\s*/.exec(text);
  const definition = label && DEFINITION_LABEL.test(label[1]!.trim()) ? text.slice(label[0].length) : text;
  const named = new RegExp(`^\\**${escape(term)}\\**(\\s*\\([^()]+\\))?\\**\\s*[:—–-]\\s*`, 'i').exec(
    definition,
  );
  if (!named) return { label: term, body: definition };
  return { label: `${term}${named[1] ?? ''}`, body: definition.slice(named[0].length) };
}

/** An earlier answer of the conversation already listed the term among its words to know. */
function definedEarlier(answers: string[] | undefined, term: string): boolean {
  if (!answers?.length) return false;
  const line = new RegExp(`^- \\*\\*${escape(term)}\\*\\*:`, 'im');
  return answers.some((a) => line.test(a));
}

/**
 * "Open X-Embodiment", "TF-Agents": the term's words only inside another name, joined to it by a
 * hyphen ("7-DOF arm" does use DOF), so the answer does not use the term itself. A term the text
 * holds only inflected ("normalized" for normalization) is left to the glossary's own match.
 */
function onlyInCompounds(text: string, term: string): boolean {
  const pattern = new RegExp(`\\b${escape(term).replace(/\s+/g, '[\\s-]+')}`, 'gi');
  const plain = plainText(text);
  const found = [...plain.matchAll(pattern)];
  return found.length > 0 && found.every((m) => /[A-Za-z]-$/.test(plain.slice(0, m.index)));
}

function plainText(text: string): string {
  return text.replace(/\*\*([^*]+)\*\*/g, '$1');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A statement whose list or block is not shown ends with a full stop, not a dangling colon. */
function asStatement(text: string): string {
  return text.replace(/:(["')\]*_]*)$/, '.$1');
}

/** The marker goes before the closing punctuation: "… a body [1]." */
/** A list's lead-in ends with its colon, a heading line that heads the list too ("G5 Instance Family:"). */
function asLeadIn(text: string): string {
  return /:["')\]*_]*$/.test(text) ? text : `${text}:`;
}

export function withMarker(text: string, marker: string): string {
  if (!marker) return text;
  const end = /([.!?:;]+)([”"')\]*_]*)$/.exec(text);
  if (!end) return `${text} ${marker}.`;
  return `${text.slice(0, end.index)} ${marker}${end[1] === ';' ? '.' : end[1]}${end[2]}`;
}

function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max).replace(/\s+\S*$/, '')}…`;
}
