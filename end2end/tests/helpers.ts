import { expect, Locator, Page } from '@playwright/test';
import { createHmac } from 'crypto';
import * as fs from 'fs';
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

/** Where signing in lands: staff (each demo staff member is in one unit) in their unit's
 * inbox, managers and admins on the management page. */
export function landingOf(email: string): RegExp {
  return email.startsWith('petugas.') ? /\/petugas\/[a-z0-9-]+$/ : /\/kelola$/;
}

export async function signIn(page: Page, email: string, js = true) {
  await page.goto('/masuk');
  await hydrated(page, js);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page).toHaveURL(landingOf(email));
}

/** The six digits an authenticator app shows for a base32 `secret` at 30-second `step`. */
export function totp(secret: string, step: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(counter).digest();
  const at = mac[mac.length - 1] & 0x0f;
  const n = ((mac[at] & 0x7f) << 24) | (mac[at + 1] << 16) | (mac[at + 2] << 8) | mac[at + 3];
  return String(n % 1_000_000).padStart(6, '0');
}

// The demo admin's two-step secret once a test turned it on, and the last step used (each
// code is taken once), kept beside the test server's database.
const ADMIN_TWO_STEP = '.data/admin-two-step.json';

/** A code for the admin's next sign-in: a step not used yet, waiting for one if need be. */
async function nextAdminCode(page: Page): Promise<string> {
  const kept = JSON.parse(fs.readFileSync(ADMIN_TWO_STEP, 'utf8')) as { secret: string; last: number };
  let step = Math.floor(Date.now() / 30_000);
  if (step <= kept.last) {
    await page.waitForTimeout((kept.last + 1) * 30_000 - Date.now() + 500);
    step = kept.last + 1;
  }
  fs.writeFileSync(ADMIN_TWO_STEP, JSON.stringify({ ...kept, last: step }));
  return totp(kept.secret, step);
}

/**
 * Signs the demo admin in. Admin pages need two-step sign-in: the first time, the admin
 * turns it on as a person would (the key from the page, the code from the "app"); later
 * sign-ins give the code on the second step.
 */
export async function signInAdmin(page: Page) {
  await page.goto('/masuk');
  await hydrated(page);
  await page.getByLabel('Email').fill('admin@layanan.go.id');
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page).toHaveURL(/\/(kelola|masuk\/kode)/);
  if (page.url().includes('/masuk/kode')) {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Masukkan kode verifikasi');
    await hydrated(page);
    await page.getByLabel('Kode', { exact: true }).fill(await nextAdminCode(page));
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect(page).toHaveURL(/\/kelola$/);
    return;
  }
  await page.goto('/admin');
  // Admin pages are refused until two-step sign-in is on, with the way there.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aktifkan verifikasi dua langkah');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Aktifkan sekarang' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verifikasi dua langkah');
  await hydrated(page);
  await expectAccessible(page);
  const secret = (await page.locator('#totp-secret').getAttribute('data-secret'))!;
  const step = Math.floor(Date.now() / 30_000);
  fs.writeFileSync(ADMIN_TWO_STEP, JSON.stringify({ secret, last: step }));
  await page.getByLabel('Kode', { exact: true }).fill(totp(secret, step));
  await page.getByRole('button', { name: 'Aktifkan' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Verifikasi dua langkah aktif' })).toBeVisible();
  await expect(page.locator('.recovery-codes li')).toHaveCount(10);
  await expectAccessible(page);
}

/** No sideways scrolling on a phone. */
export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

/** A code (or any short text) shown on one line, never broken at its hyphens. */
export async function expectOneLine(target: Locator) {
  const lines = await target.evaluate(el => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top))).size;
  });
  expect(lines, 'the code is on one line').toBe(1);
}

/** The first panel of a page keeps its distance from the site's header. */
export async function expectGapBelowHeader(page: Page, target: Locator, min = 12) {
  const header = await page.locator('.site-header').boundingBox();
  const box = await target.boundingBox();
  expect(box!.y - (header!.y + header!.height), 'gap below the header').toBeGreaterThanOrEqual(min);
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

/** Every message to `to` matching `pattern` so far, oldest first. */
export async function mailsTo(to: string, pattern: RegExp): Promise<string[]> {
  const fs = await import('fs');
  const path = await import('path');
  const dir = path.join(__dirname, '..', '.smtp');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter(f => f.endsWith('.eml')).sort() : [];
  return files
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .filter((raw) => raw.split('\n')[0].includes(to))
    .map(decodeQuotedPrintable)
    .filter((text) => pattern.test(text));
}

/** Undoes quoted-printable soft line breaks and escapes (enough to read links and text). */
function decodeQuotedPrintable(s: string): string {
  const joined = s.replace(/=\r?\n/g, '');
  return Buffer.from(joined.replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
}
