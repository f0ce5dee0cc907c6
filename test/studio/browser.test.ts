/**
 * The studio in a real browser (Debian's chromium driven by playwright-core): open a shared MusicXML score through
 * the page's file input, see its notes and lyrics, select a note with the mouse, move it up with the keyboard,
 * render, and check with Praat that the rendered note's F0 moved by that interval while its neighbours stayed.
 * The phrase rendered in the browser's own worker is checked the same way. Screenshots go to test-results/studio/.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { parseScore } from '../../src/score/index.js';
import { ensureWebBuilt } from '../../src/studio/build-web.js';
import { startStudio, type RunningStudio } from '../../src/studio/server.js';
import { median } from '../helpers/measure.js';
import { repoRoot, scoresDir, tempDir, voicesDir } from '../helpers/paths.js';
import { praatPitch } from '../helpers/praat.js';

const SCORE = join(scoresDir, 'musicxml-testsuite', '61a-Lyrics.xml');
const shots = join(repoRoot, 'test-results', 'studio');
const work = tempDir('cantor-studio-browser-');
let studio: RunningStudio;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

before(async () => {
  mkdirSync(shots, { recursive: true });
  const webRoot = join(work, 'web');
  await ensureWebBuilt({ outDir: webRoot, force: true });
  studio = await startStudio({ port: 0, dataDir: join(work, 'data'), webRoot, build: false });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(studio.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
});

after(async () => {
  await browser?.close();
  await studio?.close();
  rmSync(work, { recursive: true, force: true });
});

interface NoteState {
  index: number;
  kind: string;
  pitch: number;
  lyric: string;
  phonemes: string;
  start: number;
  end: number;
}

async function notes(): Promise<NoteState[]> {
  return page.$$eval('#notes-state li', (lis) =>
    lis.map((li) => {
      const d = (li as HTMLElement).dataset;
      return { index: Number(d.index), kind: d.kind ?? '', pitch: Number(d.pitch), lyric: d.lyric ?? '', phonemes: d.phonemes ?? '', start: Number(d.start), end: Number(d.end) };
    }),
  );
}

/** Renders with the given control and returns the WAV the page received, written to a file for Praat. */
async function renderVia(action: () => Promise<void>, name: string): Promise<string> {
  const count = Number((await page.getAttribute('body', 'data-render-count')) ?? 0);
  await action();
  await page.waitForSelector(`body[data-render-count="${count + 1}"]`, { timeout: 60_000 });
  const b64 = await page.evaluate(() => (window as unknown as StudioWindow).studio.wavBase64());
  assert.ok(b64, 'the page holds the rendered WAV');
  const path = join(work, name);
  writeFileSync(path, Buffer.from(b64, 'base64'));
  return path;
}

/** Median Praat F0 (Hz) over the middle half of [start, end]. */
function noteF0(wav: string, start: number, end: number): number {
  const { time, f0 } = praatPitch(wav, { floor: 100, ceiling: 900 });
  const q = (end - start) / 4;
  const v: number[] = [];
  for (let i = 0; i < time.length; i++) if (time[i] >= start + q && time[i] <= end - q && f0[i] > 0) v.push(f0[i]);
  assert.ok(v.length >= 10, `voiced frames in ${start}-${end} s: ${v.length}`);
  return median(v);
}

/** What the page exposes for tests (web/src/main.ts). */
interface StudioWindow {
  studio: {
    wavBase64(): string | null;
    renderedOffset(): number;
    noteBox(i: number): { x: number; y: number; width: number; height: number } | null;
    rollPoint(time: number, pitch: number): { x: number; y: number };
    doc(): { notes: { overrides?: { pitchPoints?: { time: number; pitch: number }[] } }[]; curves?: { loudness?: { time: number; value: number }[] } };
  };
}

/** The first note of 61a ('Tra', A4), for the cloned voice's check. */
const before0 = { start: 0, end: 0.5 };

const cents = (a: number, b: number) => 1200 * Math.log2(a / b);

test('open 61a-Lyrics.xml, move a note up 3 semitones with the keyboard, render: its F0 moves 300 cents', async () => {
  // The page starts with an empty song: one note on "la", phonemized by the server.
  await page.waitForFunction(() => document.querySelector('#notes-state li')?.getAttribute('data-phonemes') === 'L AA');
  await page.screenshot({ path: join(shots, '0-start.png') });
  await page.setInputFiles('#score-file', SCORE);
  await page.waitForFunction(() => document.body.dataset.notes === '11', undefined, { timeout: 20_000 });
  await page.waitForFunction(() => Number(document.body.dataset.planned ?? 0) > 0, undefined, { timeout: 20_000 });
  const before = await notes();
  assert.deepEqual(before.filter((n) => n.kind === 'syllable').map((n) => n.lyric), ['Tra', 'la', 'li', 'Ja!', 'Tra', 'ra!', 'Bah!']);
  assert.ok(before.every((n) => n.pitch === 69), 'every note of 61a is A4');
  assert.equal(before[2].phonemes, 'L IH');
  await page.screenshot({ path: join(shots, '1-opened-61a.png') });

  const original = await renderVia(() => page.click('#render'), 'original.wav');
  const li = before[2];
  const f0Before = noteF0(original, li.start, li.end);
  assert.ok(Math.abs(cents(f0Before, 440)) < 30, `'li' sung at A4 before the edit: ${f0Before.toFixed(1)} Hz`);

  // Select 'li' by clicking its bar on the piano roll, then ArrowUp three times.
  const box = await page.evaluate((i) => (window as unknown as StudioWindow).studio.noteBox(i), 2);
  assert.ok(box, 'the note is drawn on the roll');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForFunction(() => document.body.dataset.selected === '2');
  for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowUp');
  await page.waitForFunction(() => document.querySelector('#notes-state li[data-index="2"]')?.getAttribute('data-pitch') === '72');
  const after1 = await notes();
  assert.equal(after1[2].pitch, 72);
  assert.equal(after1[1].pitch, 69, 'the neighbours stay');

  const edited = await renderVia(() => page.keyboard.press('r'), 'edited.wav');
  await page.screenshot({ path: join(shots, '2-edited-and-rendered.png') });
  const f0After = noteF0(edited, li.start, li.end);
  const moved = cents(f0After, f0Before);
  assert.ok(Math.abs(moved - 300) < 20, `'li' moved ${moved.toFixed(1)} cents (want 300 +- 20): ${f0Before.toFixed(1)} -> ${f0After.toFixed(1)} Hz`);
  const la = before[1];
  const neighbour = cents(noteF0(edited, la.start, la.end), noteF0(original, la.start, la.end));
  assert.ok(Math.abs(neighbour) < 20, `'la' stayed within 20 cents: ${neighbour.toFixed(1)}`);

  // Undo puts the note back; redo moves it again.
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('#notes-state li[data-index="2"]')?.getAttribute('data-pitch') === '71');
  await page.keyboard.press('Control+Shift+z');
  await page.waitForFunction(() => document.querySelector('#notes-state li[data-index="2"]')?.getAttribute('data-pitch') === '72');

  // The same phrase rendered in the page's own worker (no server round trip) sings the moved note too.
  const phrase = await renderVia(() => page.keyboard.press('Shift+R'), 'phrase.wav');
  const offset = await page.evaluate(() => (window as unknown as StudioWindow).studio.renderedOffset());
  const f0Phrase = noteF0(phrase, li.start - offset, li.end - offset);
  assert.ok(Math.abs(cents(f0Phrase, f0After)) < 20, `phrase rendered in the browser: ${f0Phrase.toFixed(1)} Hz vs server ${f0After.toFixed(1)} Hz`);
  console.log(`# 'li' +3 semitones: ${f0Before.toFixed(1)} -> ${f0After.toFixed(1)} Hz = ${moved.toFixed(1)} cents; 'la' ${neighbour.toFixed(1)} cents; ` +
    `phrase in the browser ${f0Phrase.toFixed(1)} Hz (${cents(f0Phrase, f0After).toFixed(1)} cents from the server's)`);

  // Pitch tool: draw a level line two semitones above 'ra!' (A4 -> B4) across the whole note.
  await page.keyboard.press('p');
  const ra = before[7];
  const from = await page.evaluate(([t, p]) => (window as unknown as StudioWindow).studio.rollPoint(t, p), [ra.start - 0.02, 71] as const);
  const to = await page.evaluate(([t, p]) => (window as unknown as StudioWindow).studio.rollPoint(t, p), [ra.end + 0.02, 71] as const);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.screenshot({ path: join(shots, '3-drawing-pitch.png') });
  await page.mouse.up();
  await page.waitForFunction(() => ((window as unknown as StudioWindow).studio.doc().notes[7].overrides?.pitchPoints?.length ?? 0) > 5);
  const pts = (await page.evaluate(() => (window as unknown as StudioWindow).studio.doc().notes[7].overrides?.pitchPoints)) ?? [];
  assert.ok(pts.every((p) => Math.abs(p.pitch - 71) < 0.1), `drawn points at B4: ${pts.map((p) => p.pitch.toFixed(2)).join(' ')}`);
  const drawn = await renderVia(() => page.click('#render'), 'drawn.wav');
  const f0Drawn = noteF0(drawn, ra.start, ra.end);
  const drawnCents = cents(f0Drawn, 440 * 2 ** (2 / 12));
  console.log(`# drawn curve at B4 over 'ra!': ${f0Drawn.toFixed(1)} Hz (${drawnCents.toFixed(1)} cents from 493.9 Hz)`);
  assert.ok(Math.abs(drawnCents) < 20, `'ra!' follows the drawn curve: ${f0Drawn.toFixed(1)} Hz`);
  await page.screenshot({ path: join(shots, '4-drawn-pitch-rendered.png') });
  assert.deepEqual(pageErrors, [], 'no errors in the page');
});

test('lanes, export, projects and a voice cloned from the page', async () => {
  // Draw the dynamics lane down to -20 dB over 'Bah!': the score gets a loudness curve there.
  const lane = await page.$('#lanes');
  assert.ok(lane);
  await page.evaluate(() => (window as unknown as StudioWindow).studio.noteBox(9));
  const lb = (await lane.boundingBox())!;
  const tl = await page.evaluate(() => (window as unknown as StudioWindow).studio.rollPoint(0, 60));
  const xAt = (t: number) => tl.x + t * 120;
  const yAt = (db: number) => lb.y + ((12 - db) / 42) * lb.height;
  await page.mouse.move(xAt(4.5), yAt(-20));
  await page.mouse.down();
  await page.mouse.move(xAt(5.5), yAt(-20), { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(() => (window as unknown as StudioWindow).studio.doc().curves?.loudness !== undefined);
  const loud = (await page.evaluate(() => (window as unknown as StudioWindow).studio.doc().curves?.loudness)) ?? [];
  const inside = loud.filter((p) => p.time > 4.6 && p.time < 5.4);
  assert.ok(inside.length > 5 && inside.every((p) => Math.abs(p.value + 20) < 1.5), `loudness over 'Bah!': ${inside.map((p) => p.value).join(' ')}`);
  const outside = loud.filter((p) => p.time < 4);
  assert.ok(outside.every((p) => p.value > -12), 'the curve keeps the planned loudness elsewhere');

  // Export MIDI: a real MIDI file with the edited note.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-midi')]);
  const midiPath = join(work, 'export.mid');
  await download.saveAs(midiPath);
  const midi = readFileSync(midiPath);
  assert.equal(midi.subarray(0, 4).toString('latin1'), 'MThd');
  const back = parseScore(midi, 'export.mid');
  assert.deepEqual(back.notes.filter((n) => n.kind !== 'rest').map((n) => n.pitch), [69, 69, 72, 69, 69, 69, 69, 69, 69, 69, 69]);
  assert.deepEqual(back.notes.filter((n) => n.kind === 'syllable').map((n) => n.lyric), ['Tra', 'la', 'li', 'Ja!', 'Tra', 'ra!', 'Bah!']);

  // Save the project (Ctrl+S) and find it on the server.
  await page.fill('#project-name', 'browser test');
  await page.click('#roll');
  await page.keyboard.press('Control+s');
  await page.waitForFunction(() => Array.from(document.querySelectorAll('#project-list option')).some((o) => o.textContent === 'browser test'));
  const saved = (await (await fetch(`${studio.url}api/projects/browser%20test`)).json()) as { score: { notes: { pitch: number | null }[] } };
  assert.equal(saved.score.notes[2].pitch, 72);

  // Clone a voice from the dialog: the report is shown and the voice is selected and sings a phrase in the page.
  await page.click('#clone-open');
  await page.setInputFiles('#clone-form input[name="reference"]', join(voicesDir, 'kal', 'reference.wav'));
  await page.fill('#clone-form textarea[name="transcript"]', readFileSync(join(voicesDir, 'kal', 'transcript.txt'), 'utf8'));
  await page.fill('#clone-form input[name="name"]', 'kal');
  await page.click('#clone-submit');
  await page.waitForFunction(() => /alignment/i.test(document.getElementById('clone-report')?.textContent ?? ''), undefined, { timeout: 60_000 });
  await page.waitForFunction(() => (document.getElementById('voice') as HTMLSelectElement).value.startsWith('kal-'));
  await page.screenshot({ path: join(shots, '5-clone-report.png') });
  await page.click('#clone-close');
  await page.waitForFunction(() => /voice kal ready/.test(document.getElementById('status')?.textContent ?? ''), undefined, { timeout: 30_000 });
  await page.evaluate(() => (window as unknown as StudioWindow).studio.noteBox(0));
  const phrase = await renderVia(() => page.click('#render-phrase'), 'kal-phrase.wav');
  const f0 = noteF0(phrase, before0.start, before0.end);
  assert.ok(Math.abs(cents(f0, 440)) < 30, `kal sings 'Tra' at A4: ${f0.toFixed(1)} Hz`);
  await page.screenshot({ path: join(shots, '6-kal-phrase.png') });
  assert.deepEqual(pageErrors, [], 'no errors in the page');
});
