// spec/04-browser/browser.js: Debian's headless Chromium for the browser specs, through
// playwright-core, and the checks the specs share: a context per test that records script errors
// and failed same-origin requests, full-page screenshots in build/screenshots/, the accessibility
// smoke checks, the page weight before images, and texts read from the app's i18n catalogs.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { ROOT } = require('./server');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOT_DIR = path.join(ROOT, 'build', 'screenshots');

// A price as Vietnamese shoppers read it: "25.000 ₫" (dots between thousands, a space, then ₫;
// the space may be a no-break one).
const PRICE_RE = /(?:^|[^\d.])\d{1,3}(?:\.\d{3})*[ \u00a0\u202f]₫/;

// The words of text written with diacritics or đ (Vietnamese, decomposed to find the marks):
// the English pages' own texts have none.
function accentedWords(text) {
  return text.split(/\s+/).filter((w) => /[\u0300-\u036f]|đ/i.test(w.normalize('NFD')));
}


async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // playwright passes --no-sandbox already (chromiumSandbox defaults to false), which Chromium
    // needs when it runs as root; /dev/shm is small in containers.
    args: ['--disable-dev-shm-usage'],
  });
}


// Removes the screenshots of an earlier run, so the folder shows this run only.
function resetScreenshots() {
  fs.mkdirSync(SHOT_DIR, { recursive: true });
  for (const f of fs.readdirSync(SHOT_DIR)) {
    if (f.endsWith('.png')) {
      fs.rmSync(path.join(SHOT_DIR, f));
    }
  }
}


async function screenshot(page, name) {
  const file = path.join(SHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}


// A fresh browser context (its own cookies) with a page whose problems are recorded:
// uncaught script errors and same-origin responses of 400 or more (favicon.ico aside).
async function openPage(browser, base) {
  const context = await browser.newContext({
    baseURL: base,
    viewport: { width: 1280, height: 800 },
    locale: 'vi-VN',
  });
  context.setDefaultTimeout(10000);
  context.setDefaultNavigationTimeout(15000);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`script error on ${page.url()}: ${err.message}`));
  page.on('response', (res) => {
    const url = res.url();
    if (url.startsWith(base) && res.status() >= 400 && !url.endsWith('/favicon.ico')
        && res.request().resourceType() !== 'document') {
      problems.push(`${res.status()} for ${url} (${res.request().resourceType()})`);
    }
  });
  return { context, page, problems };
}


// Goes to urlPath and asserts the document answered 200.
async function visit(page, urlPath) {
  const res = await page.goto(urlPath, { waitUntil: 'load' });
  assert.ok(res, `no response for ${urlPath}`);
  assert.equal(res.status(), 200, `GET ${urlPath} answered ${res.status()}`);
  return res;
}


// Accessibility smoke checks on the page as it is. Returns a list of problems (empty: fine).
async function a11yProblems(page) {
  return page.evaluate(() => {
    const out = [];
    const describe = (el) => {
      const id = el.id ? `#${el.id}` : '';
      const cls = el.className && typeof el.className === 'string'
        ? '.' + el.className.trim().split(/\s+/).join('.') : '';
      return `<${el.tagName.toLowerCase()}${id}${cls}>`;
    };
    const lang = document.documentElement.getAttribute('lang');
    if (!lang) {
      out.push('<html> has no lang');
    }
    if (!document.title.trim()) {
      out.push('the page has no <title>');
    }
    if (document.querySelectorAll('main').length !== 1) {
      out.push(`${document.querySelectorAll('main').length} <main> elements`);
    }
    if (document.querySelectorAll('h1').length !== 1) {
      out.push(`${document.querySelectorAll('h1').length} <h1> elements`);
    }
    for (const img of document.querySelectorAll('img')) {
      if (!img.hasAttribute('alt')) {
        out.push(`img without alt: ${img.getAttribute('src')}`);
      }
    }
    for (const el of document.querySelectorAll('[role="img"]')) {
      if (!(el.getAttribute('aria-label') || '').trim() && !el.getAttribute('aria-labelledby')) {
        out.push(`role=img without aria-label: ${describe(el)}`);
      }
    }
    for (const el of document.querySelectorAll('input, select, textarea')) {
      const type = (el.getAttribute('type') || '').toLowerCase();
      if (['hidden', 'submit', 'button', 'reset', 'image'].includes(type)) {
        continue;
      }
      const labelled = (el.labels && [...el.labels].some((l) => l.textContent.trim()))
        || (el.getAttribute('aria-label') || '').trim() || el.getAttribute('aria-labelledby');
      if (!labelled) {
        out.push(`form field without a label: ${describe(el)} name=${el.getAttribute('name')}`);
      }
    }
    for (const el of document.querySelectorAll('a[href], button')) {
      const name = (el.textContent || '').trim() || (el.getAttribute('aria-label') || '').trim()
        || el.getAttribute('aria-labelledby') || el.querySelector('img[alt]:not([alt=""])');
      if (!name) {
        out.push(`${describe(el)} without an accessible name (href=${el.getAttribute('href')})`);
      }
    }
    // Text contrast (WCAG AA: 4.5, or 3 for large text) against the first opaque background up the
    // tree; text over a background image or a translucent colour is not judged. Form fields count
    // with their own colours (the text typed into them).
    const rgba = (c) => {
      const m = /rgba?\(([^)]+)\)/.exec(c || '');
      if (!m) {
        return null;
      }
      const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
      return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
    };
    const luminance = ({ r, g, b }) => {
      const f = (v) => {
        v /= 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.backgroundImage !== 'none') {
          return null;
        }
        const c = rgba(s.backgroundColor);
        if (c && c.a >= 0.99) {
          return c;
        }
        if (c && c.a > 0) {
          return null;
        }
      }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    const contrastSeen = new Set();
    for (const el of document.body.querySelectorAll('*')) {
      const field = el.matches('input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"]), '
        + 'select, textarea');
      const hasText = field || [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!hasText || el.closest('[hidden]') || el.disabled) {
        continue;
      }
      const rect = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      if (rect.width <= 1 || rect.height <= 1 || s.visibility !== 'visible' || Number(s.opacity) === 0) {
        continue;
      }
      const bg = background(el);
      const fg = rgba(s.color);
      if (!bg || !fg) {
        continue;
      }
      const mixed = {
        r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a), b: fg.b * fg.a + bg.b * (1 - fg.a),
      };
      const [hi, lo] = [luminance(mixed), luminance(bg)].sort((x, y) => y - x);
      const ratio = (hi + 0.05) / (lo + 0.05);
      const size = parseFloat(s.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) {
        const what = field ? `${describe(el)} (its typed text)`
          : `"${el.textContent.trim().replace(/\s+/g, ' ').slice(0, 40)}" in ${describe(el)}`;
        const key = `${describe(el)} ${s.color} ${ratio.toFixed(2)}`;
        if (!contrastSeen.has(key)) {
          contrastSeen.add(key);
          out.push(`low contrast ${ratio.toFixed(2)}:1 (${s.color} on rgb(${bg.r}, ${bg.g}, ${bg.b})): ${what}`);
        }
      }
    }
    const ids = new Map();
    for (const el of document.querySelectorAll('[id]')) {
      ids.set(el.id, (ids.get(el.id) || 0) + 1);
    }
    for (const [id, n] of ids) {
      if (n > 1) {
        out.push(`id "${id}" used ${n} times`);
      }
    }
    return out;
  });
}


// Presses Tab from the top of the page until the search box has the focus; returns how many
// presses it took, or 0 when it was not reached within max presses.
async function tabsToSearch(page, max = 12) {
  await page.evaluate(() => {
    if (document.activeElement && document.activeElement !== document.body) {
      document.activeElement.blur();
    }
  });
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    const isSearch = await page.evaluate(() => {
      const el = document.activeElement;
      return !!el && el.matches('input[type="search"], input[name="q"], [role="searchbox"]');
    });
    if (isSearch) {
      return i;
    }
  }
  return 0;
}


// The bytes of HTML, CSS and JavaScript a first visit to urlPath loads (no cache, images and
// fonts aside), decoded (before transfer compression). {total, parts: [{url, type, bytes}]}.
async function pageWeight(browser, base, urlPath) {
  const context = await browser.newContext({ baseURL: base });
  try {
    const page = await context.newPage();
    const parts = [];
    const pending = [];
    page.on('response', (res) => {
      const type = res.request().resourceType();
      if (['document', 'stylesheet', 'script', 'xhr', 'fetch'].includes(type)) {
        pending.push(res.body().then((b) => parts.push({ url: res.url(), type, bytes: b.length }),
          () => parts.push({ url: res.url(), type, bytes: 0 })));
      }
    });
    await page.goto(urlPath, { waitUntil: 'load' });
    await Promise.all(pending);
    return { total: parts.reduce((s, p) => s + p.bytes, 0), parts };
  } finally {
    await context.close();
  }
}


// The strings of i18n/<lang>/<area>.lua (only plain "key" = "text" pairs; plural tables skipped).
function texts(lang, area) {
  const src = fs.readFileSync(path.join(ROOT, 'i18n', lang, `${area}.lua`), 'utf8');
  const out = {};
  const re = /\[\s*"([^"]+)"\s*\]\s*=\s*"((?:[^"\\]|\\.)*)"/g;
  let m;
  while ((m = re.exec(src)) !== null) {
    out[m[1]] = m[2].replace(/\\(.)/g, '$1');
  }
  return out;
}


module.exports = {
  launch, resetScreenshots, screenshot, openPage, visit, a11yProblems, tabsToSearch, pageWeight,
  texts, accentedWords, PRICE_RE, SHOT_DIR,
};
