// spec/04-browser/tests/05-mobile_spec.js: the pages on a phone-sized screen (375 px wide, touch):
// nothing makes the page scroll sideways, and the search box is on screen. Screenshots of each
// page for people to look at.
'use strict';

const assert = require('node:assert/strict');
const { it } = require('node:test');
const { screenshot } = require('../browser');


module.exports = (ctx) => {
  it('fits a 375 px wide phone screen', { timeout: 60000 }, async () => {
    const context = await ctx.browser.newContext({
      baseURL: ctx.server.base, viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true,
    });
    const failures = [];
    try {
      const page = await context.newPage();
      await page.goto('/vi/');
      const aisle = await page.locator('a[href^="/vi/c/"]').first().getAttribute('href');
      const product = await page.locator('main a[href^="/vi/p/"]').first().getAttribute('href');
      assert.ok(aisle && product, '/vi/ links no aisle or no product');
      const pages = [['home', '/vi/'], ['aisle', aisle], ['product', product],
        ['search', '/vi/search?q=ca+phe'], ['product-en', product.replace(/^\/vi\//, '/en/')]];
      for (const [name, url] of pages) {
        const res = await page.goto(url);
        assert.equal(res.status(), 200, `${url} answered ${res.status()}`);
        const m = await page.evaluate(() => {
          const wide = [];
          const vw = document.documentElement.clientWidth;
          for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.right > vw + 1 && r.width > 0 && getComputedStyle(el).position !== 'fixed') {
              const cls = typeof el.className === 'string' && el.className.trim()
                ? '.' + el.className.trim().split(/\s+/).join('.') : '';
              wide.push(`<${el.tagName.toLowerCase()}${cls}> to ${Math.round(r.right)} px`);
            }
          }
          const q = document.querySelector('input[name="q"]');
          const qr = q && q.getBoundingClientRect();
          return {
            scroll: document.documentElement.scrollWidth, vw, wide: wide.slice(0, 5),
            search: !!qr && qr.width >= 100 && qr.left >= 0 && qr.right <= vw + 1,
          };
        });
        if (m.scroll > m.vw + 1) {
          failures.push(`${url}: scrolls sideways (${m.scroll} px wide on a ${m.vw} px screen): `
            + m.wide.join(', '));
        }
        if (!m.search) {
          failures.push(`${url}: the search box is not fully on screen (or narrower than 100 px)`);
        }
        await screenshot(page, `05-${name}-mobile`);
      }
      assert.deepEqual(failures, [], 'small screen problems');
    } finally {
      await context.close();
    }
  });
};
