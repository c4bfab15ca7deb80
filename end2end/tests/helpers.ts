import { expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const PASSWORD = 'layanan-demo-2026';

/** Every page must pass axe-core's WCAG 2.x A/AA rules with no violation. */
export async function expectAccessible(page: Page, js = true) {
  let target = page;
  if (!js) {
    // axe runs as a script; for a page without JavaScript, check the very same HTML in a
    // scripting page (without the hydration script, which would change nothing checked).
    const html = (await page.content()).replace(/<script[\s\S]*?<\/script>/g, '');
    const ctx = await page.context().browser()!.newContext({ javaScriptEnabled: true });
    target = await ctx.newPage();
    await target.route('**/*', route => route.request().resourceType() === 'document'
      ? route.fulfill({ contentType: 'text/html', body: html }) : route.continue());
    await target.goto(page.url());
  }
  const results = await new AxeBuilder({ page: target })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
  if (target !== page) await target.context().close();
  expect(summary, `axe on ${page.url()}`).toEqual([]);
}

/** Waits until the WASM has hydrated the page, when JavaScript is on. */
export async function hydrated(page: Page, js = true) {
  if (js) await page.locator('body[data-hydrated]').waitFor({ state: 'attached', timeout: 20_000 });
}

export async function signIn(page: Page, email: string, js = true) {
  await page.goto('/masuk');
  await hydrated(page, js);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page).toHaveURL(/\/kelola$/);
}

/** No sideways scrolling on a phone. */
export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}
