import { test, expect } from './fixtures';
import { expectAccessible, expectNoHorizontalScroll, hydrated } from './helpers';

for (const js of [true, false]) {
  test.describe(`citizen reads a standard (${js ? 'with' : 'without'} JavaScript)`, () => {
    test.use({ javaScriptEnabled: js, viewport: { width: 360, height: 780 } });

    test('searches, reads the version in force and what changed', async ({ page }) => {
      await page.goto('/');
      await hydrated(page, js);
      await expectAccessible(page, js);
      await expectNoHorizontalScroll(page);

      await page.getByLabel('Cari layanan').fill('akta kelahiran');
      await page.getByRole('button', { name: 'Cari' }).click();
      await expect(page.getByRole('heading', { name: /Hasil pencarian/ })).toContainText('1 layanan');
      await expectAccessible(page, js);

      await page.locator('section[aria-labelledby="results-title"]').getByRole('link', { name: 'Akta Kelahiran' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Akta Kelahiran');
      await expect(page.locator('.version-line')).toContainText('Versi 2 · berlaku sejak 8 Juni 2020 pukul 09.00 WITA');
      await expect(page.getByRole('heading', { name: 'Yang berubah dari versi 1' })).toBeVisible();
      await page.getByText(/komponen berubah/).click();
      await expect(page.locator('.diff-del').first()).toBeVisible();
      await expect(page.locator('.diff-del', { hasText: 'Dua orang saksi kelahiran' })).toBeVisible();
      // Changes read as text with words, not as a code diff.
      await expect(page.locator('.diff-del', { hasText: 'Dua orang saksi kelahiran' })).toContainText('Dihapus');
      await expect(page.locator('.diff-changed', { hasText: '3 (tiga) hari kerja' })).toContainText('Diubah');
      await expect(page.locator('.diff-changed', { hasText: '3 (tiga) hari kerja' })).toContainText('Sebelumnya: 7 (tujuh) hari kerja');
      const diffText = await page.locator('section.changes').innerText();
      expect(diffText).not.toMatch(/\*\*|^\s*[-+−] /m);
      expect(await page.locator('.diff-lines').first().evaluate((e) => getComputedStyle(e).fontFamily)).not.toMatch(/mono/i);
      for (const title of ['Persyaratan', 'Biaya/tarif', 'Evaluasi kinerja pelaksana']) {
        await expect(page.getByRole('heading', { name: new RegExp(title.replace('/', '\\/')) }).first()).toBeVisible();
      }
      await expectAccessible(page, js);
      await expectNoHorizontalScroll(page);

      await page.getByRole('link', { name: 'Versi 1' }).click();
      await expect(page.getByText('Anda membaca versi 1, bukan versi yang berlaku.')).toBeVisible();
      await expectAccessible(page, js);

      await page.getByRole('link', { name: 'Baca versi yang berlaku' }).click();
      await page.getByRole('link', { name: 'Versi cetak' }).click();
      await expect(page.locator('.print-layout h1')).toHaveText('Akta Kelahiran');
      await expectAccessible(page, js);
    });

    test('finds a unit in the directory of units by its name', async ({ page }) => {
      await page.goto('/layanan');
      await hydrated(page, js);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Unit layanan');
      await expect(page.getByRole('status')).toHaveText('3 unit layanan');
      await expectAccessible(page, js);
      await expectNoHorizontalScroll(page);
      await page.getByLabel('Saring menurut nama unit').fill('KOTA bandung');
      await page.getByRole('button', { name: 'Saring', exact: true }).click();
      await expect(page.getByRole('status')).toHaveText('1 dari 3 unit dengan nama memuat \u201cKOTA bandung\u201d');
      await expect(page.getByLabel('Saring menurut nama unit')).toHaveValue('KOTA bandung');
      await expectAccessible(page, js);
      await page.getByRole('link', { name: /Kota Bandung/ }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Bandung');
    });

    test('sees a version still to come, a unit page, and a missing page', async ({ page }) => {
      await page.goto('/layanan/disdukcapil-balikpapan/ktp-el');
      await expect(page.getByText(/Versi 2 berlaku mulai/)).toBeVisible();
      await expectAccessible(page, js);
      await page.getByRole('link', { name: 'Dinas Kependudukan dan Pencatatan Sipil Kota Balikpapan' }).click();
      await expect(page.getByRole('heading', { name: 'Maklumat Pelayanan' })).toBeVisible();
      await expectAccessible(page, js);
      await expectNoHorizontalScroll(page);
      const res = await page.goto('/layanan/tidak-ada');
      expect(res?.status()).toBe(404);
      await expect(page.getByRole('heading', { name: 'Halaman tidak ditemukan' })).toBeVisible();
      await expectAccessible(page, js);
    });

    test('switches to English and the choice is remembered', async ({ page }) => {
      await page.goto('/layanan/rsud-jayapura/surat-keterangan-sehat');
      await page.getByRole('link', { name: 'English' }).click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.getByRole('heading', { name: /Requirements/ })).toBeVisible();
      await page.goto('/');
      await expect(page.getByRole('heading', { name: 'Public service standards' })).toBeVisible();
      await expectAccessible(page, js);
      await page.getByRole('link', { name: 'Bahasa Indonesia' }).click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'id');
    });
  });
}

const js = true;
test('the keyboard reaches the skip link first and every control has a visible focus', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Langsung ke isi' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
  expect(outline).not.toBe('none');
});

test('the atom feed lists published standards', async ({ request }) => {
  const res = await request.get('/feed.atom');
  expect(res.headers()['content-type']).toContain('application/atom+xml');
  const body = await res.text();
  expect(body).toContain('<entry>');
  expect(body).toContain('Akta Kelahiran');
});
