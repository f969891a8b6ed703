// Renders the app icons (public/icon-*.png) from the same drawing as public/icon.svg, once, with Chromium:
// `node scripts/render-icons.mjs`. The PNGs are committed; run this again only when the icon changes.
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const mark = (size, inset) => `
  <svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 32 32">
    <rect width="32" height="32" rx="${inset ? 0 : 7}" fill="#0f766e"/>
    <g transform="translate(${inset} ${inset}) scale(${(32 - 2 * inset) / 32})">
      <path d="M8 22l6-7 4 4 7-9" stroke="#fff" stroke-width="3" fill="none" stroke-linecap="round" stroke-linejoin="round"/>
    </g>
  </svg>`;

// A maskable icon keeps its drawing inside the middle 80 %: launchers cut the rest to their own shape.
const icons = [
  { file: 'icon-192.png', size: 192, inset: 0 },
  { file: 'icon-512.png', size: 512, inset: 0 },
  { file: 'icon-maskable-512.png', size: 512, inset: 5 },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
const page = await browser.newPage();
for (const { file, size, inset } of icons) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<body style="margin:0;background:transparent">${mark(size, inset)}</body>`);
  const png = await page.screenshot({
    omitBackground: true,
    clip: { x: 0, y: 0, width: size, height: size },
  });
  writeFileSync(new URL(`../public/${file}`, import.meta.url), png);
}
await browser.close();
