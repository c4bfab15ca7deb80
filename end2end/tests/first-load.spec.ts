import { test, expect } from './fixtures';
import { hydrated } from './helpers';

// A phone's first visit with an empty cache: what each citizen page makes the browser
// fetch. Pages are HTML; only a page with an interactive island fetches the script module
// and the WebAssembly, named by their content and kept for a year, sent compressed by the
// build. No citizen page costs more than 100 KB on the wire.
const pages: [string, boolean][] = [
  ['/', false],
  ['/layanan/disdukcapil-balikpapan/akta-kelahiran', false],
  ['/janji', false],
  ['/lacak', false],
  ['/laporan-publik', false],
  ['/lapor', true],
];

test('a first visit fetches the WebAssembly only where a page has an island, and stays under 100 KB', async ({ browser }) => {
  for (const [path, island] of pages) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const fetched: Promise<{ url: string; bytes: number; cache: string; encoding: string }>[] = [];
    page.on('requestfinished', (req) => {
      fetched.push((async () => {
        const res = await req.response();
        const sizes = await req.sizes();
        const h = (await res?.allHeaders()) ?? {};
        return { url: req.url(), bytes: sizes.responseBodySize + sizes.responseHeadersSize, cache: h['cache-control'] ?? '', encoding: h['content-encoding'] ?? '' };
      })());
    });
    await page.goto(path);
    await hydrated(page);
    await page.waitForLoadState('networkidle');
    const all = await Promise.all(fetched);
    const wasm = all.filter((f) => f.url.endsWith('.wasm'));
    const modules = all.filter((f) => /\/pkg\/.*\.js$/.test(f.url));
    expect(wasm.length, `${path}: WebAssembly fetched`).toBe(island ? 1 : 0);
    expect(modules.length, `${path}: script module fetched`).toBe(island ? 1 : 0);
    for (const f of [...wasm, ...modules, ...all.filter((f) => f.url.endsWith('.css'))]) {
      expect(f.url, 'named by its content').toMatch(/\/pkg\/layanan\.[\w-]{8,}\.(css|js|wasm)$/);
      expect(f.cache, f.url).toBe('public, max-age=31536000, immutable');
      expect(['br', 'gzip'], `${f.url} sent compressed`).toContain(f.encoding);
    }
    const total = all.reduce((n, f) => n + f.bytes, 0);
    expect(total, `${path}: ${all.map((f) => `${f.url} ${f.bytes}`).join(', ')}`).toBeLessThanOrEqual(100 * 1024);
    await ctx.close();
  }
});
