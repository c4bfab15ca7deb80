import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:3200';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
for (const [w, h] of [[360, 780], [1280, 900]]) {
  const ctx = await browser.newContext({ viewport: { width: w, height: h }, locale: 'id-ID' });
  const p = await ctx.newPage();
  const errors = [];
  p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await p.goto(base + '/masuk');
  await p.screenshot({ path: `/tmp/shot-masuk-${w}.png`, fullPage: true });
  await p.getByLabel('Email').fill('admin@layanan.go.id');
  await p.getByLabel('Kata sandi').fill('layanan-demo-2026');
  await p.getByRole('button', { name: 'Masuk' }).click();
  await p.waitForURL(/kelola|kode/);
  await p.goto(base + '/admin');
  await p.screenshot({ path: `/tmp/shot-admin-refused-${w}.png`, fullPage: true });
  await p.goto(base + '/akun/dua-langkah');
  await p.screenshot({ path: `/tmp/shot-two-step-${w}.png`, fullPage: true });
  await p.goto(base + '/akun');
  await p.screenshot({ path: `/tmp/shot-akun-${w}.png`, fullPage: true });
  await p.goto(base + '/lupa-sandi');
  await p.screenshot({ path: `/tmp/shot-lupa-${w}.png`, fullPage: true });
  console.log(w, 'console errors:', errors);
  await ctx.close();
}
await browser.close();
