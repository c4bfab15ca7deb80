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

/** Waits for a message to `to` whose text matches `pattern` at the SMTP peer (.smtp/). */
export async function mailTo(to: string, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  const fs = await import('fs');
  const path = await import('path');
  const dir = path.join(__dirname, '..', '.smtp');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter(f => f.endsWith('.eml')).sort() : [];
    for (const f of files) {
      const raw = fs.readFileSync(path.join(dir, f), 'utf8');
      const text = decodeQuotedPrintable(raw);
      if (raw.split('\n')[0].includes(to) && pattern.test(text)) return text;
    }
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(`no mail to ${to} matching ${pattern}`);
}

/** Undoes quoted-printable soft line breaks and escapes (enough to read links and text). */
function decodeQuotedPrintable(s: string): string {
  const joined = s.replace(/=\r?\n/g, '');
  return Buffer.from(joined.replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
}
