import { test, expect } from './fixtures';
import { expectAccessible, expectNoHorizontalScroll, hydrated, signIn } from './helpers';

for (const js of [true, false]) {
  const who = js
    ? { email: 'pimpinan.capil@layanan.go.id', staff: 'Petugas Disdukcapil' }
    : { email: 'pimpinan.ptsp@layanan.go.id', staff: 'Petugas DPMPTSP' };

  test.describe(`manager plans a week under the office cap (${js ? 'with' : 'without'} JavaScript)`, () => {
    test.use({ javaScriptEnabled: js });

    test('plans next week, goes over the cap, is told which shift, fixes it', async ({ page }) => {
      await signIn(page, who.email, js);
      await page.goto('/kelola');
      await page.getByRole('link', { name: 'Jadwal dan petugas' }).first().click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jadwal mingguan');
      await page.getByRole('link', { name: 'Minggu berikutnya →' }).click();
      await hydrated(page, js);
      await expectAccessible(page, js);
      // At 1280 px the whole week shows: Friday afternoon too, with no scrolling.
      await page.setViewportSize({ width: 1280, height: 900 });
      await expectNoHorizontalScroll(page);
      const grid = await page.locator('.roster-wrap').evaluate(el => el.scrollWidth - el.clientWidth);
      expect(grid, 'the roster grid fits at 1280 px').toBeLessThanOrEqual(0);

      // Two counted staff, 20 %: one person in the office per shift. The manager is already
      // at the counter on Tuesday morning; putting the staff member in the office too is one too many.
      const cell = page.getByRole('combobox', { name: new RegExp(`^${who.staff}, Selasa, .*, shift Pagi$`) });
      await expect(cell).toHaveValue('wfh-desk');
      await cell.selectOption('wfo-desk');
      if (js) {
        // The count follows the edit before anything is sent, and a screen reader hears which
        // shift went over.
        const over = page.locator('td.count:has(.cap-over)');
        await expect(over).toHaveCount(1);
        await expect(over).toContainText('2 / 1');
        await expect(over.locator('[aria-live]')).toHaveText(/^Selasa.* Pagi: melebihi batas kantor \(2\)$/);
      }
      await page.getByRole('button', { name: 'Simpan jadwal' }).click();

      const summary = page.locator('.error-summary');
      await expect(summary).toContainText(/Shift Pagi \(07:30–12:00\) Selasa, \d+ \w+ \d{4}: 2 orang bekerja di kantor \(WFO\), melebihi batas 1 orang/);
      // What was typed is still there, and the link leads to the shift's count.
      const again = page.getByRole('combobox', { name: new RegExp(`^${who.staff}, Selasa, .*, shift Pagi$`) });
      await expect(again).toHaveValue('wfo-desk');
      await hydrated(page, js);
      await summary.getByRole('link').first().click();
      await expect(page.locator('td.count:has(.cap-over)')).toBeVisible();

      await again.selectOption('wfh-desk');
      if (js) await expect(page.locator('td.count:has(.cap-over)')).toHaveCount(0);
      await page.getByRole('button', { name: 'Simpan jadwal' }).click();
      await expect(page.getByRole('status')).toContainText('Jadwal disimpan.');
      await expect(page.getByRole('combobox', { name: new RegExp(`^${who.staff}, Selasa, .*, shift Pagi$`) })).toHaveValue('wfh-desk');

      // On a phone the page itself does not scroll sideways; the grid scrolls in its frame.
      await page.setViewportSize({ width: 360, height: 740 });
      await expectNoHorizontalScroll(page);

      await page.getByRole('link', { name: 'Tampilan cetak' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Jadwal');
      await expect(page.getByRole('row', { name: new RegExp(who.staff) })).toContainText('WFH · Daring');
      await expectAccessible(page, js);
    });
  });
}

test('staff read their own schedule; the unit settings name the cap', async ({ page }) => {
  await signIn(page, 'petugas.capil@layanan.go.id');
  await page.goto('/jadwal-saya');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jadwal saya');
  await expect(page.locator('tbody tr').first()).toContainText('WFH (rumah) · meja daring');
  await expectAccessible(page);

  await signIn(page, 'pimpinan.capil@layanan.go.id');
  await page.goto('/kelola');
  await page.getByRole('link', { name: 'Jadwal dan petugas' }).first().click();
  await page.getByRole('link', { name: 'Shift dan batas kantor' }).click();
  await expect(page.getByLabel('Batas kehadiran di kantor')).toHaveValue('20');
  // A shift that ends before it starts is refused with its name, and the typed times stay.
  await page.getByLabel('Jam selesai').first().fill('07:00');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.locator('.error-summary')).toContainText('jam selesai harus sesudah jam mulai');
  await expect(page.getByLabel('Jam selesai').first()).toHaveValue('07:00');
  await expectAccessible(page);
  // Competences: the staff member no longer handles birth certificates.
  await page.getByRole('link', { name: 'Petugas dan tenggat' }).click();
  const card = page.locator('.member-card', { hasText: 'Petugas Disdukcapil' });
  await card.getByLabel('Akta Kelahiran').uncheck();
  await card.getByRole('button', { name: /Simpan/ }).click();
  await expect(page.getByRole('status')).toContainText('Disimpan.');
  await expect(page.locator('.member-card', { hasText: 'Petugas Disdukcapil' }).getByLabel('Akta Kelahiran')).not.toBeChecked();
  // A deadline of zero days is refused with its name, the value kept.
  await page.getByLabel('Penyelesaian — Akta Kelahiran').fill('0');
  await page.getByRole('button', { name: 'Simpan Akta Kelahiran' }).click();
  await expect(page.locator('.error-summary')).toContainText('Penyelesaian (hari kerja) harus angka dari 1 sampai 90.');
  await expect(page.getByLabel('Penyelesaian — Akta Kelahiran')).toHaveValue('0');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Hari libur' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hari libur unit');
  await expectAccessible(page);
});
