// Markdown → sanitized HTML. `marked` parses, DOMPurify cleans; nothing else reaches the DOM.
// Long answers are split into top-level blocks so a streaming message re-parses only its last,
// still-growing block each frame instead of the whole text.
import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { escapeHtml, highlight } from './highlight';

/** Code blocks with a copy button; `highlighted` only for finished blocks (a growing one is plain). */
function createMarked(highlighted: boolean): Marked {
  return new Marked({
    gfm: true,
    async: false,
    renderer: {
      code({ text, lang, escaped }) {
        const language = (lang ?? '').match(/^\S*/)?.[0] ?? '';
        const colored = highlighted && !escaped && language ? highlight(text, language) : null;
        const body = colored ?? (escaped ? text : escapeHtml(text));
        const label = language ? `<span class="code-lang">${escapeHtml(language)}</span>` : '';
        return `<div class="code-block"><div class="code-bar">${label}<button type="button" class="code-copy" data-copy-code="">Copy</button></div><pre><code${
          language ? ` class="language-${escapeHtml(language)}"` : ''
        }>${body}</code></pre></div>`;
      },
    },
  });
}

const plainMarked = createMarked(false);
const highlightedMarked = createMarked(true);

export function renderMarkdown(source: string, finished = true): string {
  const html = (finished ? highlightedMarked : plainMarked).parse(source, { async: false }) as string;
  return DOMPurify.sanitize(html);
}

/**
 * An inert document (no browsing context: nothing loads, no script or handler runs) where markup
 * is parsed and sanitised before its nodes move into the page.
 */
let inertDocument: Document | null = null;

/**
 * Finished blocks, each as a `div.md-block` ready to insert: every block is parsed on its own (its
 * markup cannot leak into the next), and one DOMPurify pass cleans them all.
 */
export function renderMarkdownBlocks(sources: readonly string[]): HTMLElement[] {
  inertDocument ??= document.implementation.createHTMLDocument('');
  const holder = inertDocument.createElement('div');
  for (const source of sources) {
    const block = inertDocument.createElement('div');
    block.className = 'md-block';
    block.innerHTML = highlightedMarked.parse(source, { async: false }) as string;
    holder.appendChild(block);
  }
  let cleaned = false;
  try {
    DOMPurify.sanitize(holder, { IN_PLACE: true });
    cleaned = holder.children.length === sources.length;
  } catch {
    // DOMPurify refused to clean this tree in place: the string path below, block by block.
  }
  if (cleaned) return [...holder.children] as HTMLElement[];
  return sources.map((source) => {
    const block = document.createElement('div');
    block.className = 'md-block';
    block.innerHTML = renderMarkdown(source, true);
    return block;
  });
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Where top-level blocks start: after a blank line, outside a fenced code block. Scans from
 * `from`, which must itself be a block start (outside any fence).
 */
function blockStarts(text: string, from: number): number[] {
  const starts = [from];
  let fence: string | null = null;
  let afterBlank = false;
  let position = from;
  while (position < text.length) {
    const newline = text.indexOf('\n', position);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(position, end);
    const blank = line.trim() === '';
    if (fence) {
      const close = FENCE.exec(line);
      if (close?.[1] && close[1][0] === fence[0] && close[1].length >= fence.length && line.trim() === close[1]) fence = null;
    } else if (!blank) {
      // An indented line after a blank one continues a list item; it must not start a new block.
      if (afterBlank && position > from && !/^\s/.test(line)) starts.push(position);
      const open = FENCE.exec(line);
      if (open?.[1]) fence = open[1];
    }
    afterBlank = !fence && blank;
    if (newline === -1) break;
    position = newline + 1;
  }
  return starts;
}

export interface BlockCache {
  text: string;
  /** Blocks before the last one: complete, never re-parsed. */
  complete: string[];
  /** Offset of the last (possibly still growing) block. */
  tailStart: number;
}

export const EMPTY_BLOCKS: BlockCache = { text: '', complete: [], tailStart: 0 };

/** Splits `text` into blocks, reusing `previous` when `text` only grew since. */
export function splitBlocks(text: string, previous: BlockCache): { cache: BlockCache; blocks: string[] } {
  const grew = text.length >= previous.text.length && text.startsWith(previous.text);
  const base = grew ? previous : EMPTY_BLOCKS;
  const starts = blockStarts(text, base.tailStart);
  const complete = base.complete.slice();
  for (let i = 0; i < starts.length - 1; i++) complete.push(text.slice(starts[i], starts[i + 1]));
  const tailStart = starts[starts.length - 1] ?? 0;
  const cache: BlockCache = { text, complete, tailStart };
  return { cache, blocks: [...complete, text.slice(tailStart)] };
}
