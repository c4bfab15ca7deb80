import { test as base, BrowserContext } from '@playwright/test';
export { expect } from '@playwright/test';

// Every test fails on a content-security-policy violation the browser reports, in any
// context it opens: the policy must never block the portal's own scripts, styles or data.
const violations: string[] = [];

function watch(context: BrowserContext) {
  context.on('console', (msg) => {
    const text = msg.text();
    if (/Content Security Policy|Refused to (load|execute|apply|connect|compile|evaluate)/i.test(text)) {
      violations.push(`${msg.location().url}: ${text}`);
    }
  });
}

export const test = base.extend<{ cspClean: void; context: BrowserContext }>({
  context: async ({ context }, use) => {
    watch(context);
    await use(context);
  },
  cspClean: [async ({ browser }, use) => {
    const open = browser.newContext.bind(browser);
    browser.newContext = async (options) => {
      const c = await open(options);
      watch(c);
      return c;
    };
    violations.length = 0;
    await use();
    browser.newContext = open;
    if (violations.length) throw new Error(`content security policy violations:\n${violations.join('\n')}`);
  }, { auto: true }],
});
