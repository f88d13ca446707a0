/**
 * The evaluation's own judgement of which book text is not answer material: exercises, learning
 * objectives, summaries, references, "next chapter" transitions, and figure or table captions.
 * It is a measuring stick for the answer writer, kept in bench/ so production code cannot lean on it.
 */
const NON_CONTENT_HEADING =
  /\b(exercises?|practice (problems|questions)|quiz(zes)?|review questions|self[- ]assessment|self[- ]study|knowledge checks?|check your understanding|(conceptual|discussion|reflection) questions|assessments?|homework|learning (objectives|outcomes|goals)|objectives|what you('| wi)ll learn|prerequisites|summary|key takeaways|takeaways|recap|conclusions?|references|bibliography|citations|further reading|additional resources|resources|next steps|what's next|up next|next (chapter|module|lesson))\b/i;

const CAPTION = /^(figure|fig\.|table|diagram)\s*\d+(\.\d+)*\s*[:.-]/i;

/** A section is non-content when its own heading (not the page title) names such a section. */
export function isNonContentSection(headingPath: string[]): boolean {
  const own = headingPath.slice(1);
  return own.some((h) => NON_CONTENT_HEADING.test(h));
}

export function isCaption(sentence: string): boolean {
  return CAPTION.test(sentence.trim());
}
