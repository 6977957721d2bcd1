// Records everything a page sends and receives (every WebSocket frame both ways, every HTTP
// request and response body) and what it logs, so a suite can show a secret appears in none of it.
import type { Page, Response } from '@playwright/test';

/** Records everything the page sends and receives, and what it logs. */
export class Recorder {
  readonly texts: Array<[string, string]> = [];
  wsFrames = 0;
  invokes = 0;
  private pending: Promise<void>[] = [];

  constructor(page: Page) {
    page.on('websocket', (ws) => {
      this.texts.push([`websocket url`, ws.url()]);
      ws.on('framereceived', (frame) => {
        this.wsFrames++;
        this.texts.push(['websocket frame received', String(frame.payload)]);
      });
      ws.on('framesent', (frame) => this.texts.push(['websocket frame sent', String(frame.payload)]));
    });
    page.on('request', (request) => {
      if (request.url().includes('/api/invoke/')) this.invokes++;
      this.texts.push([`request ${request.method()} ${request.url()}`, `${request.url()}\n${JSON.stringify(request.headers())}\n${request.postData() ?? ''}`]);
    });
    page.on('response', (response) => this.pending.push(this.body(response)));
    page.on('console', (message) => this.texts.push(['console', message.text()]));
    page.on('pageerror', (error) => this.texts.push(['page error', `${error.message}\n${error.stack ?? ''}`]));
  }

  private async body(response: Response): Promise<void> {
    const headers = JSON.stringify(await response.allHeaders().catch(() => ({})));
    const text = await response.text().catch(() => '');
    this.texts.push([`response ${response.status()} ${response.url()}`, `${headers}\n${text}`]);
  }

  add(where: string, text: string): void {
    this.texts.push([where, text]);
  }

  async settle(): Promise<void> {
    while (this.pending.length > 0) await Promise.all(this.pending.splice(0));
  }

  /** Every recorded text joined, for "did this flow run" checks. */
  all(): string {
    return this.texts.map(([, text]) => text).join('\n');
  }
}
