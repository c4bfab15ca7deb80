import { test, expect } from './fixtures';
import { expectAccessible, expectNoHorizontalScroll, hydrated, mailTo, signIn, signInAdmin } from './helpers';

// An admin issues a key on a phone, with the keyboard; another app uses it to send a report
// through Open311, the reporter confirms it, staff resolve it, and the app reads it closed.
test('an admin issues an Open311 key and an app follows its report to the end', async ({ page, browser, request }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  // The developers' page, from the footer.
  await page.goto('/');
  await page.getByRole('link', { name: 'Open311 untuk pengembang aplikasi' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Open311 untuk pengembang aplikasi');
  await expect(page.locator('pre')).toContainText('/open311/v2/requests.json');
  await hydrated(page);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  await signInAdmin(page);
  await page.goto('/admin');
  await page.getByRole('link', { name: 'Kunci API Open311 untuk aplikasi lain' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kunci API Open311');
  await hydrated(page);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  // Nothing typed: the summary takes the focus and names the field.
  await page.getByLabel('Nama aplikasi').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('0');
  await page.getByRole('button', { name: 'Buat kunci' }).press('Enter');
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Nama aplikasi wajib diisi.');
  await expect(summary).toContainText('Laporan per jam harus angka dari 1 sampai 10000.');
  await expectAccessible(page);

  const appName = `Aplikasi Warga Balikpapan ${Date.now()}`;
  await page.getByLabel('Nama aplikasi').fill(appName);
  await page.getByLabel('Laporan per jam').fill('20');
  await page.getByLabel('Laporan per jam').press('Enter');
  const shown = page.locator('#new-key');
  await expect(shown).toBeVisible();
  const key = (await shown.textContent())!.trim();
  expect(key).toMatch(/^lyn_[0-9a-f]{48}$/);
  await expect(page.getByRole('row', { name: new RegExp(appName) })).toContainText('Belum pernah');
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  // The app discovers the interface, finds the service and sends a report.
  const discovery = await (await request.get('/open311/v2/discovery.json')).json();
  const base = new URL(discovery.endpoints[0].url).pathname;
  const services: any[] = await (await request.get(`${base}/services.json`)).json();
  const akta = services.find(s => s.service_name === 'Akta Kelahiran');
  expect(akta.group).toBe('Dinas Kependudukan dan Pencatatan Sipil Kota Balikpapan');
  const definition = await (await request.get(`${base}/services/${akta.service_code}.json`)).json();
  expect(definition.attributes.map((a: any) => a.code)).toEqual(['jenis', 'judul', 'anonim', 'rahasia']);
  const email = `open311.${Date.now()}@contoh.id`;
  const posted = await request.post(`${base}/requests.json`, {
    form: {
      api_key: key,
      service_code: akta.service_code,
      'attribute[jenis]': 'konsultasi',
      'attribute[judul]': 'Akta untuk anak yang lahir di luar kota',
      description: 'Anak saya lahir di Samarinda. Apakah aktanya bisa diurus di Balikpapan?',
      first_name: 'Rina',
      last_name: 'Susanti',
      email,
    },
  });
  expect(posted.status()).toBe(200);
  const [receipt] = await posted.json();
  expect(receipt.service_request_id).toBeNull();
  const code = receipt.service_notice.match(/[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}/)![0];

  // The reporter confirms by mail; the token then gives the id.
  const mail = await mailTo(email, /Konfirmasi/);
  expect(mail).toContain(code);
  const link = mail.match(/http:\/\/[^\s"<]+\/konfirmasi\/[0-9a-f]{64}/)![0];
  const reporter = await browser.newPage();
  await reporter.goto(new URL(link).pathname);
  // The link asks for one press (a mail scanner opening it confirms nothing).
  await expect(reporter.getByRole('heading', { level: 1 })).toHaveText('Konfirmasi email Anda');
  await reporter.getByRole('button', { name: 'Konfirmasi dan teruskan laporan' }).click();
  await expect(reporter.getByRole('heading', { level: 1 })).toHaveText('Email terkonfirmasi');
  await reporter.close();
  const [byToken] = await (await request.get(`${base}/tokens/${receipt.token}.json`)).json();
  const id = byToken.service_request_id;
  expect(id).toMatch(/^\d+$/);
  // Until staff answer it and publish its masked text, only the sending app reads it.
  expect((await request.get(`${base}/requests/${id}.xml`)).status()).toBe(404);
  const open = await (await request.get(`${base}/requests/${id}.xml?api_key=${key}`)).text();
  expect(open).toContain('<status>open</status>');
  expect(open).not.toContain('Susanti');

  // Staff answer and resolve it in their inbox.
  const staffCtx = await browser.newContext({ viewport: { width: 360, height: 780 } });
  const staff = await staffCtx.newPage();
  await signIn(staff, 'petugas.capil@layanan.go.id');
  await staff.goto('/petugas/disdukcapil-balikpapan');
  await hydrated(staff);
  await staff.getByLabel('Kode atau kata').fill(code);
  await staff.getByRole('button', { name: 'Terapkan' }).click();
  await staff.getByRole('link', { name: 'Akta untuk anak yang lahir di luar kota' }).click();
  await hydrated(staff);
  await staff.getByLabel('Pesan', { exact: true }).fill('Bisa, dengan surat keterangan lahir dari Samarinda.');
  await staff.getByLabel('Lalu ubah status (tidak wajib)').selectOption('resolved');
  await staff.getByRole('button', { name: 'Kirim', exact: true }).click();
  await expect(staff.getByText('Tanggapan terkirim ke pelapor.')).toBeVisible();
  // They read the masked text and publish it.
  await expect(staff.getByLabel('Isi yang diterbitkan')).toHaveValue(/Samarinda/);
  await staff.getByRole('button', { name: 'Terbitkan di daftar publik' }).click();
  await expect(staff.getByText('Diterbitkan di daftar laporan publik.')).toBeVisible();
  await staffCtx.close();

  const [closed] = await (await request.get(`${base}/requests.json?service_request_id=${id}`)).json();
  expect(closed.status).toBe('closed');
  expect(closed.status_notes).toBe('Bisa, dengan surat keterangan lahir dari Samarinda.');
  expect(closed.agency_responsible).toBe('Dinas Kependudukan dan Pencatatan Sipil Kota Balikpapan');

  // The admin sees the use, and revokes the key with the keyboard.
  await page.reload();
  await hydrated(page);
  const row = page.getByRole('row', { name: new RegExp(appName) });
  await expect(row).not.toContainText('Belum pernah');
  await row.getByRole('button', { name: /Cabut/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Kunci dicabut.')).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(appName) })).toContainText('Dicabut');
  await expectAccessible(page);
  const refused = await request.post(`${base}/requests.json`, { form: { api_key: key, service_code: akta.service_code } });
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toEqual([{ code: 403, description: 'api_key ini sudah dicabut.' }]);
});
