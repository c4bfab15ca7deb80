import { test, expect } from '@playwright/test';
import { hydrated } from './helpers';

// The policy itself, watched the way every other test is watched (see fixtures.ts): a script
// written into a page without the response's nonce does not run, and the browser says so.
test('a script without the page nonce is refused and reported', async ({ page }) => {
  const reports: string[] = [];
  page.on('console', (m) => reports.push(m.text()));
  await page.goto('/');
  // The portal's own scripts run under the policy: the page hydrates.
  await hydrated(page);
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.injected = true';
    document.body.appendChild(s);
  });
  expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
  await expect.poll(() => reports.some((t) => /Content Security Policy/i.test(t))).toBe(true);
});
