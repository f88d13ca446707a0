import { flesch } from 'flesch';
import { syllable } from 'syllable';

/**
 * Text measures for answers: normalisation for phrase matching, sentence splitting and Flesch
 * reading ease. Shared by every metric so "a sentence" means the same thing everywhere.
 */

/** Lower-case, Markdown and citation markers gone, quotes and dashes unified, whitespace collapsed. */
export function normalise(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/\[(\d+)\]/g, ' ')
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/[‘’]/g, "'")
      .replace(/[“”]/g, '"')
      .replace(/[–—]/g, '-')
      .replace(/[`*_~#>|]/g, ' ')
      .replace(/\s+/g, ' ')
      // A marker turned into a space must not part a word from its punctuation ("**Total**:").
      .replace(/ ([,.;:!?)])/g, '$1')
      .replace(/\( /g, '(')
      .trim()
  );
}

/** Prose of an answer: fenced code and display math removed, list markers dropped. */
export function proseOf(markdown: string): string {
  return markdown
    .replace(/(`{3,}|~{3,})[\s\S]*?(\1|$)/g, '\n')
    .replace(/\$\$[\s\S]*?(\$\$|$)/g, '\n')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, '')
    .replace(/^\s*\|.*\|\s*$/gm, '\n');
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Sentences of an answer's prose (each line break ends one), normalised, at least three words. */
export function sentencesOf(markdown: string): string[] {
  const out: string[] = [];
  for (const line of proseOf(markdown).split(/\n+/)) {
    for (const { segment } of segmenter.segment(line)) {
      const sentence = normalise(segment);
      if (words(sentence).length >= 3) out.push(sentence);
    }
  }
  return out;
}

export function words(text: string): string[] {
  return text.match(/[a-z0-9]+(?:'[a-z]+)?/gi) ?? [];
}

/** Flesch reading ease (higher is easier) of an answer's prose; null when it has no sentence. */
export function readingEase(markdown: string): number | null {
  const sentences = sentencesOf(markdown);
  if (!sentences.length) return null;
  const all = sentences.flatMap(words);
  const syllables = all.reduce((sum, w) => sum + syllable(w), 0);
  return flesch({ sentence: sentences.length, word: all.length, syllable: syllables });
}
