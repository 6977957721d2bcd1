// Markdown → sanitized HTML. `marked` parses, DOMPurify cleans; nothing else reaches the DOM.
// Long answers are split into top-level blocks (markdown-blocks.ts) so a streaming message
// re-parses only its last, still-growing block each frame instead of the whole text.
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

/** What a typical answer holds, so every path (parse, highlight, sanitise, blocks) has run once. */
const WARM_UP_SAMPLE = [
  '# Heading\n\nA paragraph with **bold**, _emphasis_, `code` and a [link](https://example.com).',
  '- one\n- two\n  1. nested',
  '| a | b |\n| - | - |\n| 1 | 2 |',
  '```ts\n// comment\nconst answer: number = 42; // "string"\n```',
  '```python\ndef f(x):\n    return "x" * 2  # comment\n```',
  '> quoted\n\n---',
];

/**
 * Runs the markdown pipeline once on a sample, a step per idle period, so the first answer of a
 * session does not pay for compiling marked, DOMPurify and the highlighter in its first frames
 * (measured: a 35–70 ms task at the start of the first stream in a fresh window).
 */
export function warmUpMarkdown(): void {
  const steps = [
    () => plainMarked.parse(WARM_UP_SAMPLE.join('\n\n'), { async: false }),
    () => renderMarkdown(WARM_UP_SAMPLE.join('\n\n'), false),
    () => renderMarkdown(WARM_UP_SAMPLE.join('\n\n'), true),
    () => renderMarkdownBlocks(WARM_UP_SAMPLE),
  ];
  const idle = (run: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(run, { timeout: 2_000 }) : setTimeout(run, 50));
  const next = () => {
    const step = steps.shift();
    if (!step) return;
    step();
    idle(next);
  };
  idle(next);
}
