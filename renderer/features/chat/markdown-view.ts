// Keeps one message's markdown DOM in step with its growing text, without React in the loop.
//
// A 50,000-token answer is thousands of blocks. Each block is parsed, sanitised and put in the DOM
// once, when it is finished, and never touched again; finished blocks are grouped in chunks that
// skip style, layout and paint while out of view (`content-visibility: auto`), so a frame lays out
// the growing tail, not the whole answer. Only the last block is redone as it grows.
//
// Parsing has a time budget per update, so a burst of text (a fast model, a late frame) cannot
// freeze the window: a finished block that does not fit is put in the DOM at once as plain text,
// in its place, and becomes markdown in a later frame (newest first: the bottom is what is in
// view). Every character is on screen as soon as it arrives.
import { renderMarkdown, renderMarkdownBlocks } from './markdown';
import { splitBlocks, START_OF_TEXT, type BlockCursor } from './markdown-blocks';

/** Finished blocks per chunk container. */
const CHUNK_BLOCKS = 32;
/**
 * Chunks this far behind the one being filled may skip rendering while out of view. The newest
 * ones never do: an element that just got `content-visibility: auto` counts as skipped until the
 * browser has checked it is on screen, which `innerText` (copy, find, tests) would see as text
 * briefly gone. A chunk sealed two chunks back has long been rendered and is usually far above.
 */
const SEAL_BEHIND = 2;
/** Finished blocks parsed and sanitised together (one DOMPurify pass). */
const BATCH_BLOCKS = 16;
/** Parsing work per update (ms) before the rest waits for a later frame. */
const BUDGET_MS = 6;
/** Once the text stops growing, catching up may take more of each frame (still far from a long task). */
const IDLE_BUDGET_MS = 12;
/**
 * A still-growing block longer than this is shown as plain text until it is finished: parsing it
 * again every frame would make a huge single block (a long code listing) quadratic.
 */
const PLAIN_TAIL_CHARS = 8_000;

interface Placeholder {
  source: string;
  element: HTMLElement;
}

export class MarkdownView {
  private cursor: BlockCursor = START_OF_TEXT;
  private chunks: HTMLElement[] = [];
  private chunkSize = 0;
  /** Finished blocks shown as plain text, waiting to become markdown (oldest first). */
  private waiting: Placeholder[] = [];
  /** The last block: markdown (plain while growing, highlighted when finished) or plain text. */
  private readonly tail: HTMLElement;
  private tailKey = '';
  private frame = 0;
  private streaming = false;

  constructor(private readonly root: HTMLElement) {
    this.tail = document.createElement('div');
    this.tail.className = 'md-block';
    root.replaceChildren(this.tail);
  }

  update(text: string, streaming: boolean): void {
    const split = splitBlocks(text, this.cursor);
    if (split.restarted) this.reset();
    this.cursor = split.cursor;
    this.streaming = streaming;
    const deadline = performance.now() + BUDGET_MS;
    // New finished blocks in order: as markdown while the budget lasts, then as placeholders.
    for (let from = 0; from < split.added.length; from += BATCH_BLOCKS) {
      const sources = split.added.slice(from, from + BATCH_BLOCKS);
      if (this.waiting.length === 0 && performance.now() < deadline) {
        for (const element of renderMarkdownBlocks(sources)) this.place(element);
      } else {
        for (const source of sources) {
          const element = document.createElement('div');
          element.className = 'md-block md-pending';
          element.textContent = source;
          this.place(element);
          this.waiting.push({ source, element });
        }
      }
    }
    this.showTail(split.tail, !streaming);
    if (this.waiting.length > 0 && !this.frame) this.frame = requestAnimationFrame(this.catchUp);
  }

  dispose(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private reset(): void {
    this.dispose();
    this.chunks = [];
    this.chunkSize = 0;
    this.waiting = [];
    this.tailKey = '';
    this.root.replaceChildren(this.tail);
  }

  private place(element: HTMLElement): void {
    let chunk = this.chunks[this.chunks.length - 1];
    if (!chunk || this.chunkSize >= CHUNK_BLOCKS) {
      chunk = document.createElement('div');
      chunk.className = 'md-chunk';
      this.chunkSize = 0;
      this.root.insertBefore(chunk, this.tail);
      this.chunks.push(chunk);
      this.chunks[this.chunks.length - 1 - SEAL_BEHIND]?.classList.add('md-sealed');
    }
    chunk.appendChild(element);
    this.chunkSize += 1;
  }

  /** Turns placeholders into markdown within the budget, newest first, then asks for another frame. */
  private readonly catchUp = (): void => {
    this.frame = 0;
    const deadline = performance.now() + (this.streaming ? BUDGET_MS : IDLE_BUDGET_MS);
    while (this.waiting.length > 0 && performance.now() < deadline) {
      const batch = this.waiting.splice(Math.max(0, this.waiting.length - BATCH_BLOCKS));
      const rendered = renderMarkdownBlocks(batch.map((p) => p.source));
      batch.forEach((p, i) => p.element.replaceWith(rendered[i]!));
    }
    if (this.waiting.length > 0) this.frame = requestAnimationFrame(this.catchUp);
  };

  private showTail(source: string, finished: boolean): void {
    const plain = !finished && source.length > PLAIN_TAIL_CHARS;
    const key = `${plain ? 'p' : finished ? 'f' : 's'}${source.length}`;
    if (key === this.tailKey) return;
    this.tailKey = key;
    if (plain) {
      this.tail.className = 'md-block md-plain';
      this.tail.textContent = source;
    } else {
      this.tail.className = 'md-block';
      this.tail.innerHTML = renderMarkdown(source, finished);
    }
  }
}
