// spec/04-browser/tests/04-a11y_spec.js: accessibility and weight smoke checks on every kind of page
// in both languages (home, aisle, product, search results, 404): images have alt texts, form fields
// have labels, links and buttons have names, text contrast (WCAG AA), one <main> and one <h1>, no
// duplicate ids, Tab reaches the search box, and HTML + CSS + JS (images aside) weigh under 100 KB.
'use strict';

const assert = require('node:assert/strict');
const { it } = require('node:test');
const { openPage, screenshot, a11yProblems, tabsToSearch, pageWeight } = require('../browser');

const MAX_WEIGHT = 100 * 1024;


module.exports = (ctx) => {
  it('every page: alt texts, labels, keyboard, weight under 100 KB', { timeout: 90000 }, async () => {
    const { context, page, problems } = await openPage(ctx.browser, ctx.server.base);
    const failures = new Map();   // problem -> the pages that have it
    const fail = (url, problem) => failures.set(problem, [...(failures.get(problem) || []), url]);
    const weights = [];
    try {
      for (const lang of ['vi', 'en']) {
        let res = await page.goto(`/${lang}/`);
        assert.equal(res.status(), 200, `/${lang}/ answered ${res.status()}`);
        const aisle = await page.locator(`a[href^="/${lang}/c/"]`).first().getAttribute('href');
        const product = await page.locator(`main a[href^="/${lang}/p/"]`).first().getAttribute('href');
        assert.ok(aisle && product, `/${lang}/ links no aisle or no product`);
        const pages = [
          { name: 'home', url: `/${lang}/`, status: 200 },
          { name: 'aisle', url: aisle, status: 200 },
          { name: 'product', url: product, status: 200 },
          { name: 'search', url: `/${lang}/search?q=ca+phe`, status: 200 },
          { name: '404', url: `/${lang}/p/khong-co-san-pham-nay`, status: 404 },
        ];
        for (const p of pages) {
          res = await page.goto(p.url);
          if (res.status() !== p.status) {
            fail(p.url, `status ${res.status()}, expected ${p.status}`);
            continue;
          }
          const htmlLang = await page.locator('html').getAttribute('lang');
          if (htmlLang !== lang) {
            fail(p.url, `<html lang="${htmlLang}">, expected "${lang}"`);
          }
          for (const problem of await a11yProblems(page)) {
            fail(p.url, problem);
          }
          const presses = await tabsToSearch(page);
          if (presses === 0) {
            fail(p.url, 'Tab does not reach the search box within 12 presses');
          }
          if (p.name === '404') {
            await screenshot(page, `04-404-${lang}`);
          }
          const w = await pageWeight(ctx.browser, ctx.server.base, p.url);
          weights.push(`${p.url} ${(w.total / 1024).toFixed(1)} KB`);
          if (w.total >= MAX_WEIGHT) {
            const parts = w.parts.map((x) => `${x.type} ${x.bytes}`).join(', ');
            fail(p.url, `${w.total} bytes of HTML+CSS+JS (${parts})`);
          }
        }
      }
      process.stderr.write(`# page weights (HTML+CSS+JS, decoded): ${weights.join('; ')}\n`);
      const report = [...failures].map(([problem, urls]) => `${problem} [on ${urls.join(' ')}]`);
      assert.deepEqual(report, [], 'accessibility and weight checks');
      assert.deepEqual(problems, [], 'problems while loading the pages');
    } finally {
      await context.close();
    }
  });
};
