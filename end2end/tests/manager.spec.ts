import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { expectAccessible, hydrated, signIn, signInAdmin } from './helpers';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function openEditor(page: Page, service: string, js = true) {
  await page.goto('/kelola');
  await expectAccessible(page, js);
  await page.getByRole('row', { name: new RegExp(escape(service)) }).getByRole('link', { name: /Ubah standar|Lanjutkan draf/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(service);
  await hydrated(page, js);
}

for (const js of [true, false]) {
  const who = js
    ? { email: 'pimpinan.capil@layanan.go.id', unit: 'disdukcapil-balikpapan', service: 'Kartu Keluarga', slug: 'kartu-keluarga' }
    : { email: 'pimpinan.rsud@layanan.go.id', unit: 'rsud-jayapura', service: 'Pendaftaran Rawat Jalan', slug: 'pendaftaran-rawat-jalan' };

  test.describe(`manager publishes a new version (${js ? 'with' : 'without'} JavaScript)`, () => {
    test.use({ javaScriptEnabled: js });

    test('edits, is told what is missing, previews, publishes; citizens see it', async ({ page }) => {
      await signIn(page, who.email, js);
      await openEditor(page, who.service, js);
      await expectAccessible(page, js);

      const requirements = page.getByLabel('1. Persyaratan: dokumen yang dibawa');
      const fee = page.getByLabel('4. Biaya/tarif');
      const original = await requirements.inputValue();
      await requirements.fill(`${original}\n6. Bukti vaksinasi tidak diperlukan`);
      await fee.fill('');
      await page.getByLabel(/Ringkasan perubahan/).fill('Persyaratan diperjelas.');
      await page.getByRole('button', { name: 'Simpan draf dan pratinjau' }).click();

      // The error summary names the empty component and links to it; nothing typed is lost.
      const summary = page.locator('.error-summary');
      await expect(summary).toContainText('Biaya/tarif wajib diisi.');
      // The page drawn after the refusal opens with the reader at the summary.
      await expect(summary).toBeFocused();
      await expect(page.getByLabel('1. Persyaratan: dokumen yang dibawa')).toHaveValue(/Bukti vaksinasi tidak diperlukan/);
      await expect(page.getByLabel(/Ringkasan perubahan/)).toHaveValue('Persyaratan diperjelas.');
      await expectAccessible(page, js);
      await summary.getByRole('link', { name: 'Biaya/tarif wajib diisi.' }).click();
      await expect(page).toHaveURL(/#c-biaya$/);

      await page.getByLabel('4. Biaya/tarif').fill('Rp 0 (gratis).');
      await page.getByRole('button', { name: 'Simpan draf dan pratinjau' }).click();
      await expect(page).toHaveURL(/\/pratinjau$/);
      await expect(page.getByText('Pratinjau versi 2 (belum terbit)')).toBeVisible();
      await expect(page.locator('.diff-add', { hasText: 'Bukti vaksinasi tidak diperlukan' })).toContainText('Baru');
      await expectAccessible(page, js);

      // A date in the past is refused with a clear message; the typed date stays.
      await page.getByLabel('Pada tanggal dan jam berikut').check();
      await page.getByLabel('Tanggal berlaku').fill('01-01-2020');
      await page.getByRole('button', { name: 'Terbitkan versi ini' }).click();
      await expect(page.locator('.error-summary')).toContainText('Tanggal berlaku tidak boleh di masa lalu.');
      await expect(page.getByLabel('Tanggal berlaku')).toHaveValue('01-01-2020');
      await expectAccessible(page, js);

      await page.getByLabel('Segera setelah terbit').check();
      await page.getByRole('button', { name: 'Terbitkan versi ini' }).click();
      await expect(page).toHaveURL(new RegExp(`/layanan/${who.unit}/${who.slug}\\?terbit=1$`));
      await expect(page.getByText('Standar pelayanan telah diterbitkan.')).toBeVisible();

      // A citizen, signed out, sees the new version and what changed.
      await page.context().clearCookies();
      await page.goto(`/layanan/${who.unit}/${who.slug}`);
      await expect(page.locator('.version-line')).toContainText('Versi 2 · berlaku sejak');
      await expect(page.getByRole('heading', { name: 'Yang berubah dari versi 1' })).toBeVisible();
      await expect(page.locator('#persyaratan')).toContainText('Bukti vaksinasi tidak diperlukan');
      await expectAccessible(page, js);
    });
  });
}

const js = true;
test('a version dated before the one already scheduled is refused', async ({ page }) => {
  await signIn(page, 'pimpinan.capil@layanan.go.id');
  await openEditor(page, 'KTP Elektronik');
  await page.getByRole('button', { name: 'Simpan draf dan pratinjau' }).click();
  await expect(page).toHaveURL(/\/pratinjau$/);
  await hydrated(page);
  await page.getByRole('button', { name: 'Terbitkan versi ini' }).click();
  await expect(page.locator('.error-summary')).toContainText('tidak boleh sebelum tanggal berlaku versi sebelumnya');
});

test('a second editor is told of the conflict and keeps their text', async ({ browser }) => {
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  for (const p of [a, b]) {
    await signIn(p, 'pimpinan.ptsp@layanan.go.id');
    await openEditor(p, 'Persetujuan Bangunan Gedung (PBG)');
  }
  await a.getByLabel('3. Jangka waktu penyelesaian').fill('Paling lama 20 hari kerja.');
  await a.getByRole('button', { name: 'Simpan draf dan pratinjau' }).click();
  await expect(a).toHaveURL(/\/pratinjau$/);

  await b.getByLabel('3. Jangka waktu penyelesaian').fill('Paling lama 25 hari kerja.');
  await b.getByRole('button', { name: 'Simpan draf dan pratinjau' }).click();
  await expect(b.getByRole('heading', { name: 'Draf diubah orang lain' })).toBeVisible();
  await expect(b.getByLabel('3. Jangka waktu penyelesaian')).toHaveValue('Paling lama 25 hari kerja.');
  await expect(b.locator('.theirs')).toContainText('Paling lama 20 hari kerja.');
  await expectAccessible(b);
  // Saving again, having seen the other text, goes through.
  await b.getByRole('button', { name: 'Simpan draf dan pratinjau' }).click();
  await expect(b).toHaveURL(/\/pratinjau$/);
  await expect(b.locator('#jangka-waktu')).toContainText('Paling lama 25 hari kerja.');
});

test('admin pages pass accessibility checks and refuse bad input clearly', async ({ page }) => {
  await signInAdmin(page);
  await page.goto('/admin');
  await hydrated(page);
  await expectAccessible(page, js);
  await page.getByRole('button', { name: 'Tambah unit' }).click();
  await expect(page.locator('.error-summary').first()).toContainText('Nama wajib diisi.');
  await expectAccessible(page, js);
});

test('sign-in, new service and service pledge pages are accessible and keep what was typed', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/masuk');
  await expectAccessible(page, false);
  await signIn(page, 'pimpinan.rsud@layanan.go.id', false);

  await page.getByRole('link', { name: 'Tambah layanan' }).click();
  await expectAccessible(page, false);
  await page.getByLabel('Nama layanan').fill('Legalisir Surat Keterangan');
  await page.getByLabel('Alamat halaman').fill('Legalisir Surat');
  await page.getByRole('button', { name: 'Tambah dan isi standar' }).click();
  await expect(page.locator('.error-summary')).toContainText('Alamat halaman hanya boleh berisi huruf kecil');
  await expect(page.getByLabel('Nama layanan')).toHaveValue('Legalisir Surat Keterangan');
  await expectAccessible(page, false);
  await page.getByLabel('Alamat halaman').fill('legalisir-surat');
  await page.getByLabel('Ringkasan', { exact: true }).fill('Legalisir salinan surat keterangan dari rumah sakit.');
  await page.getByLabel('Kata kunci dalam bahasa Inggris').fill('legalised copy, certified copy');
  await page.getByRole('button', { name: 'Tambah dan isi standar' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Legalisir Surat Keterangan');

  // Its English words and summary can be added later; an English search then finds it.
  await page.goto('/kelola');
  await page.getByRole('link', { name: 'Keterangan Legalisir Surat Keterangan' }).click();
  await expect(page.getByLabel('Kata kunci dalam bahasa Inggris')).toHaveValue('legalised copy, certified copy');
  await page.getByLabel('Ringkasan dalam bahasa Inggris').fill('Certified copies of letters from the hospital.');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByText('Keterangan layanan disimpan.')).toBeVisible();
  await expectAccessible(page, false);
  await page.goto('/?q=certified+copy&bahasa=en');
  await expect(page.locator('section[aria-labelledby="results-title"]')).toContainText('Legalisir Surat Keterangan');
  await expect(page.locator('section[aria-labelledby="results-title"]')).toContainText('Certified copies of letters from the hospital.');
  await page.goto('/?bahasa=id');

  await page.goto('/kelola');
  await page.getByRole('link', { name: 'Maklumat Pelayanan' }).click();
  await expectAccessible(page, false);
  await page.getByLabel('Teks maklumat').fill('');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.locator('.error-summary')).toContainText('Maklumat Pelayanan wajib diisi.');
  await context.close();
});
