import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { landingOf, expectAccessible, expectGapBelowHeader, expectNoHorizontalScroll, expectOneLine, hydrated, mailTo, PASSWORD } from './helpers';
import { CLOCK_BASE } from '../playwright.config';

// These run against the portal whose clock starts on Tuesday 6 April 2027, 09:10 WITA.
// Disdukcapil Balikpapan: one room of 40 m² at 4 m² per visitor, the manager at the counter
// in both shifts serving four per half hour: four places per slot.
test.use({ baseURL: CLOCK_BASE });

const SERVICE = '/janji/layanan/disdukcapil-balikpapan/akta-kelahiran';

async function signInHere(page: Page, email: string) {
  await page.goto('/masuk');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page).toHaveURL(landingOf(email));
}

for (const js of [true, false]) {
  test.describe(`a citizen books, moves and cancels a visit (${js ? 'with' : 'without'} JavaScript)`, () => {
    test.use({ javaScriptEnabled: js });

    test('books from the standard page, gets a code and a calendar file, moves it, cancels it', async ({ page }) => {
      const email = js ? 'siti.js@contoh.id' : 'siti.nojs@contoh.id';
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto('/layanan/disdukcapil-balikpapan/akta-kelahiran');
      await page.getByRole('link', { name: 'Buat janji temu di kantor' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pilih tanggal dan jam kunjungan');
      await hydrated(page, js);

      // A Saturday is refused with the reason, the typed date stays, the next free slots are offered.
      // Dates are hinted, typed and shown day first, as Indonesians write them.
      await expect(page.locator('#tanggal-hint')).toContainText('misalnya 01-12-2026');
      await page.getByLabel('Tanggal', { exact: true }).fill('10-04-2027');
      await page.getByRole('button', { name: 'Tampilkan jam' }).click();
      await expect(page.locator('#tanggal-error')).toContainText('Kantor tidak menerima kunjungan pada tanggal itu');
      await expect(page.getByLabel('Tanggal', { exact: true })).toHaveValue('10-04-2027');
      await expect(page.getByRole('heading', { name: 'Jam terdekat yang masih kosong' })).toBeVisible();
      await expectAccessible(page, js);

      // Thursday, 09:00: four places.
      await page.getByLabel('Tanggal', { exact: true }).fill('8/4/2027');
      await page.getByRole('button', { name: 'Tampilkan jam' }).click();
      await expect(page.getByLabel('Tanggal', { exact: true })).toHaveValue('08-04-2027');
      await hydrated(page, js);
      const nine = page.getByLabel(/^09:00–09:30 WITA/);
      await expect(nine).toBeVisible();
      await expect(page.locator('label[for]', { hasText: '09:00–09:30 WITA' })).toContainText(/\d tempat tersisa/);
      await nine.check();
      await page.getByRole('button', { name: 'Lanjutkan' }).click();

      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Siapa yang akan datang?');
      await hydrated(page, js);
      await page.getByLabel('Nama lengkap').fill('Siti Aminah');
      await page.getByLabel('Alamat email').fill('siti@');
      await page.getByRole('button', { name: 'Lanjutkan' }).click();
      await expect(page.locator('.error-summary')).toContainText('Masukkan alamat email yang benar');
      await expect(page.locator('.error-summary')).toContainText('Nomor telepon atau WhatsApp wajib diisi');
      await expect(page.getByLabel('Nama lengkap')).toHaveValue('Siti Aminah');
      await page.getByLabel('Alamat email').fill(email);
      await page.getByLabel(/Nomor telepon/).fill('0812 3456 7890');
      await page.getByRole('button', { name: 'Lanjutkan' }).click();

      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Periksa janji temu Anda');
      await expect(page.locator('.summary-list')).toContainText('Kamis, 8 April 2027, 09:00–09:30 WITA');
      await expectAccessible(page, js);
      await hydrated(page, js);
      await page.getByRole('button', { name: 'Buat janji temu' }).click();

      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Janji temu tercatat');
      const code = (await page.locator('#booking-code').textContent())!.trim();
      expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
      await expectOneLine(page.locator('#booking-code'));
      await expectGapBelowHeader(page, page.locator('.panel-confirm'));
      await expect(page.locator('.qr-code svg')).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Yang perlu dibawa' })).toBeVisible();
      await expectNoHorizontalScroll(page);
      await expectAccessible(page, js);

      // The mail carries the time in WITA and a calendar file that says so.
      const mail = await mailTo(email, new RegExp(`Kode janji temu: ${code}`));
      expect(mail).toContain('Kamis, 8 April 2027, 09:00–09:30 WITA');
      expect(mail).toContain('text/calendar');
      expect(mail).toContain('DTSTART;TZID=Asia/Makassar:20270408T090000');

      // Move it to Friday 10:00, with the same code.
      await hydrated(page, js);
      await page.getByRole('link', { name: 'Pindahkan ke jam lain' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pindahkan janji temu');
      await expect(page.locator('#moving-from')).toHaveText('Kamis, 8 April 2027, 09:00–09:30 WITA');
      await page.getByLabel('Tanggal', { exact: true }).fill('9 April 2027');
      await page.getByRole('button', { name: 'Tampilkan jam' }).click();
      await hydrated(page, js);
      await page.getByLabel(/^10:00–10:30 WITA/).check();
      await page.getByRole('button', { name: 'Pindahkan ke jam ini' }).click();
      await expect(page.getByRole('status')).toContainText('Jadwal dipindah');
      await expect(page.locator('#booking-when')).toHaveText('Jumat, 9 April 2027, 10:00–10:30 WITA');
      await expect(page.locator('#booking-code')).toHaveText(code);
      await mailTo(email, /telah dipindah/);

      // Cancel: one press only asks; the page says what will happen, and going back changes nothing.
      await hydrated(page, js);
      await page.getByRole('link', { name: 'Batalkan janji temu' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Batalkan janji temu ini?');
      await expect(page.locator('main')).toContainText('dilepas dan dapat dipesan orang lain');
      await expect(page.locator('main')).toContainText('tidak dapat diurungkan');
      await expectNoHorizontalScroll(page);
      await expectAccessible(page, js);
      await page.getByRole('link', { name: 'Tidak, kembali' }).click();
      await expect(page.locator('.summary-list')).toContainText('Terjadwal');
      await expect(page.locator('#booking-when')).toHaveText('Jumat, 9 April 2027, 10:00–10:30 WITA');

      // Cancel for real: the place goes back, the booking and its history stay.
      await page.getByRole('link', { name: 'Batalkan janji temu' }).click();
      await hydrated(page, js);
      await page.getByRole('button', { name: 'Ya, batalkan janji temu' }).click();
      await expect(page.getByRole('status')).toContainText('Janji temu dibatalkan');
      await expect(page.locator('.summary-list')).toContainText('Dibatalkan');
      await expect(page.locator('.timeline')).toContainText('Jadwal dipindah');
      await expect(page.getByRole('link', { name: 'Batalkan janji temu' })).toHaveCount(0);
      await expect(page.getByRole('link', { name: 'Buat janji temu baru' })).toBeVisible();
      await mailTo(email, /telah dibatalkan/);

      // A cancelled appointment's move page says so at once, and offers no times.
      await page.goto(`${SERVICE}?ubah=${code.replace(/-/g, '')}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Janji temu ini tidak dapat dipindah');
      await expect(page.getByRole('status')).toContainText('dibatalkan');
      await expect(page.getByRole('button', { name: 'Pindahkan ke jam ini' })).toHaveCount(0);
      await expectAccessible(page, js);
    });
  });
}

test('the counter checks visitors in by code, marks the absent, serves, takes a walk-in', async ({ page }) => {
  await signInHere(page, 'petugas.capil@layanan.go.id');
  await page.getByRole('link', { name: 'Loket', exact: true }).click();
  await page.getByRole('link', { name: /Dinas Kependudukan/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Loket');
  await expect(page.locator('.lead')).toContainText('Selasa, 6 April 2027');
  await hydrated(page);
  // Budi booked 08:00; the check-in field has the focus, as a QR scanner types into it.
  const budi = page.locator('.visitor', { hasText: 'Budi Santoso' });
  const code = (await budi.locator('.code-small').textContent())!.trim();
  await expect(page.getByLabel(/Catat kedatangan/)).toBeFocused();
  await page.keyboard.type(code.toLowerCase().replace(/-/g, ' '));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Budi Santoso');
  await expect(page.locator('.visitor', { hasText: 'Budi Santoso' })).toContainText('Sudah datang');
  // A mistyped code: a clear message, and the field keeps its place.
  await page.getByLabel(/Catat kedatangan/).fill('AAAAA-BBBBB-CCCCC');
  await page.getByRole('button', { name: 'Catat datang' }).click();
  await expect(page.locator('.error-summary')).toContainText('Kode janji temu tidak dikenal');
  await page.getByRole('button', { name: /^Selesai dilayani\s*: Budi Santoso$/ }).click();
  await expect(page.locator('.visitor', { hasText: 'Budi Santoso' })).toContainText('Selesai dilayani');
  // Rina (08:30) has not come and the grace period is over.
  await page.getByRole('button', { name: /^Tidak datang\s*: Rina Wulandari$/ }).click();
  await expect(page.locator('.visitor', { hasText: 'Rina Wulandari' })).toContainText('Tidak datang');
  // A walk-in in the slot running now (09:00).
  await page.getByLabel('Nama pengunjung').fill('Pak Darto');
  await expect(page.getByLabel('Jam', { exact: true })).toHaveValue('09:00');
  await page.getByRole('button', { name: 'Catat pengunjung tanpa janji' }).click();
  await expect(page.getByRole('status')).toContainText('Pak Darto');
  const row = page.locator('table.counts tbody tr', { hasText: '09:00–09:30' });
  await expect(row.locator('td').nth(2)).toHaveText('1');
  await expectAccessible(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await expectNoHorizontalScroll(page);
});

test('a day closed for disinfection moves its visitors, who are told and pick a new time', async ({ page, browser }) => {
  await signInHere(page, 'pimpinan.capil@layanan.go.id');
  await page.getByRole('link', { name: 'Janji temu dan ruang' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Janji temu');
  await expectAccessible(page);
  // Dewi booked tomorrow, 09:00.
  await page.getByLabel('Tanggal tutup').fill('07-04-2027');
  await page.getByLabel('Alasan').fill('Disinfeksi ruang pelayanan');
  await page.getByRole('button', { name: 'Tutup hari itu' }).click();
  await expect(page.getByRole('status')).toContainText('1 janji temu melebihi kapasitas baru');
  await expect(page.locator('body')).toContainText('Rabu, 7 April 2027 — Disinfeksi ruang pelayanan');

  const mail = await mailTo('dewi.disdukcapil-balikpapan@contoh.id', /tidak dapat dilayani pada jam itu/);
  expect(mail).toContain('Jam terdekat yang masih kosong');
  const link = mail.match(/https?:\/\/127\.0\.0\.1:3101\/janji\/kode\/[0-9A-Z]+/)![0];

  const visitor = await (await browser.newContext({ baseURL: CLOCK_BASE })).newPage();
  await visitor.goto(link);
  await expect(visitor.getByRole('heading', { name: 'Jam ini tidak dapat dilayani lagi' })).toBeVisible();
  await visitor.getByRole('link', { name: 'Pilih jam baru' }).click();
  await hydrated(visitor);
  await visitor.locator('input[name=slot]:not([disabled])').first().check();
  await visitor.getByRole('button', { name: 'Pindahkan ke jam ini' }).click();
  await expect(visitor.getByRole('status')).toContainText('Jadwal dipindah');
  await expect(visitor.locator('.summary-list')).toContainText('Terjadwal');
  await expect(visitor.locator('.timeline')).toContainText('Kapasitas dikurangi');
});
