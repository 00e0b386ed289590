// Checks the links of the generated documentation site (run `npm run docs` first): every relative link in
// the index and the guide and model pages points at a file of the site, and every #anchor exists there.
//   node docs/guides/check-site-links.mjs
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const site = new URL('../../docs-site/', import.meta.url).pathname;
if (!existsSync(join(site, 'index.html'))) {
  console.error('docs-site/index.html not found: run npm run docs first.');
  process.exit(1);
}
const pages = ['index.html', ...readdirSync(join(site, 'documents')).map((f) => `documents/${f}`)];
const unescape = (s) => s.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'");
const bad = [];
let checked = 0;
for (const page of pages) {
  const html = readFileSync(join(site, page), 'utf8');
  for (const [, raw] of html.matchAll(/href="([^"]+)"/g)) {
    const href = unescape(raw);
    if (/^(https?:|mailto:|data:)/.test(href)) continue;
    const [path, anchor] = href.split('#');
    const target = path === '' ? join(site, page) : normalize(join(site, dirname(page), path));
    checked++;
    if (!existsSync(target)) bad.push(`${page}: ${href} (no such file)`);
    else if (anchor && target.endsWith('.html') && !readFileSync(target, 'utf8').includes(`id="${anchor}"`))
      bad.push(`${page}: ${href} (no such anchor)`);
  }
}
console.log(`${checked} links checked in ${pages.length} pages`);
if (bad.length > 0) {
  console.log(bad.join('\n'));
  process.exit(1);
}
