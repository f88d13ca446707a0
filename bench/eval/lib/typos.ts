/**
 * Questions as readers mistype them: each answerable question with one slip in its longest word of
 * seven letters or more, the four kinds of slip in turn (two letters swapped, one dropped, one
 * doubled, one changed for its neighbour on the keyboard), chosen by the question's place in the
 * set, so every run makes the same typos. The figures compare what the reader gets with the slip
 * against the question as written: nothing in them is tuned on a question.
 */

const KINDS = ['swap', 'drop', 'double', 'neighbour'] as const;
/** The key to the right on a QWERTY keyboard (the last of a row: the one to its left). */
const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

function neighbourKey(letter: string): string {
  for (const row of ROWS) {
    const at = row.indexOf(letter);
    if (at !== -1) return row[at + 1] ?? row[at - 1]!;
  }
  return letter;
}

/** The question with one slip, or undefined when no word is long enough to mistype unnoticed. */
export function mistype(question: string, nth: number): string | undefined {
  const words = [...question.matchAll(/[A-Za-z]{7,}/g)];
  if (words.length === 0) return undefined;
  const longest = words.reduce((a, b) => (b[0].length > a[0].length ? b : a));
  const word = longest[0];
  // Inside the word: readers rarely get the first or the last letter wrong.
  const at = Math.floor(word.length / 2);
  const kind = KINDS[nth % KINDS.length]!;
  let typed: string;
  if (kind === 'swap')
    typed =
      word[at - 1] !== word[at]
        ? word.slice(0, at - 1) + word[at] + word[at - 1] + word.slice(at + 1)
        : word.slice(0, at) + word.slice(at + 1);
  else if (kind === 'drop') typed = word.slice(0, at) + word.slice(at + 1);
  else if (kind === 'double') typed = word.slice(0, at) + word[at] + word.slice(at);
  else typed = word.slice(0, at) + neighbourKey(word[at]!.toLowerCase()) + word.slice(at + 1);
  const index = longest.index!;
  return question.slice(0, index) + typed + question.slice(index + word.length);
}
