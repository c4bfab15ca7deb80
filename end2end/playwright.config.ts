import { defineConfig } from '@playwright/test';

// The portal is started from its release build on a fresh SQLite database with demo data.
const PORT = 3100;
export const BASE = `http://127.0.0.1:${PORT}`;
export const SMTP_PORT = 2526;
// A second portal whose clock starts on Tuesday 6 April 2027, 09:10 WITA (PORTAL_CLOCK), so
// that appointment tests meet an open office, visitors due today and slots still to come,
// whatever the day and hour the tests run.
export const CLOCK_PORT = 3101;
export const CLOCK_BASE = `http://127.0.0.1:${CLOCK_PORT}`;

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: BASE,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    locale: 'id-ID',
    trace: 'off',
  },
  webServer: [{
    // A real SMTP server on loopback; every message lands in .smtp/ as an .eml file.
    command: `rm -rf .smtp && python3 smtp_peer.py --port ${SMTP_PORT} --dir .smtp`,
    port: SMTP_PORT,
    timeout: 30_000,
    reuseExistingServer: false,
    stdout: 'ignore',
  }, {
    command: `rm -rf .data && mkdir -p .data && ../target/release/server serve`,
    url: `${BASE}/healthz`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      DATABASE_URL: 'sqlite://.data/portal.db?mode=rwc',
      LEPTOS_SITE_ADDR: `127.0.0.1:${PORT}`,
      LEPTOS_SITE_ROOT: '../target/site',
      PORTAL_MAIL_DIR: '.data/mail',
      PORTAL_ENV: 'development',
      PORTAL_FILES_DIR: '.data/files',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(SMTP_PORT),
      SMTP_SECURITY: 'none',
      PORTAL_REPORTS_PER_HOUR: '50',
      PORTAL_BOOKINGS_PER_HOUR: '50',
      RUST_LOG: 'warn',
    },
  }, {
    command: `rm -rf .data-clock && mkdir -p .data-clock && ../target/release/server serve`,
    url: `${CLOCK_BASE}/healthz`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      DATABASE_URL: 'sqlite://.data-clock/portal.db?mode=rwc',
      LEPTOS_SITE_ADDR: `127.0.0.1:${CLOCK_PORT}`,
      LEPTOS_SITE_ROOT: '../target/site',
      PORTAL_PUBLIC_URL: CLOCK_BASE,
      PORTAL_MAIL_DIR: '.data-clock/mail',
      PORTAL_ENV: 'development',
      PORTAL_FILES_DIR: '.data-clock/files',
      PORTAL_CLOCK: '2027-04-06T09:10:00+08:00',
      PORTAL_BOOKINGS_PER_HOUR: '50',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(SMTP_PORT),
      SMTP_SECURITY: 'none',
      RUST_LOG: 'warn',
    },
  }],
});
