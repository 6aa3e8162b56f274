#!/usr/bin/env node
// make-icon.js - draws the extension icon, images/icon.svg and a 128x128
// images/icon.png, from one description: a rounded square with a small
// reporting tree whose last node is the vermillion of a finding (the colour
// remitc's diagrams highlight findings with). The PNG is rasterised here with
// 4x4 supersampling and written with node's zlib, so no image tool is needed.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const SIZE = 128;
const BG = '#1f4e79';
const LINE = '#ffffff';
const NODE = '#ffffff';
const FINDING = '#d55e00';
const nodes = [
  { x: 64, y: 34, r: 13, fill: NODE },
  { x: 34, y: 94, r: 13, fill: NODE },
  { x: 94, y: 94, r: 13, fill: FINDING },
];
const edges = [[0, 1], [0, 2]];
const EDGE_WIDTH = 8;
const CORNER = 24;

function svg() {
  const lines = edges.map(([a, b]) =>
    `  <line x1="${nodes[a].x}" y1="${nodes[a].y}" x2="${nodes[b].x}" y2="${nodes[b].y}" ` +
    `stroke="${LINE}" stroke-width="${EDGE_WIDTH}" stroke-linecap="round"/>`);
  const circles = nodes.map((n) => `  <circle cx="${n.x}" cy="${n.y}" r="${n.r}" fill="${n.fill}"/>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">`,
    `  <rect width="${SIZE}" height="${SIZE}" rx="${CORNER}" fill="${BG}"/>`,
    ...lines,
    ...circles,
    '</svg>',
    '',
  ].join('\n');
}

function rgb(hex) {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

/** The colour (RGBA) of one sample point, painting in SVG order. */
function sample(x, y) {
  let c = null;
  // Rounded rectangle.
  const dx = Math.max(CORNER - x, 0, x - (SIZE - CORNER));
  const dy = Math.max(CORNER - y, 0, y - (SIZE - CORNER));
  if (x >= 0 && y >= 0 && x <= SIZE && y <= SIZE && dx * dx + dy * dy <= CORNER * CORNER) c = rgb(BG);
  for (const [a, b] of edges) {
    const p = nodes[a];
    const q = nodes[b];
    const vx = q.x - p.x;
    const vy = q.y - p.y;
    const t = Math.max(0, Math.min(1, ((x - p.x) * vx + (y - p.y) * vy) / (vx * vx + vy * vy)));
    const ex = p.x + t * vx - x;
    const ey = p.y + t * vy - y;
    if (ex * ex + ey * ey <= (EDGE_WIDTH / 2) ** 2) c = rgb(LINE);
  }
  for (const n of nodes) {
    if ((x - n.x) ** 2 + (y - n.y) ** 2 <= n.r * n.r) c = rgb(n.fill);
  }
  return c ? [...c, 255] : [0, 0, 0, 0];
}

function raster() {
  const SS = 4;
  const rows = [];
  for (let py = 0; py < SIZE; py++) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0: none
    for (let px = 0; px < SIZE; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const s = sample(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS);
          // Premultiply so transparent samples do not darken the edges.
          for (let i = 0; i < 3; i++) acc[i] += (s[i] * s[3]) / 255;
          acc[3] += s[3];
        }
      }
      const a = acc[3] / (SS * SS);
      for (let i = 0; i < 3; i++) row[1 + px * 4 + i] = a ? Math.round((acc[i] / (SS * SS)) * 255 / a) : 0;
      row[1 + px * 4 + 3] = Math.round(a);
    }
    rows.push(row);
  }
  return Buffer.concat(rows);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png() {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raster(), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = path.join(__dirname, '..', 'images');
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'icon.svg'), svg());
fs.writeFileSync(path.join(dir, 'icon.png'), png());
console.log('wrote images/icon.svg and images/icon.png');
