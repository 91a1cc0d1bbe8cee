// Renders assets/icon.svg to the packaging icons: icon.png (512), icon.ico (PNG entries), icon.icns (PNG entries).
// Run by hand after changing the SVG: node scripts/make-icons.mjs (needs Chromium at /usr/bin/chromium).
import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const assets = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'assets');
const svg = readFileSync(path.join(assets, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const render = async (size) => {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg.replace('width="512" height="512"', `width="${size}" height="${size}"`)}</body></html>`,
  );
  const png = await page.screenshot({ omitBackground: true });
  await page.close();
  return png;
};
const sizes = { 16: null, 32: null, 48: null, 64: null, 128: null, 256: null, 512: null, 1024: null };
for (const s of Object.keys(sizes)) sizes[s] = await render(Number(s));
await browser.close();

writeFileSync(path.join(assets, 'icon.png'), sizes[512]);

// ICO with PNG-compressed entries (Windows Vista and later).
const icoSizes = [16, 32, 48, 64, 128, 256];
const header = Buffer.alloc(6 + 16 * icoSizes.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(icoSizes.length, 4);
let offset = header.length;
icoSizes.forEach((s, i) => {
  const e = 6 + 16 * i;
  header.writeUInt8(s === 256 ? 0 : s, e);
  header.writeUInt8(s === 256 ? 0 : s, e + 1);
  header.writeUInt16LE(1, e + 4);
  header.writeUInt16LE(32, e + 6);
  header.writeUInt32LE(sizes[s].length, e + 8);
  header.writeUInt32LE(offset, e + 12);
  offset += sizes[s].length;
});
writeFileSync(path.join(assets, 'icon.ico'), Buffer.concat([header, ...icoSizes.map((s) => sizes[s])]));

// ICNS with PNG entries: ic07 128, ic08 256, ic09 512, ic10 1024.
const icns = [
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
].map(([type, s]) => {
  const h = Buffer.alloc(8);
  h.write(type, 0, 'ascii');
  h.writeUInt32BE(8 + sizes[s].length, 4);
  return Buffer.concat([h, sizes[s]]);
});
const body = Buffer.concat(icns);
const top = Buffer.alloc(8);
top.write('icns', 0, 'ascii');
top.writeUInt32BE(8 + body.length, 4);
writeFileSync(path.join(assets, 'icon.icns'), Buffer.concat([top, body]));
console.log('icons written to', assets);
