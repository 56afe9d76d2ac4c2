/**
 * Parses an OCR'd words line ("SERATUS DUA PULUH TIGA") into a value with a confidence.
 *
 * Words are written one capital letter per comb cell, so OCR spacing means nothing and letters are often
 * misread. The letters (spaces dropped) are segmented into number words by dynamic programming with edit
 * distance; the cheapest segmentation that forms a valid number wins, and its cost sets the confidence.
 */
import { NUMBER_WORD_VOCABULARY, wordsToNumber } from '../../../shared/number-words.ts';
import type { WordsEvidence } from '../joint/index.ts';

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** Confidence when every letter matched; each edit multiplies it down. */
const EXACT_CONFIDENCE = 0.9;
const PER_EDIT = 0.45;

export function parseWordsFuzzy(text: string): WordsEvidence | null {
  const letters = text.toUpperCase().replace(/[^A-Z]/g, '');
  if (letters.length < 3 || letters.length > 60) return null;
  const n = letters.length;
  // best[i]: cheapest segmentation of letters[0..i) as [cost, words]
  const best: ({ cost: number; words: string[] } | null)[] = new Array(n + 1).fill(null);
  best[0] = { cost: 0, words: [] };
  for (let i = 1; i <= n; i++) {
    for (const word of NUMBER_WORD_VOCABULARY) {
      // Allow one letter more or fewer than the word (a dropped or doubled letter).
      for (let len = Math.max(1, word.length - 1); len <= word.length + 1 && len <= i; len++) {
        const prev = best[i - len];
        if (!prev) continue;
        const edits = editDistance(letters.slice(i - len, i), word);
        // Edits may cost at most a third of a word's letters: beyond that it is not that word.
        if (edits > Math.floor(word.length / 3)) continue;
        const cost = prev.cost + edits;
        if (!best[i] || cost < best[i]!.cost) best[i] = { cost, words: [...prev.words, word] };
      }
    }
  }
  const result = best[n];
  if (!result) return null;
  const value = wordsToNumber(result.words.join(' '));
  if (value === null) return null;
  return { value, confidence: EXACT_CONFIDENCE * PER_EDIT ** result.cost };
}
