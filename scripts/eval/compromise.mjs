// Runs compromise's people/places/organisations extraction over texts, for `corroborate eval names`.
// Input: a JSON file holding an array of strings. Output on stdout: {docs: [[{type, start, end}]], seconds},
// offsets in UTF-16 code units (JavaScript string indices), end exclusive.
import { readFileSync } from 'node:fs';
import nlp from 'compromise';

const texts = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const kinds = [['PER', (d) => d.people()], ['LOC', (d) => d.places()], ['ORG', (d) => d.organizations()]];
const started = process.hrtime.bigint();
const docs = texts.map((text) => {
  const doc = nlp(text);
  const found = [];
  for (const [type, pick] of kinds) {
    for (const match of pick(doc).json({ offset: true })) {
      const { start, length } = match.offset;
      found.push({ type, start, end: start + length });
    }
  }
  return found;
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(JSON.stringify({ docs, seconds }));
