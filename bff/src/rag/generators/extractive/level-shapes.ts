import type { Level } from '../../types.js';

/** What a level asks of the extractive answer; the answering unit itself is the same for all. */
export interface LevelShape {
  /** Supporting units after the answering one. */
  support: number;
  /** Support as a bulleted list of details rather than a paragraph. */
  bullets: boolean;
  /** Short sentences in everyday words, formulas said in words, code left out unless asked for. */
  plainWords: boolean;
  /** Formulas, code and tables are shown as they are in the book. */
  technical: boolean;
  /** Formula, code and table blocks from the cited passages, besides one the answer itself introduces. */
  blocks: number;
  /** Longer code is left out rather than cut. */
  maxCodeLines: number;
  /**
   * Supporting sentences that read harder than this (Flesch reading ease, said at the level) are
   * left out; 30 is where prose turns into college text.
   */
  minSupportEase: number;
  /** The same for the sentences added for their plainness after the most relevant one. */
  minAddedSupportEase: number;
}

export const LEVEL_SHAPES: Record<Level | 'default', LevelShape> = {
  Beginner: {
    support: 3,
    bullets: false,
    plainWords: true,
    technical: false,
    blocks: 0,
    maxCodeLines: 0,
    minSupportEase: 30,
    minAddedSupportEase: 40,
  },
  default: {
    support: 3,
    bullets: false,
    plainWords: false,
    technical: false,
    blocks: 0,
    maxCodeLines: 25,
    minSupportEase: -Infinity,
    minAddedSupportEase: -Infinity,
  },
  Intermediate: {
    support: 3,
    bullets: false,
    plainWords: false,
    technical: false,
    blocks: 1,
    maxCodeLines: 25,
    minSupportEase: -Infinity,
    minAddedSupportEase: -Infinity,
  },
  Advanced: {
    support: 5,
    bullets: true,
    plainWords: false,
    technical: true,
    blocks: 3,
    maxCodeLines: 60,
    minSupportEase: -Infinity,
    minAddedSupportEase: -Infinity,
  },
};
