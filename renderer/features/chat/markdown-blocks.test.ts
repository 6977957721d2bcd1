import { describe, expect, it } from 'vitest';
import { splitBlocks, START_OF_TEXT, type BlockCursor } from './markdown-blocks';

const TEXT = ['# Title', 'A paragraph\nover two lines.', '- one\n- two\n\n  still two', '```ts\nconst a = 1;\n\nconst b = 2;\n```', 'The end.'].join('\n\n');

/** Feeds `text` in pieces of `step` characters; returns every block handed out, then the tail. */
function feed(text: string, step: number): { added: string[]; tail: string; restarts: number } {
  let cursor: BlockCursor = START_OF_TEXT;
  const added: string[] = [];
  let tail = '';
  let restarts = 0;
  for (let end = step; end < text.length + step; end += step) {
    const split = splitBlocks(text.slice(0, Math.min(end, text.length)), cursor);
    if (split.restarted && end > step) restarts++;
    cursor = split.cursor;
    added.push(...split.added);
    tail = split.tail;
  }
  return { added, tail, restarts };
}

describe('splitBlocks', () => {
  it('splits at blank lines outside fences, keeping list continuations and fenced blank lines', () => {
    const { added, tail } = splitBlocks(TEXT, START_OF_TEXT);
    expect(added.map((b) => b.trim())).toEqual(['# Title', 'A paragraph\nover two lines.', '- one\n- two\n\n  still two', '```ts\nconst a = 1;\n\nconst b = 2;\n```']);
    expect(tail).toBe('The end.');
  });

  it('hands out each finished block exactly once however the text grows', () => {
    const whole = splitBlocks(TEXT, START_OF_TEXT);
    for (const step of [1, 3, 7, 40]) {
      const { added, tail, restarts } = feed(TEXT, step);
      expect(restarts).toBe(0);
      expect(added).toEqual(whole.added);
      expect(added.join('') + tail).toBe(TEXT);
    }
  });

  it('counts finished blocks and starts over when the text is not a continuation', () => {
    const first = splitBlocks('one\n\ntwo\n\nthree', START_OF_TEXT);
    expect(first.cursor.finished).toBe(2);
    const edited = splitBlocks('uno\n\ndos', first.cursor);
    expect(edited.restarted).toBe(true);
    expect(edited.added).toEqual(['uno\n\n']);
    expect(edited.cursor.finished).toBe(1);
    expect(edited.tail).toBe('dos');
  });
});
