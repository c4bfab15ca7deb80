import { test, expect } from './fixtures';
import type { Page, Browser } from '@playwright/test';
import * as fs from 'fs';
import { expectAccessible, expectNoHorizontalScroll, hydrated, mailTo, signIn } from './helpers';
import { CLOCK_BASE } from '../playwright.config';

// Against the portal whose clock starts on Tuesday 6 April 2027, 09:10 WITA, where the demo
// visitors are due today.
test.use({ baseURL: CLOCK_BASE });

/** Staff serve Ahmad Fauzi, booked for 13:00 today at their unit; returns the survey link
 *  mailed to him, as a path. */
async function serveAhmad(page: Page, staffEmail: string, unitSlug: string): Promise<string> {
  await signIn(page, staffEmail);
  await page.goto('/loket');
  await page.locator('main a[href^="/loket/"]').first().click();
  await hydrated(page);
  const ahmad = page.locator('.visitor', { hasText: 'Ahmad Fauzi' });
  const code = (await ahmad.locator('.code-small').textContent())!.trim();
  await expect(page.getByLabel(/Catat kedatangan/)).toBeFocused();
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await expect(ahmad).toContainText('Sudah datang');
  await page.getByRole('button', { name: /^Selesai dilayani\s*: Ahmad Fauzi$/ }).click();
  await expect(ahmad).toContainText('Selesai dilayani');
  const mail = await mailTo(`ahmad.${unitSlug}@contoh.id`, /Survei kepuasan|survei kepuasan/);
  expect(mail).toContain('sembilan pertanyaan');
  return mail.match(/\/survei\/[0-9a-f]{64}/)![0];
}

async function citizen(browser: Browser, js: boolean): Promise<Page> {
  const ctx = await browser.newContext({ baseURL: CLOCK_BASE, javaScriptEnabled: js, viewport: { width: 360, height: 740 }, locale: 'id-ID' });
  return ctx.newPage();
}

function question(page: Page, n: number) {
  return page.getByRole('group', { name: new RegExp(`Pertanyaan ${n} dari 9`) });
}

test('a served visitor fills in the survey with JavaScript, once', async ({ page, browser }) => {
  const link = await serveAhmad(page, 'petugas.capil@layanan.go.id', 'disdukcapil-balikpapan');
  const p = await citizen(browser, true);
  await p.goto(link);
  await hydrated(p);
  await expect(p.getByRole('heading', { level: 1 })).toHaveText('Survei kepuasan masyarakat');
  await expect(p.locator('.lead')).toContainText('Kunjungan: Akta Kelahiran');
  await expectAccessible(p);
  await expectNoHorizontalScroll(p);
  // Sent with nothing chosen: the summary takes the focus and names all nine.
  await p.getByRole('button', { name: 'Kirim jawaban' }).click();
  const summary = p.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.locator('li')).toHaveCount(9);
  await expect(summary).toContainText('Pilih satu jawaban untuk pertanyaan U4 (Biaya/tarif).');
  await expectAccessible(p);
  // Answers chosen by their words, as the regulation writes them.
  const words = ['Sangat sesuai', 'Mudah', 'Cepat', 'Gratis', 'Sesuai', 'Sangat kompeten', 'Sangat sopan dan ramah', 'Dikelola dengan baik', 'Baik'];
  for (const [i, w] of words.entries()) {
    await question(p, i + 1).getByLabel(w, { exact: true }).check();
  }
  await p.getByLabel('Umur (tahun)').fill('29');
  await p.getByLabel('Pendidikan').selectOption('S1');
  await p.getByLabel(/Saran untuk perbaikan/).fill('Ruang tunggu sudah nyaman.');
  await p.getByRole('button', { name: 'Kirim jawaban' }).click();
  await expect(p.getByRole('heading', { level: 1 })).toHaveText('Terima kasih');
  // The link works once.
  await p.goto(link);
  await expect(p.getByRole('heading', { level: 1 })).toHaveText('Survei ini sudah diisi');
  // The unit publishes its index; the details per element are one link away.
  await p.goto('/layanan/disdukcapil-balikpapan');
  await hydrated(p);
  await expect(p.locator('.ikm-section')).toContainText(/Mutu [ABCD] — /);
  await p.getByRole('link', { name: 'Lihat rincian per unsur' }).click();
  await expect(p.getByRole('heading', { level: 1 })).toHaveText('Hasil survei kepuasan masyarakat');
  await expect(p.getByRole('table')).toContainText('Penanganan pengaduan, saran, dan masukan');
  await expectAccessible(p);
  await expectNoHorizontalScroll(p);
});

test('a served visitor fills in the survey without JavaScript; what they chose is kept', async ({ page, browser }) => {
  const link = await serveAhmad(page, 'petugas.ptsp@layanan.go.id', 'dpmptsp-bandung');
  const p = await citizen(browser, false);
  await p.goto(link);
  // Eight of nine answered: refused, the ninth named, the eight kept.
  for (let n = 1; n <= 8; n++) {
    await question(p, n).getByRole('radio').nth(2).check();
  }
  await p.getByLabel(/Saran untuk perbaikan/).fill('Perlu papan petunjuk.');
  await p.getByRole('button', { name: 'Kirim jawaban' }).click();
  await expect(p.locator('.error-summary')).toContainText('Pilih satu jawaban untuk pertanyaan U9 (Sarana dan prasarana).');
  await expect(p.locator('.error-summary li')).toHaveCount(1);
  await expect(question(p, 1).getByRole('radio').nth(2)).toBeChecked();
  await expect(p.getByLabel(/Saran untuk perbaikan/)).toHaveValue('Perlu papan petunjuk.');
  await expectAccessible(p, false);
  await question(p, 9).getByLabel('Sangat baik', { exact: true }).check();
  await p.getByRole('button', { name: 'Kirim jawaban' }).click();
  await expect(p.getByRole('heading', { level: 1 })).toHaveText('Terima kasih');
  await expectNoHorizontalScroll(p);
});

test('a manager reads the dashboard, picks a period and downloads a table as CSV', async ({ page }) => {
  await signIn(page, 'pimpinan.capil@layanan.go.id');
  await page.getByRole('link', { name: 'Kinerja dan kepuasan' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kinerja dan kepuasan');
  await hydrated(page);
  await expect(page.locator('.lead')).toContainText('April 2027');
  // The index with its grade, from the demo's answers.
  await expect(page.locator('.ikm-summary')).toContainText(/Mutu [ABCD] — /);
  // The whole year, chosen with the keyboard.
  await page.getByLabel('Periode', { exact: true }).selectOption('tahun');
  await page.getByRole('button', { name: 'Tampilkan' }).press('Enter');
  await expect(page.locator('.lead')).toContainText('Tahun 2027');
  await expect(page).toHaveURL(/periode=tahun/);
  const visits = page.locator('section', { has: page.getByRole('heading', { name: 'Janji temu dan kunjungan' }) });
  await expect(visits.locator('svg.chart')).toBeVisible();
  await expect(visits.getByRole('row', { name: /Selesai dilayani/ })).toBeVisible();
  await expectAccessible(page);
  // At 1280 px no table hides a column behind a scroll bar (the per-staff one has many).
  await page.setViewportSize({ width: 1280, height: 900 });
  for (const frame of await page.locator('.figure .table-wrap').all()) {
    const hidden = await frame.evaluate(el => el.scrollWidth - el.clientWidth);
    expect(hidden, 'a table fits its frame at 1280 px').toBeLessThanOrEqual(0);
  }

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /Unduh CSV\s*: Laporan menurut jenis/ }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('jenis-disdukcapil-balikpapan.csv');
  const csv = fs.readFileSync((await download.path())!, 'utf8').split('\r\n');
  expect(csv[0]).toBe('"Jenis","Jumlah"');
  expect(csv.slice(1, 5).map(l => l.split(',')[0])).toEqual(['"Konsultasi"', '"Pengaduan"', '"Aspirasi"', '"Permintaan informasi"']);

  await page.setViewportSize({ width: 360, height: 740 });
  await expectNoHorizontalScroll(page);
});
