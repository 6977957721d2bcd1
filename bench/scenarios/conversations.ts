// Renderer heap after opening 100 stored conversations, one after another, through the
// conversation list of the Chat screen. 1,000 conversation files are written once through the
// app's own API (conversations:save), so the list the page loads is a realistic size.
import type { BareBrowser } from '../lib/bare-browser.ts';
import { openApp, openScreen } from '../lib/chat.ts';
import { invoke, type WebHost } from '../lib/host.ts';

export const STORED_CONVERSATIONS = 1_000;
export const OPENED_CONVERSATIONS = 100;

const PARAGRAPH =
  'Amazon Bedrock exposes foundation models through one API. This stored answer has a few paragraphs, a list and a code block, about the size of a real reply.';

function conversation(i: number, modelId: string) {
  const id = `bench-${String(i).padStart(4, '0')}`;
  const at = new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString();
  const messages = [];
  for (let turn = 0; turn < 3; turn++) {
    messages.push({ id: `${id}-u${turn}`, role: 'user' as const, text: `Question ${turn} of conversation ${i}: how does discovery work?`, createdAt: at });
    const last = turn === 2 ? ` conv-${i}-end` : '';
    messages.push({
      id: `${id}-a${turn}`,
      role: 'assistant' as const,
      text: `${PARAGRAPH}\n\n- one\n- two\n\n\`\`\`ts\nconst n = ${i};\n\`\`\`\n\n${PARAGRAPH}${last}`,
      modelId,
      status: 'done' as const,
      usage: { inputTokens: 40, outputTokens: 120, totalTokens: 160 },
      metrics: { ttftMs: 300, totalMs: 2000, outputTokensPerSecond: 60 },
      createdAt: at,
    });
  }
  return { id, title: `Bench conversation ${i}`, createdAt: at, updatedAt: at, settings: { modelId }, messages };
}

export async function writeConversations(host: WebHost, modelId: string): Promise<void> {
  const batch = 20;
  for (let i = 0; i < STORED_CONVERSATIONS; i += batch) {
    await Promise.all(Array.from({ length: Math.min(batch, STORED_CONVERSATIONS - i) }, (_, k) => invoke(host, 'conversations:save', { conversation: conversation(i + k, modelId) })));
  }
}

export interface ConversationsRun {
  heapMb: number;
  listed: number;
  /** Mean time from click to the conversation's last message shown. */
  meanOpenMs: number;
  /** From the click on Chat to all 1,000 conversations listed in the page. */
  listMs: number;
}

export async function measureConversationsHeap(browser: BareBrowser, host: WebHost): Promise<ConversationsRun> {
  const page = await openApp(browser, host, { captureDeltas: false });
  const items = `document.querySelectorAll('[data-testid="conversation-item"]')`;
  try {
    const listStarted = performance.now();
    await openScreen(page, 'chat');
    await page.waitFor(`${items}.length >= ${STORED_CONVERSATIONS}`);
    const listMs = performance.now() - listStarted;
    const ids = await page.evaluate<string[]>(`[...${items}].map((el) => el.getAttribute('data-conversation-id') ?? '')`);
    const chosen = ids.filter((id) => id.startsWith('bench-')).slice(0, OPENED_CONVERSATIONS * 10).filter((_, k) => k % 10 === 0);
    if (chosen.length < OPENED_CONVERSATIONS) throw new Error(`only ${chosen.length} bench conversations listed`);
    const t0 = performance.now();
    for (const id of chosen) {
      const i = Number(id.slice('bench-'.length));
      await page.click(`[data-testid="conversation-item"][data-conversation-id="${id}"] .conversation-open`);
      await page.waitFor(`[...document.querySelectorAll('[data-testid="assistant-message"]')].at(-1)?.textContent.includes(${JSON.stringify(`conv-${i}-end`)})`, 10_000);
    }
    const meanOpenMs = (performance.now() - t0) / chosen.length;
    return { heapMb: await page.heapUsedMb(), listed: ids.length, meanOpenMs, listMs };
  } finally {
    await page.close();
  }
}
