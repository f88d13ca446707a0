/**
 * Text that is about the page rather than its subject: exercises, learning objectives, summaries,
 * references, figure captions and "next chapter" transitions. It repeats or points at the answer
 * without being it, so the writer never quotes it. Recognised by the wording textbooks in general
 * use for such sections and lines (any book, any subject), not by one book's headings.
 */

/** Headings of a section that lists where to read more: nothing after one in its section is content. */
const REFERENCE_HEADING = String.raw`references|bibliography|further (reading|information)|more (information|resources)|learn more|related (topics|pages|articles|reading)|external links|(additional |further |external )?resources|citations|sources|reading list|works cited|acknowledge?ments|see also|links`;

/**
 * Headings of practice for the reader to do: nothing below one is content, its own subsections
 * included ("Knowledge Check" › "Advanced Problems"). "Challenges" or "Hands-on" are left out here:
 * a subsection of those ("Challenges" › "Sim-to-Real Gap") may well state the book's subject.
 */
const PRACTICE_HEADING = String.raw`exercises?|problems?( set)?|quiz(zes)?|self[- ]?(check|test|assessment)s?|knowledge checks?|(check|test) your (understanding|knowledge)|review questions|questions( for (review|discussion))?|discussion questions|assignments?|homework|assessments?( (criteria|rubric))?|rubrics?`;

const ASIDE_HEADING = new RegExp(
  [
    // practice
    PRACTICE_HEADING,
    String.raw`practice|challenges?|hands[- ]on|try it( yourself)?|your turn|activit(y|ies)|lab( exercises?)?`,
    // objectives
    String.raw`(learning )?(objectives|outcomes|goals)|what you('ll| will) (learn|build|need)|in this (chapter|section|module|lesson|unit)|prerequisites`,
    // summaries
    String.raw`summary|recap|(key )?takeaways|conclusions?|wrap[- ]?up|key (points|ideas|concepts)|chapter review|in review|tl;?dr`,
    REFERENCE_HEADING,
    // transitions
    String.raw`next steps?|what'?s next|(the )?next (chapter|section|module|lesson)|coming up|looking ahead|up next`,
  ].join('|'),
  'i',
);

/** The heading's own words, without numbering ("3.4 Exercises", "Exercise 2: …", "📝 Summary"). */
function headingWords(heading: string): string {
  return (
    heading
      .replace(/^[^\p{L}]+/u, '')
      .replace(/[:.\-–—]\s.*$/, '')
      // "Final Assessment (Week 13)": a parenthesis after the heading's words says when or where.
      .replace(/\s*\([^()]*\)\s*$/, '')
      .replace(/[’]/g, "'")
      // "What's Next?", "Summary!": the heading's closing punctuation is no part of its words.
      .replace(/[\s?!.:]+$/, '')
      .trim()
  );
}

/**
 * Words that place such a section in the book's structure without changing what it is ("Chapter
 * Summary", "Practical Exercises", "Assessment Questions", "Module 3 Recap"). Only structural
 * words: "Key Challenges" or "Control Problems" name a subject and stay content.
 */
const STRUCTURAL_QUALIFIER = String.raw`(?:(?:chapter|section|module|lesson|unit|part|week)(?:\s+\d[\d.]*)?|weekly|practical|interactive|assessment|self[- ]?(?:assessment|study|check|test)|conceptual|reflection|review|comprehension|final|quick|brief|short|suggested|recommended|optional|bonus|end[- ]of[- ](?:chapter|module|lesson|unit))`;
/** Up to two such words ("Weekly Reflection Questions"). */
const QUALIFIERS = `(?:${STRUCTURAL_QUALIFIER}\\s+){0,2}`;
const ONE_ASIDE = `${QUALIFIERS}(?:${ASIDE_HEADING.source})(?:\\s+\\d+)?`;
/** One aside, or two joined ("References and Further Reading", "Summary & Next Steps"). */
const ASIDE_SECTION = new RegExp(`^${ONE_ASIDE}(?:\\s+(?:and|&)\\s+${ONE_ASIDE})?$`, 'i');
const ONE_REFERENCE = `${QUALIFIERS}(?:${REFERENCE_HEADING})`;
const REFERENCE_SECTION = new RegExp(`^${ONE_REFERENCE}(?:\\s+(?:and|&)\\s+${ONE_REFERENCE})?$`, 'i');
const ONE_PRACTICE = `${QUALIFIERS}(?:${PRACTICE_HEADING})(?:\\s+\\d+)?`;
/**
 * A heading whose subsections are aside as well: practice, or a list of sources. Not "Links" or
 * "Resources": "Links: Rigid Bodies" names a subject, and its subsections are content.
 */
const ONE_SOURCES = `${QUALIFIERS}(?:references|bibliography|further reading|works cited|reading list)`;
const ENCLOSING_ASIDE = new RegExp(
  `^(?:${ONE_PRACTICE}|${ONE_SOURCES})(?:\\s+(?:and|&)\\s+(?:${ONE_PRACTICE}|${ONE_SOURCES}))?$`,
  'i',
);

/** True when a section's own heading marks it as practice, objectives, summary, references or a transition. */
export function isAsideSection(headingPath: string[]): boolean {
  // The page title (first entry) names the subject; the section is the last heading below it.
  const section = headingPath.length > 1 ? headingPath.at(-1)! : (headingPath[0] ?? '');
  if (asideHeading(section) !== null) return true;
  // Below practice or references, every subsection is practice or references too.
  return headingPath.slice(1, -1).some((h) => ENCLOSING_ASIDE.test(headingWords(h)));
}

/**
 * What a heading (or a heading's words alone on a line) opens: an aside section, one of references
 * and further reading, or neither.
 */
export function asideHeading(heading: string): 'references' | 'aside' | null {
  const words = headingWords(heading);
  if (!ASIDE_SECTION.test(words)) return null;
  return REFERENCE_SECTION.test(words) ? 'references' : 'aside';
}

const CAPTION =
  /^(?:[*_]?(?:figure|fig\.|table|listing|diagram|image|illustration|photo)\s*\d[\d.]*[a-z]?[.:)\-–—]?\s|(?:figure|image|photo|caption|source|credit|alt)\s*:\s)/i;
/**
 * "Exercise: …", "Problem 3: …", "Task: Build …". "Problem: URDF is verbose" states the problem a
 * section solves: a numbered or imperative prompt is practice, a statement is content.
 */
const EXERCISE_LINE =
  /^(?:\*\*)?(?:(?:exercise|activity|quiz|lab|assignment)\s*[\d.]*|(?:problem|question|task|challenge|q)\s*\d[\d.]*[a-z]?)\s*[:.)–—-]|^(?:\*\*)?(?:problem|task|challenge)\s*[:–—-]\s*(?:\*\*)?\s*(?:create|write|build|implement|design|measure|modify|add|extend|compute|calculate|derive|explain|describe|compare|find|show|prove|use|try|run|train|simulate|plot|test|make|list|identify|sketch|estimate)\b/i;
/**
 * "Explain the role of DDS in ROS 2.", "Describe the lifecycle node concept", "Compare and contrast
 * topics and services": a line that tells the reader to explain or discuss is a study prompt or a
 * learning objective, wherever it stands. A book states its subject; it does not ask the reader to.
 */
const STUDY_PROMPT =
  /^(?:\d+[.)]\s*)?(?:explain|describe|discuss|compare and contrast|justify|reflect on|summari[sz]e)\b|\bin your own words\b/i;
const TRANSITION =
  /\b(?:in the (?:next|following|upcoming|previous|last) (?:chapter|section|module|lesson|part|unit|page)s?|(?:next|previous) (?:chapter|module|lesson|unit)\b|by the end of (?:this|the) (?:chapter|section|module|lesson|unit)|(?:this|the) (?:chapter|section|module|lesson|unit) (?:will )?(?:covers?|introduces?|explores?|walks you)|you(?:'ll| will) (?:learn|be able to|explore|build|discover)|we(?:'ll| will) (?:now )?(?:explore|look at|learn|cover|discuss|see|dive|build|examine)|let'?s (?:now |briefly |quickly |first |next )?(?:look at|take a look|see|start|dive|talk about|explore|review|recap|move on)|now that (?:you|we)(?:'ve| have)? (?:know|understand|seen|learned|covered|built|got))\b/i;
const UP_NEXT = /^(?:coming up|up next|next up|next,? (?:we|you)(?:'ll| will))\b/i;
const REFERENCE =
  /\bet al\.|\(\d{4}[a-z]?\)[.,]|\bdoi:|\barxiv\b|\bisbn\b|\bproceedings of\b|\bjournal of\b|\bvol\.\s*\d|\bpp\.\s*\d|^\[\d+\]\s/i;
/**
 * "(Kuindersma et al., 2016)", "(Brooks, 1991; Pfeifer and Bongard, 2006)": a prose sentence that
 * names its source in passing still states its fact; only an entry of a reference list is an aside.
 */
const IN_TEXT_CITATION =
  /\s*\((?:see |e\.g\.,? )?[A-Z][\p{L}'’-]+(?:(?:,| and| &) [A-Z][\p{L}'’-]+)*(?: et al\.?)?,? \d{4}[a-z]?(?:; [^()]{3,80})?\)/gu;
const BARE_LINK = /^(?:\S+:\s*)?<?https?:\/\/\S+>?$/;

/** A bibliography entry: split into "sentences" it would leave fragments behind, so it stays whole. */
export function isReferenceEntry(text: string): boolean {
  if (!REFERENCE.test(text)) return false;
  // Starts like an entry: "[3] …" or "Surname, I." — a paragraph that only cites one stays prose.
  return /^\[\d+\]\s/.test(text) || /^[A-Z][\w'’-]+,\s+(?:[A-Z]\.\s?)+/.test(text);
}

/** True for a line that is a caption, exercise prompt, reference entry, transition or question. */
export function isAsideText(text: string): boolean {
  const plain = text.replace(/\*\*|__/g, '').trim();
  return (
    CAPTION.test(plain) ||
    EXERCISE_LINE.test(plain) ||
    STUDY_PROMPT.test(plain) ||
    TRANSITION.test(plain) ||
    UP_NEXT.test(plain) ||
    REFERENCE.test(plain.replace(IN_TEXT_CITATION, '')) ||
    BARE_LINK.test(plain) ||
    // A question asks; it does not answer (rhetorical openers, quiz lines, FAQs' own questions).
    /\?["')\]]*$/.test(plain)
  );
}
