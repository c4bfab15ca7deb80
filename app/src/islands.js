// The portal's pages are server-rendered HTML; only their interactive parts (islands) run
// in the browser, so a page without one fetches no WebAssembly at all. A page with islands
// loads the module once and wakes each island with its element. When this is done the body
// says so (`data-hydrated`), for styles and browser tests.
((js, wasm) => {
  const done = () => document.body.setAttribute('data-hydrated', '1');
  const islands = document.querySelectorAll('leptos-island');
  if (islands.length === 0) {
    done();
    return;
  }
  import(js).then(async (mod) => {
    await mod.default({ module_or_path: wasm });
    mod.hydrate();
    for (const el of islands) {
      const wake = mod[el.dataset.component];
      if (wake) await wake(el);
    }
    done();
  });
})
