/**
 * Questions as readers also write them: after a greeting, an apology or an ask for plain words,
 * or with thanks after them, the six kinds in turn by the question's place in the set. The kinds are among those
 * bff/src/rag/retrieval/preamble.ts names, so the figures say that the answer stays the answer on
 * every book, not that every preamble a reader may write is understood.
 */
const KINDS: ((question: string) => string)[] = [
  (q) => `Hi! Quick question: ${q}`,
  (q) => `${q} Thanks!`,
  (q) => `Sorry if this is a dumb question, but ${lowerFirst(q)}`,
  (q) => `${q} pls`,
  (q) => `In simple terms, ${lowerFirst(q)}`,
  (q) => `Explain like I'm 5: ${q}`,
];

/** "ROS 2 …" keeps its capital; "What …" is lower-cased after the preamble. */
function lowerFirst(question: string): string {
  return /^[A-Z][a-z]/.test(question) ? question[0]!.toLowerCase() + question.slice(1) : question;
}

export function withPreamble(question: string, nth: number): string {
  return KINDS[nth % KINDS.length]!(question);
}
