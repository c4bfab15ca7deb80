import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { expectAccessible, expectGapBelowHeader, expectNoHorizontalScroll, expectOneLine, hydrated, mailTo, signIn } from './helpers';

// A small PNG with a text chunk (where XMP locations live) that the portal strips.
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
}
const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a', 'hex'),
  chunk('IHDR', Buffer.from('00000001000000010806000000', 'hex')),
  chunk('tEXt', Buffer.from('GPS\u0000-1.2345,116.8', 'latin1')),
  chunk('IDAT', Buffer.from('789c6300010000050001', 'hex')),
  chunk('IEND', Buffer.alloc(0)),
]);

async function fillReport(page: Page, email: string, subject: string) {
  await page.getByLabel('Konsultasi').check();
  await page.getByLabel('Unit dan layanan').selectOption('disdukcapil-balikpapan/akta-kelahiran');
  await page.getByLabel('Judul').fill(subject);
  await page.getByLabel('Uraian').fill('Anak saya lahir di rumah. Surat apa yang harus saya bawa untuk akta kelahiran?');
  await page.getByLabel('Nama', { exact: true }).fill('Dewi Lestari');
  await page.getByLabel('Email').fill(email);
}

for (const js of [true, false]) {
  test.describe(`a citizen reports and follows it (${js ? 'with' : 'without'} JavaScript)`, () => {
    test.use({ javaScriptEnabled: js, viewport: { width: 360, height: 780 } });

    test('form → check answers → code → mail confirmation → staff reply → citizen reads it', async ({ page, browser }) => {
      const stamp = Date.now();
      const email = `dewi.${js ? 'js' : 'nojs'}.${stamp}@contoh.id`;
      const subject = `Surat untuk akta kelahiran ${js ? 'A' : 'B'}${stamp}`;

      // From the standard page.
      await page.goto('/layanan/disdukcapil-balikpapan/akta-kelahiran');
      await hydrated(page, js);
      await page.getByRole('link', { name: 'Tanya / adukan layanan ini' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sampaikan konsultasi atau pengaduan');
      await expect(page.getByLabel('Unit dan layanan')).toHaveValue('disdukcapil-balikpapan/akta-kelahiran');
      await expectAccessible(page, js);
      await expectNoHorizontalScroll(page);

      // A mistake: told what and where, nothing typed is lost, the file is kept.
      await fillReport(page, email, subject);
      await page.getByLabel('Uraian').fill('Pendek');
      await page.getByLabel('Lampiran', { exact: true }).setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: PNG });
      await page.getByRole('button', { name: 'Lanjutkan' }).click();
      await expect(page.locator('.error-summary')).toContainText('Uraian paling sedikit 20 karakter.');
      await expect(page.getByLabel('Judul')).toHaveValue(subject);
      await expect(page.getByLabel('Email')).toHaveValue(email);
      await expect(page.getByLabel(/foto\.png/)).toBeChecked();
      await expectAccessible(page, js);

      // Too long: the count beside the box says so before sending (with JavaScript), and
      // after sending every character is still there.
      const long = 'Anak saya lahir di rumah.'.repeat(166);
      await page.getByLabel('Uraian').fill(long);
      if (js) await expect(page.locator('#body-count')).toHaveText('4150 dari 4000 karakter — kelebihan 150');
      await page.getByRole('button', { name: 'Lanjutkan' }).click();
      await expect(page.locator('.error-summary')).toContainText('yang tertulis 4150. Persingkat 150 karakter.');
      await expect(page.getByLabel('Uraian')).toHaveValue(long);
      await expect(page.locator('#body-count')).toContainText('4150 dari 4000 karakter');

      await page.getByLabel('Uraian').fill('Anak saya lahir di rumah. Surat apa yang harus saya bawa untuk akta kelahiran?');
      if (js) await expect(page.locator('#body-count')).toHaveText('78 dari 4000 karakter');
      await page.getByRole('button', { name: 'Lanjutkan' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Periksa jawaban Anda sebelum mengirim');
      await expect(page.locator('.summary-list').first()).toContainText(subject);
      await expect(page.locator('.summary-list').first()).toContainText('foto.png');
      await hydrated(page, js);
      await expectAccessible(page, js);

      // A double click makes one report.
      await page.getByRole('button', { name: 'Kirim laporan' }).dblclick();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Laporan terkirim');
      const code = (await page.locator('#tracking-code').textContent())!.trim();
      expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
      await expectOneLine(page.locator('#tracking-code'));
      await expectGapBelowHeader(page, page.locator('.panel-confirm'));
      await expect(page.getByText('Satu langkah lagi: konfirmasi email')).toBeVisible();
      await expectAccessible(page, js);

      // The back button does not send it again.
      await page.goBack();
      await page.reload();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tidak ada laporan yang sedang diisi');

      // The confirmation mail arrived at the SMTP server; its link routes the report.
      const mail = await mailTo(email, /Konfirmasi/);
      expect(mail).toContain(code);
      const link = mail.match(/http:\/\/[^\s"<]+\/konfirmasi\/[0-9a-f]{64}/)![0];
      await page.goto(new URL(link).pathname);
      // The link asks for one press (a mail scanner opening it confirms nothing).
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Konfirmasi email Anda');
      await page.getByRole('button', { name: 'Konfirmasi dan teruskan laporan' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Email terkonfirmasi');

      // Tracking by code, typed in lower case without dashes.
      await page.goto('/lacak');
      await hydrated(page, js);
      await page.getByLabel('Kode pelacakan').fill(code.replace(/-/g, '').toLowerCase());
      await page.getByRole('button', { name: 'Lacak' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(subject);
      await expect(page.locator('.status-explanation')).toContainText('sudah masuk ke unit layanan');
      await expectAccessible(page, js);

      // Staff: find it in the inbox, note internally, answer and resolve.
      const staffCtx = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 360, height: 780 } });
      const staff = await staffCtx.newPage();
      // Staff land in their one unit's inbox.
      await signIn(staff, 'petugas.capil@layanan.go.id', js);
      await expect(staff).toHaveURL(/\/petugas\/disdukcapil-balikpapan$/);
      await expect(staff.getByRole('heading', { level: 1 })).toContainText('Dinas Kependudukan');
      await hydrated(staff, js);
      await staff.getByLabel('Kode atau kata').fill(code);
      await staff.getByRole('button', { name: 'Terapkan' }).click();
      await expect(staff.getByRole('link', { name: subject })).toHaveCount(1);
      await expectAccessible(staff, js);
      await expectNoHorizontalScroll(staff);
      await staff.getByRole('link', { name: subject }).click();
      await expect(staff.getByRole('heading', { level: 1 })).toHaveText(subject);
      await expect(staff.locator('.reporter-box')).toContainText('Dewi Lestari');
      await hydrated(staff, js);
      await expectNoHorizontalScroll(staff);
      // One form is open, the reply; every other action is folded under a line that says
      // where it stands, and opens with a press (no script needed).
      await expect(staff.getByLabel('Status baru')).toBeHidden();
      await expect(staff.getByLabel('Unit tujuan')).toBeHidden();
      await expect(staff.getByLabel('Nomor laporan utama')).toBeHidden();
      const statusSection = staff.locator('details#status');
      await statusSection.locator('summary').click();
      await staff.getByLabel('Status baru').selectOption('in_progress');
      await staff.getByRole('button', { name: 'Ubah status', exact: true }).click();
      // The page comes back where the action was done, with its result in view.
      await expect(staff.getByText('Status diubah.')).toBeInViewport();
      await expect(statusSection.locator('summary')).toContainText('Sekarang: Sedang ditindaklanjuti');
      await expect(statusSection.locator('summary')).toBeInViewport();
      await expectAccessible(staff, js);
      await staff.getByLabel('Pesan', { exact: true }).fill('CATATAN INTERNAL: cek arsip kelahiran');
      await staff.getByLabel('Catatan internal').check();
      await staff.getByRole('button', { name: 'Kirim', exact: true }).click();
      await expect(staff.getByText('Catatan internal disimpan.')).toBeInViewport();
      await staff.getByLabel('Pesan', { exact: true }).fill('Bawa surat keterangan lahir dari bidan, KK dan KTP-el orang tua.');
      await staff.getByLabel('Lalu ubah status (tidak wajib)').selectOption('resolved');
      await staff.getByRole('button', { name: 'Kirim', exact: true }).click();
      await expect(staff.getByText('Tanggapan terkirim ke pelapor.')).toBeInViewport();
      await expectAccessible(staff, js);
      await staffCtx.close();

      // The citizen gets the answer by mail and on the page; never the internal note.
      const reply = await mailTo(email, /surat keterangan lahir dari bidan/);
      expect(reply).not.toContain('CATATAN INTERNAL');
      await page.goto(`/lacak/${code.replace(/-/g, '')}`);
      await hydrated(page, js);
      await expect(page.locator('.timeline')).toContainText('Bawa surat keterangan lahir dari bidan');
      // The answer comes first, on the phone's first screen, above the report itself.
      const answer = page.getByRole('region', { name: 'Jawaban petugas' });
      await expect(answer).toContainText('Bawa surat keterangan lahir dari bidan');
      const answerBox = (await answer.boundingBox())!;
      expect(answerBox.y, 'the answer starts on the first screen').toBeLessThan(780);
      const reportBox = (await page.locator('.report-body').boundingBox())!;
      expect(answerBox.y).toBeLessThan(reportBox.y);
      await expect(page.locator('body')).not.toContainText('CATATAN INTERNAL');
      await expect(page.locator('.tag')).toContainText('Selesai');
      await expectAccessible(page, js);
      await expectNoHorizontalScroll(page);

      // Rating: a missing choice is named, then it is accepted once.
      await page.getByRole('button', { name: 'Kirim penilaian' }).click();
      await expect(page.locator('.error-summary')).toContainText(/[Pp]enilaian/);
      await page.getByLabel('4 — Sangat puas').check();
      await page.getByRole('button', { name: 'Kirim penilaian' }).click();
      await expect(page.getByText('Penilaian Anda: 4/4')).toBeVisible();
    });
  });
}

test('staff of another unit get a 404 for a report that is not theirs', async ({ page }) => {
  await signIn(page, 'petugas.ptsp@layanan.go.id');
  const res = await page.goto('/petugas/disdukcapil-balikpapan/tiket/1');
  expect(res!.status()).toBe(404);
});

test('a mistyped tracking code is caught by its check character', async ({ page }) => {
  await page.goto('/lacak');
  await hydrated(page);
  await page.getByLabel('Kode pelacakan').fill('AAAAA-AAAAA-AAAAB');
  await page.getByRole('button', { name: 'Lacak' }).click();
  await expect(page.locator('.error-summary')).toContainText('Kode pelacakan tidak dikenal');
  await expect(page.getByLabel('Kode pelacakan')).toHaveValue('AAAAA-AAAAA-AAAAB');
});

test('the public register lists answered public questions without personal data', async ({ page }) => {
  await page.goto('/laporan-publik');
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'Akta kelahiran anak yang lahir di luar kota' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText('Rina Wulandari');
  await expect(page.locator('body')).not.toContainText('Diminta membayar');
  await expectAccessible(page);
});
