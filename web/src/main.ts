/**
 * The studio page: wires the document (score-doc.ts), undo/redo, the piano roll, lanes, audio views, player,
 * the render worker (phrases in the browser) and the server (parsing, cloning, whole-song renders, projects).
 */
import './style.css';
import * as api from './api.js';
import { drawSpectrogram, drawWaveform, type Rendered } from './audio-view.js';
import { History } from './history.js';
import { Lanes } from './lanes.js';
import { PianoRoll, type Tool } from './piano-roll.js';
import { Player } from './player.js';
import type { PlanMessage, SongSettings } from './render-worker.js';
import { emptyDoc, needsParse, retime, transposeNote, type LaneName, type NoteDoc, type ScoreDoc } from './score-doc.js';
import { curveAt, pitchLabel, Timeline } from './timeline.js';
import { decodeWavBytes, encodeWav16 } from './wav.js';
import { WorkerClient } from './worker-client.js';

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
};

let doc: ScoreDoc = emptyDoc();
let selected = -1;
let plan: PlanMessage | undefined;
let rendered: Rendered | undefined;
let lastWav: Uint8Array | undefined;
let renderedFor = '';
let tool: Tool = 'select';
let cursor = 0;
let planSerial = 0;
let voiceReady: Promise<void> = Promise.resolve();
const history = new History<ScoreDoc>();
const timeline = new Timeline();
const player = new Player();
let worker: WorkerClient | undefined;
try {
  worker = new WorkerClient();
} catch {
  worker = undefined;
}

const scroller = $('scroller');
const roll = new PianoRoll($<HTMLCanvasElement>('roll'), $<HTMLCanvasElement>('keys'), timeline, {
  select: (i) => select(i),
  moveNote: (i, startTick, endTick, pitch) => moveNote(i, startTick, endTick, pitch),
  addNote: (tick, pitch) => addNote(tick, pitch),
  movePoint: (ni, pi, time, pitch) =>
    edit('move pitch point', (d) => {
      const pts = d.notes[ni].overrides?.pitchPoints;
      if (!pts) return;
      pts[pi] = { ...pts[pi], time: Math.max(0, time), pitch };
      pts.sort((a, b) => a.time - b.time);
    }),
  drawPitch: (samples) => drawPitch(samples),
});
const lanes = new Lanes($<HTMLCanvasElement>('lanes'), timeline, (lane, samples) => drawLane(lane, samples));

// ---------------------------------------------------------------- status

function status(msg: string, kind: 'ok' | 'busy' | 'error' = 'ok'): void {
  const el = $('status');
  el.textContent = msg;
  el.className = `status ${kind === 'ok' ? '' : kind}`;
  document.body.dataset.status = kind;
}

function settings(): api.RenderSettings {
  const num = (id: string, d: number) => {
    const v = Number($<HTMLInputElement>(id).value);
    return Number.isFinite(v) ? v : d;
  };
  return { voice: $<HTMLSelectElement>('voice').value || 'default', key: num('key', 0), tempo: num('tempo', 1) || 1, seed: Math.round(num('seed', 1)) };
}

function displaySettings(): SongSettings {
  return { key: 0, tempo: 1, seed: settings().seed };
}

// ---------------------------------------------------------------- document and edits

/** Replaces the document (after opening, undo, redo, normalizing). */
function setDoc(d: ScoreDoc, opts: { fit?: boolean } = {}): void {
  doc = d;
  if (doc.notes.some((n) => n.start === undefined)) retime(doc);
  timeline.duration = Math.max(2, doc.duration ?? 0);
  if (opts.fit) roll.fit(doc);
  if (selected >= doc.notes.length) selected = -1;
  refresh();
  void replan();
}

/** A local edit (pitch, curves, overrides): undoable; `structural` edits go through the server's parser. */
async function edit(label: string, mutate: (d: ScoreDoc) => void, opts: { structural?: boolean } = {}): Promise<void> {
  history.push(doc);
  const next = JSON.parse(JSON.stringify(doc)) as ScoreDoc;
  mutate(next);
  if (opts.structural || needsParse(next)) {
    const keepTick = selected >= 0 ? next.notes[selected]?.startTick : undefined;
    next.notes = next.notes.filter((n) => n.kind !== 'rest' && n.pitch !== null);
    try {
      status(`${label}…`, 'busy');
      const norm = await api.normalizeDoc(next);
      selected = keepTick === undefined ? -1 : norm.notes.findIndex((n) => n.startTick === keepTick && n.kind !== 'rest');
      setDoc(norm);
      status(label);
    } catch (err) {
      history.undo(doc);
      status(`${label}: ${(err as Error).message}`, 'error');
    }
    return;
  }
  retime(next);
  setDoc(next);
  status(label);
}

function undo(): void {
  const d = history.undo(doc);
  if (d) {
    setDoc(d);
    status('undone');
  }
}

function redo(): void {
  const d = history.redo(doc);
  if (d) {
    setDoc(d);
    status('redone');
  }
}

function select(i: number): void {
  selected = i >= 0 && i < doc.notes.length && doc.notes[i].kind !== 'rest' ? i : -1;
  refresh();
}

function overlaps(d: ScoreDoc, index: number, startTick: number, endTick: number): boolean {
  return d.notes.some((n, j) => j !== index && n.kind !== 'rest' && n.pitch !== null && n.startTick < endTick && startTick < n.endTick);
}

function secondsPerTick(): number {
  return 60 / (doc.tempo[0]?.bpm ?? 120) / 480;
}

function moveNote(i: number, startTick: number, endTick: number, pitch: number): void {
  const n = doc.notes[i];
  if (overlaps(doc, i, startTick, endTick)) {
    status('cannot move there: notes would overlap (one voice sings one note at a time)', 'error');
    refresh();
    return;
  }
  const timing = startTick !== n.startTick || endTick !== n.endTick;
  void edit(timing ? 'move note' : 'change pitch', (d) => {
    const m = d.notes[i];
    transposeNote(m, pitch - (m.pitch ?? pitch));
    const shift = (startTick - m.startTick) * secondsPerTick();
    for (const p of m.overrides?.pitchPoints ?? []) p.time += shift;
    m.startTick = startTick;
    m.endTick = endTick;
  }, { structural: timing });
}

function addNote(tick: number, pitch: number): void {
  if (overlaps(doc, -1, tick, tick + 480)) {
    status('no room for a note there', 'error');
    return;
  }
  void edit('add note', (d) => {
    d.notes.push({ startTick: tick, endTick: tick + 480, pitch, lyric: 'la' });
    d.notes.sort((a, b) => a.startTick - b.startTick);
    selected = d.notes.findIndex((n) => n.startTick === tick);
  }, { structural: true });
}

function deleteSelected(): void {
  if (selected < 0) return;
  const i = selected;
  void edit('delete note', (d) => {
    d.notes.splice(i, 1);
    selected = -1;
  }, { structural: true });
}

function transposeSelected(semitones: number): void {
  if (selected < 0) return;
  const i = selected;
  void edit(`pitch ${semitones > 0 ? '+' : ''}${semitones}`, (d) => transposeNote(d.notes[i], semitones));
}

/**
 * A drawn curve becomes pitch points (every 20 ms) of each note it crosses, over the part of the note it covers; the
 * note's earlier points outside the stroke are kept, and where it has none the planner's curve goes on as before.
 */
function drawPitch(samples: { time: number; pitch: number }[]): void {
  const t0 = samples[0].time;
  const t1 = samples[samples.length - 1].time;
  void edit('draw pitch', (d) => {
    for (const n of d.notes) {
      if (n.pitch === null || n.kind === 'rest') continue;
      const a = Math.max(n.start ?? 0, t0);
      const b = Math.min(n.end ?? 0, t1);
      if (b - a < 0.03) continue;
      const kept = (n.overrides?.pitchPoints ?? []).filter((p) => p.time < a || p.time > b);
      const steps = Math.max(1, Math.round((b - a) / 0.02));
      const drawn = [];
      for (let k = 0; k <= steps; k++) {
        const t = a + ((b - a) * k) / steps;
        drawn.push({ time: Math.round(t * 1e4) / 1e4, pitch: Math.round(curveAt(samples, t, (p) => p.pitch) * 1000) / 1000 });
      }
      n.overrides = { ...n.overrides, pitchPoints: [...kept, ...drawn].sort((x, y) => x.time - y.time) };
    }
  });
}

/** A stroke on a lane: the whole curve is written (from the plan where the user has not drawn), every 50 ms. */
function drawLane(lane: LaneName, samples: { time: number; value: number }[]): void {
  const t0 = samples[0].time;
  const t1 = samples[samples.length - 1].time;
  void edit(`draw ${lane}`, (d) => {
    const old = [...(d.curves?.[lane] ?? [])].sort((a, b) => a.time - b.time);
    const dur = Math.max(d.duration ?? 0, t1);
    const base = (t: number) => {
      if (old.length) return curveAt(old, t, (p) => p.value);
      if (plan) return plan[lane][Math.min(plan[lane].length - 1, Math.round(t / plan.framePeriod))];
      return lane === 'formant' ? 1 : 0;
    };
    const pts = [];
    for (let t = 0; t <= dur + 1e-9; t += 0.05) {
      const v = t >= t0 && t <= t1 ? curveAt(samples, t, (p) => p.value) : base(t);
      pts.push({ time: Math.round(t * 1000) / 1000, value: Math.round(v * 1000) / 1000 });
    }
    d.curves = { ...d.curves, [lane]: pts };
  });
}

// ---------------------------------------------------------------- planning and rendering

/** Plans the document for display (F0 and lane curves): in the worker, else on the server. */
async function replan(): Promise<void> {
  const serial = ++planSerial;
  const d = doc;
  if (!d.notes.some((n) => n.kind !== 'rest' && n.pitch !== null)) {
    plan = undefined;
    refresh();
    return;
  }
  try {
    let p: PlanMessage;
    if (worker) {
      await voiceReady.catch(() => undefined);
      p = (await worker.plan(d, displaySettings())).plan;
    } else {
      const j = (await api.planOnServer(d, { ...settings(), key: 0, tempo: 1 })) as Record<string, unknown>;
      const arr = (k: string) => Float64Array.from(j[k] as number[]);
      p = { framePeriod: j.framePeriod as number, duration: j.duration as number, segments: j.segments as PlanMessage['segments'],
        f0: arr('f0'), loudness: arr('loudness'), breathiness: arr('breathiness'), tension: arr('tension'), formant: arr('formant') };
    }
    if (serial !== planSerial) return;
    plan = p;
    document.body.dataset.planned = String(serial);
    refresh();
  } catch (err) {
    if (serial === planSerial) status(`planning failed: ${(err as Error).message}`, 'error');
  }
}

function showRendered(r: Rendered, wav: Uint8Array, report: string): void {
  rendered = r;
  lastWav = wav;
  renderedFor = JSON.stringify([doc, settings()]);
  $('render-report').textContent = report;
  document.body.dataset.renderCount = String(Number(document.body.dataset.renderCount ?? 0) + 1);
  drawAudio();
  refresh();
}

async function renderSong(): Promise<void> {
  if (!doc.notes.some((n) => n.kind !== 'rest')) return status('nothing to sing: add notes first', 'error');
  const s = settings();
  status('rendering the song on the server…', 'busy');
  $<HTMLButtonElement>('render').disabled = true;
  const t0 = performance.now();
  try {
    const { wav, report } = await api.renderSong(doc, s);
    const dec = decodeWavBytes(wav);
    let text = report;
    try {
      const r = JSON.parse(report) as { duration: number; sampleRate: number; fallbacks: { phoneme: string; used: string }[]; missing: string[]; joins: number; naturalJoins: number; voice: string };
      text = [`song: ${r.duration.toFixed(2)} s at ${r.sampleRate} Hz, voice ${r.voice}`, `joins: ${r.joins} (${r.naturalJoins} natural)`,
        ...r.fallbacks.map((f) => `'${f.phoneme}' sung as '${f.used}'`), ...(r.missing.length ? [`no unit: ${r.missing.join(' ')}`] : []),
        `rendered on the server in ${((performance.now() - t0) / 1000).toFixed(2)} s`].join('\n');
    } catch {
      // keep the raw text
    }
    showRendered({ ...dec, offset: 0 }, new Uint8Array(wav), text);
    status(`rendered ${(dec.samples.length / dec.sampleRate).toFixed(2)} s in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  } catch (err) {
    status(`render failed: ${(err as Error).message}`, 'error');
  } finally {
    $<HTMLButtonElement>('render').disabled = false;
  }
}

/** The phrase around the selected note (between rests), rendered in the browser's worker. */
async function renderPhrase(): Promise<void> {
  if (!worker) return status('this browser cannot run the render worker: use Render song', 'error');
  let a = selected >= 0 ? selected : doc.notes.findIndex((n) => n.kind !== 'rest');
  if (a < 0) return status('nothing to sing', 'error');
  let b = a;
  while (a > 0 && doc.notes[a - 1].kind !== 'rest') a--;
  while (b < doc.notes.length - 1 && doc.notes[b + 1].kind !== 'rest') b++;
  const s = settings();
  const range = { start: Math.max(0, ((doc.notes[a].start ?? 0) - 0.3) / s.tempo), end: ((doc.notes[b].end ?? 0) + 0.3) / s.tempo };
  status('rendering the phrase in the browser…', 'busy');
  try {
    await voiceReady;
    const r = await worker.render(doc, { key: s.key, tempo: s.tempo, seed: s.seed }, range);
    const wav = encodeWav16(r.samples, r.sampleRate);
    showRendered({ samples: r.samples, sampleRate: r.sampleRate, offset: r.offset * s.tempo },
      wav, `phrase ${range.start.toFixed(2)}–${range.end.toFixed(2)} s rendered in the browser in ${(r.ms / 1000).toFixed(2)} s`);
    status(`phrase rendered here in ${(r.ms / 1000).toFixed(2)} s (no server round trip)`);
  } catch (err) {
    status(`phrase render failed: ${(err as Error).message}`, 'error');
  }
}

async function loadVoice(id: string): Promise<void> {
  if (!worker) return;
  const w = worker;
  voiceReady = (async () => {
    status(`loading voice ${id}…`, 'busy');
    const bytes = await api.voiceBytes(id);
    const name = await w.loadVoice(id, bytes);
    status(`voice ${name} ready`);
  })();
  try {
    await voiceReady;
    void replan();
  } catch (err) {
    status(`voice ${id}: ${(err as Error).message}`, 'error');
  }
}

// ---------------------------------------------------------------- playback

function togglePlay(): void {
  if (player.playing) {
    cursor = player.position() ?? cursor;
    player.stop();
    refresh();
    return;
  }
  const go = () => {
    if (!rendered) return;
    const at = cursor >= rendered.offset && cursor < rendered.offset + rendered.samples.length / rendered.sampleRate ? cursor : rendered.offset;
    player.play(rendered, at);
    $('play').textContent = '■ Stop';
    requestAnimationFrame(tick);
  };
  if (!rendered || renderedFor !== JSON.stringify([doc, settings()])) void renderSong().then(go);
  else go();
}

player.onEnd = () => {
  $('play').textContent = '▶ Play';
  refresh();
};

function tick(): void {
  const pos = player.position();
  if (pos === null) return;
  const x = timeline.x(pos);
  if (x > scroller.scrollLeft + scroller.clientWidth - 60 || x < scroller.scrollLeft) scroller.scrollLeft = Math.max(0, x - 120);
  drawViews(pos);
  requestAnimationFrame(tick);
}

// ---------------------------------------------------------------- drawing

function drawViews(playhead: number | null): void {
  roll.draw({ doc, selected, plan, playhead, tool });
  lanes.draw(doc, plan, playhead);
  drawWaveform($<HTMLCanvasElement>('wave'), timeline, rendered, playhead);
}

function drawAudio(): void {
  drawSpectrogram($<HTMLCanvasElement>('spec'), timeline, rendered);
}

function refresh(): void {
  timeline.minWidth = scroller.clientWidth;
  if ($<HTMLCanvasElement>('spec').width !== timeline.width()) drawAudio();
  const playhead = player.position() ?? cursor;
  drawViews(playhead);
  $<HTMLButtonElement>('undo').disabled = !history.canUndo;
  $<HTMLButtonElement>('redo').disabled = !history.canRedo;
  $<HTMLButtonElement>('export-wav').disabled = !lastWav;
  $('tool-select').classList.toggle('on', tool === 'select');
  $('tool-pitch').classList.toggle('on', tool === 'pitch');
  updateInspector();
  updateNotesState();
}

/** A hidden list of the notes as shown (for tests and assistive tools). */
function updateNotesState(): void {
  const ol = $('notes-state');
  ol.replaceChildren(
    ...doc.notes.map((n, i) => {
      const li = document.createElement('li');
      li.dataset.index = String(i);
      li.dataset.kind = n.kind ?? '';
      li.dataset.pitch = n.pitch === null ? '' : String(n.pitch);
      li.dataset.lyric = n.lyric ?? '';
      li.dataset.phonemes = (n.phonemes ?? []).map((p) => p.symbol).join(' ');
      li.dataset.start = String(n.start ?? '');
      li.dataset.end = String(n.end ?? '');
      if (i === selected) li.dataset.selected = 'true';
      li.textContent = `${n.lyric ?? ''} ${n.pitch === null ? 'rest' : pitchLabel(n.pitch)}`;
      return li;
    }),
  );
  document.body.dataset.notes = String(doc.notes.filter((n) => n.kind !== 'rest').length);
  document.body.dataset.selected = String(selected);
}

const field = (id: string) => $<HTMLInputElement>(id);

function updateInspector(): void {
  const n = selected >= 0 ? doc.notes[selected] : undefined;
  $('note-none').hidden = !!n;
  $('note-fields').hidden = !n;
  if (!n) return;
  const set = (id: string, v: number | string | undefined) => {
    const el = field(id);
    if (document.activeElement !== el) el.value = v === undefined ? '' : String(v);
  };
  set('f-lyric', n.lyric ?? '');
  set('f-pitch', n.pitch ?? '');
  $('f-pitch-name').textContent = n.pitch === null ? '' : pitchLabel(n.pitch);
  $('f-phonemes').textContent = n.kind === 'continuation' ? 'continues the previous vowel' : `phonemes: ${(n.phonemes ?? []).map((p) => p.symbol).join(' ')}`;
  const o = n.overrides ?? {};
  field('f-vib-on').checked = o.vibrato?.enabled !== false;
  set('f-vib-depth', o.vibrato?.depth);
  set('f-vib-rate', o.vibrato?.rate);
  set('f-vib-delay', o.vibrato?.delay);
  set('f-pre', o.preutterance);
  set('f-port', o.portamento);
  set('f-dyn', o.dynamics);
}

// ---------------------------------------------------------------- files, voices, projects

function download(name: string, blob: Blob): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

async function openScoreFile(file: File): Promise<void> {
  status(`reading ${file.name}…`, 'busy');
  try {
    const { score, warnings } = await api.parseScoreFile(await file.arrayBuffer(), file.name);
    history.push(doc);
    selected = -1;
    rendered = undefined;
    lastWav = undefined;
    drawAudio();
    $<HTMLInputElement>('project-name').value = file.name.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9 _-]+/g, '-').slice(0, 64) || 'untitled';
    setDoc(score, { fit: true });
    scroller.scrollLeft = 0;
    status(`opened ${file.name}: ${score.notes.filter((n) => n.kind !== 'rest').length} notes${warnings.length ? ` (${warnings.length} warnings: ${warnings[0]})` : ''}`);
  } catch (err) {
    status((err as Error).message, 'error');
  }
}

async function refreshVoices(selectId?: string): Promise<void> {
  const sel = $<HTMLSelectElement>('voice');
  const voices = await api.listVoices();
  sel.replaceChildren(...voices.map((v) => new Option(`${v.name} (${v.language})`, v.id)));
  if (selectId) sel.value = selectId;
}

async function refreshProjects(): Promise<void> {
  const sel = $<HTMLSelectElement>('project-list');
  const names = await api.listProjects();
  sel.replaceChildren(new Option('open project…', ''), ...names.map((n) => new Option(n, n)));
}

async function saveProject(): Promise<void> {
  const name = $<HTMLInputElement>('project-name').value.trim();
  try {
    await api.saveProject(name, { format: 'cantor-studio-project', version: 1, score: doc, settings: settings(), view: { pxPerSec: timeline.pxPerSec } });
    status(`saved project '${name}'`);
    await refreshProjects();
  } catch (err) {
    status(`save failed: ${(err as Error).message}`, 'error');
  }
}

async function openProject(name: string): Promise<void> {
  try {
    const p = (await api.loadProject(name)) as { score?: ScoreDoc; settings?: Partial<api.RenderSettings>; view?: { pxPerSec?: number } };
    if (!p.score) throw new Error('the project has no score');
    history.push(doc);
    $<HTMLInputElement>('project-name').value = name;
    if (p.settings?.key !== undefined) field('key').value = String(p.settings.key);
    if (p.settings?.tempo !== undefined) field('tempo').value = String(p.settings.tempo);
    if (p.settings?.seed !== undefined) field('seed').value = String(p.settings.seed);
    if (p.view?.pxPerSec) timeline.pxPerSec = p.view.pxPerSec;
    selected = -1;
    setDoc(p.score, { fit: true });
    status(`opened project '${name}'`);
  } catch (err) {
    status(`cannot open '${name}': ${(err as Error).message}`, 'error');
  }
}

// ---------------------------------------------------------------- controls

$<HTMLInputElement>('score-file').addEventListener('change', (e) => {
  const f = (e.target as HTMLInputElement).files?.[0];
  if (f) void openScoreFile(f);
  (e.target as HTMLInputElement).value = '';
});
$('new-song').addEventListener('click', () => {
  history.push(doc);
  selected = -1;
  void api.normalizeDoc(emptyDoc()).then((d) => setDoc(d, { fit: true }), (err: Error) => status(err.message, 'error'));
});
$('save-project').addEventListener('click', () => void saveProject());
$<HTMLSelectElement>('project-list').addEventListener('change', (e) => {
  const v = (e.target as HTMLSelectElement).value;
  if (v) void openProject(v);
});
$('undo').addEventListener('click', undo);
$('redo').addEventListener('click', redo);
$('tool-select').addEventListener('click', () => ((tool = 'select'), refresh()));
$('tool-pitch').addEventListener('click', () => ((tool = 'pitch'), refresh()));
$('zoom-in').addEventListener('click', () => zoom(1.25));
$('zoom-out').addEventListener('click', () => zoom(0.8));
$('play').addEventListener('click', togglePlay);
$('render').addEventListener('click', () => void renderSong());
$('render-phrase').addEventListener('click', () => void renderPhrase());
$('export-wav').addEventListener('click', () => lastWav && download(`${$<HTMLInputElement>('project-name').value || 'song'}.wav`, new Blob([lastWav.slice().buffer as ArrayBuffer], { type: 'audio/wav' })));
$('export-json').addEventListener('click', () => void api.exportFile('json', doc).then((b) => download('score.json', b), (e: Error) => status(e.message, 'error')));
$('export-midi').addEventListener('click', () => void api.exportFile('midi', doc).then((b) => download('score.mid', b), (e: Error) => status(e.message, 'error')));
$<HTMLSelectElement>('voice').addEventListener('change', (e) => void loadVoice((e.target as HTMLSelectElement).value));
$<HTMLSelectElement>('lane-select').addEventListener('change', (e) => {
  lanes.lane = (e.target as HTMLSelectElement).value as LaneName;
  refresh();
});
for (const id of ['seed']) field(id).addEventListener('change', () => void replan());
$<HTMLCanvasElement>('wave').addEventListener('mousedown', (e) => {
  const r = (e.target as HTMLCanvasElement).getBoundingClientRect();
  cursor = Math.max(0, timeline.t(e.clientX - r.left));
  if (player.playing && rendered) player.play(rendered, cursor);
  refresh();
});

function zoom(f: number): void {
  const centre = timeline.t(scroller.scrollLeft + scroller.clientWidth / 2);
  timeline.zoom(f);
  refresh();
  drawAudio();
  scroller.scrollLeft = Math.max(0, timeline.x(centre) - scroller.clientWidth / 2);
}

/** Inspector fields: each change is one undoable edit of the selected note. */
function noteField(id: string, apply: (n: NoteDoc, v: string) => void, structural = false): void {
  field(id).addEventListener('change', () => {
    if (selected < 0) return;
    const i = selected;
    const v = field(id).value.trim();
    void edit(`edit ${id.replace(/^f-/, '')}`, (d) => apply(d.notes[i], v), { structural });
  });
}
const optNum = (v: string): number | undefined => (v === '' || !Number.isFinite(Number(v)) ? undefined : Number(v));
function setOverride<K extends keyof NonNullable<NoteDoc['overrides']>>(n: NoteDoc, k: K, v: NonNullable<NoteDoc['overrides']>[K] | undefined): void {
  const o = { ...n.overrides };
  if (v === undefined) delete o[k];
  else o[k] = v;
  n.overrides = Object.keys(o).length ? o : undefined;
  if (!n.overrides) delete n.overrides;
}
function setVibrato(n: NoteDoc, k: 'depth' | 'rate' | 'delay', v: string): void {
  const vib = { ...n.overrides?.vibrato };
  const x = optNum(v);
  if (x === undefined) delete vib[k];
  else vib[k] = x;
  setOverride(n, 'vibrato', Object.keys(vib).length ? vib : undefined);
}
noteField('f-lyric', (n, v) => {
  n.lyric = v;
  delete n.phonemes;
  delete n.kind;
  delete n.syllabic;
  if (n.overrides) delete n.overrides.phonemes;
}, true);
noteField('f-pitch', (n, v) => {
  const x = optNum(v);
  if (x !== undefined && n.pitch !== null) transposeNote(n, x - n.pitch);
});
noteField('f-vib-depth', (n, v) => setVibrato(n, 'depth', v));
noteField('f-vib-rate', (n, v) => setVibrato(n, 'rate', v));
noteField('f-vib-delay', (n, v) => setVibrato(n, 'delay', v));
noteField('f-pre', (n, v) => setOverride(n, 'preutterance', optNum(v)));
noteField('f-port', (n, v) => setOverride(n, 'portamento', optNum(v)));
noteField('f-dyn', (n, v) => setOverride(n, 'dynamics', optNum(v)));
field('f-vib-on').addEventListener('change', () => {
  if (selected < 0) return;
  const i = selected;
  const on = field('f-vib-on').checked;
  void edit(on ? 'vibrato on' : 'vibrato off', (d) => {
    const vib = { ...d.notes[i].overrides?.vibrato };
    if (on) delete vib.enabled;
    else vib.enabled = false;
    setOverride(d.notes[i], 'vibrato', Object.keys(vib).length ? vib : undefined);
  });
});
$('f-reset-pitch').addEventListener('click', () => {
  if (selected < 0) return;
  const i = selected;
  void edit('reset pitch curve', (d) => setOverride(d.notes[i], 'pitchPoints', undefined));
});

// Clone dialog.
const dialog = $<HTMLDialogElement>('clone-dialog');
$('clone-open').addEventListener('click', () => dialog.showModal());
$('clone-close').addEventListener('click', () => dialog.close());
$<HTMLFormElement>('clone-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const form = new FormData(e.target as HTMLFormElement);
  const btn = $<HTMLButtonElement>('clone-submit');
  btn.disabled = true;
  $('clone-report').textContent = 'cloning… (about 10 s per minute of speech)';
  void api.cloneVoice(form).then(
    async (v) => {
      $('clone-report').textContent = v.reportText ?? `voice ${v.name} ready`;
      await refreshVoices(v.id);
      await loadVoice(v.id);
    },
    (err: Error) => ($('clone-report').textContent = `error: ${err.message}`),
  ).finally(() => (btn.disabled = false));
});

// Keyboard shortcuts a piano-roll user expects.
window.addEventListener('resize', () => refresh());
// The key column and row labels scroll vertically with the roll.
scroller.addEventListener('scroll', () => ($('left').scrollTop = scroller.scrollTop));
window.addEventListener('keydown', (e) => {
  const t = e.target as HTMLElement;
  const typing = t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement;
  const mod = e.ctrlKey || e.metaKey;
  const k = e.key;
  if (mod && k.toLowerCase() === 's') {
    e.preventDefault();
    void saveProject();
    return;
  }
  if (typing || dialog.open) return;
  if (mod && k.toLowerCase() === 'z') {
    e.preventDefault();
    if (e.shiftKey) redo();
    else undo();
  } else if (mod && k.toLowerCase() === 'y') {
    e.preventDefault();
    redo();
  } else if (k === ' ') {
    e.preventDefault();
    togglePlay();
  } else if (k === 'ArrowUp' || k === 'ArrowDown') {
    e.preventDefault();
    transposeSelected((k === 'ArrowUp' ? 1 : -1) * (e.shiftKey ? 12 : 1));
  } else if (k === 'ArrowLeft' || k === 'ArrowRight') {
    e.preventDefault();
    const step = k === 'ArrowRight' ? 1 : -1;
    let i = selected < 0 ? (step > 0 ? -1 : doc.notes.length) : selected;
    do i += step;
    while (i >= 0 && i < doc.notes.length && doc.notes[i].kind === 'rest');
    if (i >= 0 && i < doc.notes.length) select(i);
  } else if (k === 'Delete' || k === 'Backspace') {
    e.preventDefault();
    deleteSelected();
  } else if (k === '+' || k === '=') zoom(1.25);
  else if (k === '-' || k === '_') zoom(0.8);
  else if (k === 'Escape') select(-1);
  else if (!mod && k.toLowerCase() === 'v') ((tool = 'select'), refresh());
  else if (!mod && k.toLowerCase() === 'p') ((tool = 'pitch'), refresh());
  else if (!mod && k === 'r') void renderSong();
  else if (!mod && k === 'R') void renderPhrase();
});

// What tests (and curious users, from the console) can read.
declare global {
  interface Window {
    studio: {
      doc: () => ScoreDoc;
      wavBase64: () => string | null;
      selected: () => number;
      renderedOffset: () => number;
      noteBox: (i: number) => { x: number; y: number; width: number; height: number } | null;
      rollPoint: (time: number, pitch: number) => { x: number; y: number };
    };
  }
}
window.studio = {
  doc: () => doc,
  selected: () => selected,
  renderedOffset: () => rendered?.offset ?? 0,
  /** Page (client) coordinates of a time and float MIDI pitch on the roll. */
  rollPoint: (time, pitch) => {
    const c = $<HTMLCanvasElement>('roll').getBoundingClientRect();
    return { x: c.left + timeline.x(time), y: c.top + roll.pitchY(pitch) };
  },
  /** Note i's bar in page (client) coordinates, scrolled into view. */
  noteBox: (i) => {
    const r = roll.noteRect(i);
    if (!r) return null;
    scroller.scrollLeft = Math.max(0, r.x - 80);
    scroller.scrollTop = Math.max(0, r.y - 120);
    const c = $<HTMLCanvasElement>('roll').getBoundingClientRect();
    return { x: c.left + r.x, y: c.top + r.y, width: r.width, height: r.height };
  },
  wavBase64: () => {
    if (!lastWav) return null;
    let s = '';
    for (let i = 0; i < lastWav.length; i += 0x8000) s += String.fromCharCode(...lastWav.subarray(i, i + 0x8000));
    return btoa(s);
  },
};

// Start: the voices, the default voice in the worker, an empty song.
void (async () => {
  try {
    await Promise.all([refreshVoices('default'), refreshProjects()]);
  } catch (err) {
    status(`cannot reach the studio server: ${(err as Error).message}`, 'error');
  }
  setDoc(doc, { fit: true });
  void loadVoice('default');
  try {
    if (needsParse(doc)) setDoc(await api.normalizeDoc(doc), { fit: true });
  } catch (err) {
    status((err as Error).message, 'error');
  }
  document.body.dataset.ready = 'true';
})();
