// What a user does on the Chat screen, for the specs that chat.
import type { Locator, Page } from '@playwright/test';
import type { AppHost } from './fixtures.ts';

/** Opens the app, goes to Chat and picks the model. */
export async function openChat(page: Page, app: AppHost, modelId: string): Promise<void> {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Chat', exact: true }).click();
  await page.getByLabel('Model').selectOption(modelId);
}

/** Sends a prompt with Enter; the answer's message element. */
export async function ask(page: Page, prompt: string): Promise<Locator> {
  await page.getByLabel('Message').fill(prompt);
  await page.getByLabel('Message').press('Enter');
  return page.getByTestId('assistant-message').last();
}
