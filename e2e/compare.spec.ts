// Compare: one prompt to two models, both streaming at the same time, each with its figures.
import { expect, test } from './fixtures.ts';

test('one prompt streams into two models side by side', async ({ page, app, emulator }) => {
  emulator.setScript({ tokens: 80, tokenDelayMs: 40 });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await page.getByLabel('Left model').selectOption('cohere.command-r-v1:0');
  await page.getByLabel('Right model').selectOption('mistral.mistral-7b-instruct-v0:2');
  await page.getByLabel('Prompt for both').fill('Compare yourselves');
  await page.getByRole('button', { name: 'Send to both' }).click();
  const left = page.locator('[data-testid="compare-answer"][data-side="left"]');
  const right = page.locator('[data-testid="compare-answer"][data-side="right"]');
  // At one moment both are streaming and both already show text.
  await expect
    .poll(
      async () => {
        const [a, b] = await Promise.all([left.getAttribute('data-status'), right.getAttribute('data-status')]);
        const [ta, tb] = await Promise.all([left.locator('.markdown').count(), right.locator('.markdown').count()]);
        return a === 'streaming' && b === 'streaming' && ta > 0 && tb > 0;
      },
      { intervals: [50], timeout: 15_000 },
    )
    .toBe(true);
  await expect(left).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  await expect(right).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  for (const side of [left, right]) {
    await expect(side.getByTestId('message-metrics')).toContainText('TTFT');
    await expect(side.getByTestId('message-metrics')).toContainText(/tok\/s/);
    await expect(side.getByTestId('message-metrics')).toContainText(/cost (<?\$|unknown)/);
  }
  const models = emulator.requests.filter((r) => r.operation === 'ConverseStream').map((r) => r.modelId);
  expect(models.sort()).toEqual(['cohere.command-r-v1:0', 'mistral.mistral-7b-instruct-v0:2']);
});
