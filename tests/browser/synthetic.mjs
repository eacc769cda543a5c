/**
 * Synthetic articles for scale tests and the scale benchmark: deterministic variations of the demo texts.
 *
 * Each article is a plain-text file with a title, outlet and date header, and a body of demo sentences
 * shuffled and with their numbers varied, so that a thousand of them look like a thousand different
 * reports of the same event (names, figures and dates to find and align) without any real data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './harness.mjs';

/** A small seeded generator (mulberry32), so that every run builds the same articles. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every sentence of the demo texts, markup and headers stripped. */
function demoSentences() {
  const dir = path.join(repoRoot, 'src', 'demo');
  const text = fs
    .readdirSync(dir)
    .filter((name) => !/^README/i.test(name))
    .sort()
    .map((name) => fs.readFileSync(path.join(dir, name), 'utf8'))
    .join('\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/^(Title|Source|Date|By)\b.*$/gim, ' ');
  return text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 30 && s.length < 400);
}

/**
 * `count` articles of about `bytes` bytes each, as { name, content, type } for dropFiles.
 */
export function syntheticArticles(count, { bytes = 5000, seed = 1 } = {}) {
  const sentences = demoSentences();
  const next = random(seed);
  const articles = [];
  for (let i = 0; i < count; i++) {
    const day = 13 + (i % 6);
    const lines = [`Title: Dam report ${i + 1}`, `Source: Outlet ${i % 97}`, `Date: 2025-10-${day}`, ''];
    let size = 0;
    while (size < bytes) {
      const sentence = sentences[Math.floor(next() * sentences.length)].replace(/\d+/g, (n) =>
        // Numbers move by up to a fifth either way, so figures agree, update and conflict.
        String(Math.max(1, Math.round(Number(n) * (0.8 + next() * 0.4)))),
      );
      lines.push(sentence);
      size += sentence.length + 1;
    }
    articles.push({ name: `synthetic-${String(i + 1).padStart(4, '0')}.txt`, content: lines.join('\n'), type: 'text/plain' });
  }
  return articles;
}
