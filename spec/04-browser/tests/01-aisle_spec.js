// spec/04-browser/tests/01-aisle_spec.js: a shopper browses an aisle in Vietnamese: home, an aisle
// from the header, its first page of products (24 at most), page 2 through the pagination, then a
// product whose price reads like "25.000 ₫".
'use strict';

const assert = require('node:assert/strict');
const { it } = require('node:test');
const { openPage, visit, screenshot, PRICE_RE } = require('../browser');


// The distinct product links of the listing in <main> (related or promoted blocks aside are
// inside <main> too on some pages: the caller picks the scope).
async function productHrefs(scope, lang) {
  const hrefs = await scope.locator(`a[href^="/${lang}/p/"]`).evaluateAll(
    (links) => links.map((a) => a.getAttribute('href')));
  return [...new Set(hrefs)];
}


module.exports = (ctx) => {
  it('browses an aisle: listing, page 2, a product with its price', { timeout: 60000 }, async () => {
    const { context, page, problems } = await openPage(ctx.browser, ctx.server.base);
    try {
      await visit(page, '/vi/');
      await screenshot(page, '01-1-home-vi');

      // An aisle: a top-level category, linked from the header's aisle bar (else from the page).
      let aisle = page.locator('header a[href^="/vi/c/"]:visible').first();
      if (await aisle.count() === 0) {
        aisle = page.locator('main a[href^="/vi/c/"]:visible').first();
      }
      assert.equal(await aisle.count(), 1, 'no aisle link (a[href^="/vi/c/"]) on /vi/');
      const aisleName = (await aisle.innerText()).trim();
      const aisleHref = await aisle.getAttribute('href');
      await Promise.all([page.waitForURL((u) => u.pathname === aisleHref.split('?')[0]), aisle.click()]);
      const h1 = (await page.locator('h1').first().innerText()).trim();
      assert.ok(h1.toLowerCase().includes(aisleName.toLowerCase()),
        `the aisle page's heading "${h1}" does not name the aisle "${aisleName}"`);

      const main = page.locator('main');
      const page1 = await productHrefs(main, 'vi');
      assert.ok(page1.length > 0, `no product on ${aisleHref}`);
      assert.ok(page1.length <= 24, `${page1.length} products on one page of ${aisleHref} (24 at most)`);
      assert.match(await main.innerText(), PRICE_RE, 'no price like "25.000 ₫" on the listing');
      await screenshot(page, '01-2-aisle-vi');

      // Page 2 through the pagination (rel=next or the link to page=2).
      let next = page.locator('a[rel="next"]').first();
      if (await next.count() === 0) {
        next = page.locator('main a[href*="page=2"]').first();
      }
      assert.equal(await next.count(), 1, `no pagination link to page 2 on ${aisleHref}`);
      await Promise.all([page.waitForURL((u) => u.searchParams.get('page') === '2'), next.click()]);
      const page2 = await productHrefs(main, 'vi');
      assert.ok(page2.length > 0 && page2.length <= 24, `${page2.length} products on page 2`);
      assert.ok(!page2.includes(page1[0]) && !page1.includes(page2[0]),
        'page 2 lists the same products as page 1');
      const current = page.locator('nav:has(a[href*="page="]) [aria-current="page"]');
      if (await current.count() > 0) {
        assert.match(await current.first().innerText(), /\b2\b/, 'aria-current is not on page 2');
      }
      await screenshot(page, '01-3-aisle-page2-vi');

      // A product: the first card of page 2.
      const card = main.locator(`a[href="${page2[0]}"]`).first();
      const cardText = (await card.innerText()).replace(/\s+/g, ' ').trim();
      await Promise.all([page.waitForURL((u) => u.pathname === page2[0]), card.click()]);
      const name = (await page.locator('h1').first().innerText()).trim();
      assert.ok(name.length > 0, 'the product page has an empty <h1>');
      assert.ok(cardText.includes(name), `the product page is "${name}", the card said "${cardText}"`);
      const priceEl = page.locator('main .price, main [class*="price"]').first();
      const priceText = await priceEl.count() > 0 ? await priceEl.innerText() : await main.innerText();
      assert.match(priceText, PRICE_RE, `the product's price "${priceText}" does not read like "25.000 ₫"`);
      await screenshot(page, '01-4-product-vi');

      assert.deepEqual(problems, [], 'problems while browsing');
    } finally {
      await context.close();
    }
  });
};
