/** What every generator says when the textbook has nothing on the question: no invented content. */
export const NOT_COVERED_MESSAGE =
  "The textbook doesn't seem to cover this. Try rephrasing the question, or ask about a topic from the book's chapters.";
