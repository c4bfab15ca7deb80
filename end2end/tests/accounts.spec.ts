import { test, expect } from './fixtures';
import { landingOf, expectAccessible, expectNoHorizontalScroll, hydrated, mailsTo, PASSWORD } from './helpers';

// The RSUD's staff account is used by no other test: its password changes here.
const EMAIL = 'petugas.rsud@layanan.go.id';

for (const js of [true, false]) {
  test(`a staff member forgets the password, resets it by mail and signs out the other device (JavaScript ${js ? 'on' : 'off'})`, async ({ browser }) => {
    const phone = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 360, height: 780 } });
    const page = await phone.newPage();
    // Signed in on another device first.
    const other = await (await browser.newContext()).newPage();
    await other.goto('/masuk');
    await other.getByLabel('Email').fill(EMAIL);
    await other.getByLabel('Kata sandi').fill(js ? PASSWORD : 'sawah hijau pagi cerah 7');
    await other.getByRole('button', { name: 'Masuk' }).click();
    await expect(other).toHaveURL(landingOf(EMAIL));

    await page.goto('/masuk');
    await page.getByRole('link', { name: 'Lupa kata sandi?' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lupa kata sandi');
    await hydrated(page, js);
    await expectAccessible(page, js);
    await expectNoHorizontalScroll(page);
    const before = (await mailsTo(EMAIL, /\/atur-sandi\//)).length;
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByRole('button', { name: 'Kirim tautan' }).click();
    await expect(page.getByText('Jika alamat itu milik akun yang aktif')).toBeVisible();

    await expect.poll(async () => (await mailsTo(EMAIL, /\/atur-sandi\//)).length, { timeout: 15_000 }).toBe(before + 1);
    const mail = (await mailsTo(EMAIL, /\/atur-sandi\//))[before];
    const link = mail.match(/https?:\/\/[^\s"<>]+\/atur-sandi\/[0-9a-f]{64}/)![0];
    await page.goto(new URL(link).pathname);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Buat kata sandi baru');
    await hydrated(page, js);
    await expect(page.getByText('Paling sedikit 12 karakter')).toBeVisible();
    // A guessable one is refused, with why; then a phrase of random words goes through.
    await page.getByLabel('Kata sandi baru', { exact: true }).fill('Bismillah2026!');
    await page.getByLabel('Ulangi kata sandi baru').fill('Bismillah2026!');
    await page.getByRole('button', { name: 'Simpan kata sandi baru' }).click();
    await expect(page.locator('.error-summary')).toContainText('terlalu umum');
    await expectAccessible(page, js);
    const fresh = js ? 'sawah hijau pagi cerah 7' : 'layang layang merah sungai 9';
    await page.getByLabel('Kata sandi baru', { exact: true }).fill(fresh);
    await page.getByLabel('Ulangi kata sandi baru').fill(fresh);
    await page.getByRole('button', { name: 'Simpan kata sandi baru' }).click();
    await expect(page.getByText('Kata sandi baru disimpan.')).toBeVisible();

    // The reset ended the other device's session.
    await other.goto('/akun');
    await expect(other.getByRole('heading', { level: 1 })).toHaveText('Silakan masuk');

    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Kata sandi').fill(fresh);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect(page).toHaveURL(landingOf(EMAIL));
    await page.getByRole('link', { name: /Akun Anda, masuk sebagai/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Akun Anda');
    await hydrated(page, js);
    await expectAccessible(page, js);
    await expectNoHorizontalScroll(page);
    await page.getByRole('button', { name: 'Keluarkan semua perangkat lain' }).click();
    await expect(page.getByText('Semua perangkat lain telah dikeluarkan.')).toBeVisible();
    await phone.close();
  });
}
