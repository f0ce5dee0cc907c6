/**
 * `npm run eval`: how well the renderer sings, measured on the shared material with tools independent of our own
 * analysis. Every shared voice (built from its reference with buildVoice, cached in a temporary directory for the
 * run) sings each of a few songs of the MusicXML test suite, transposed into its range:
 *  - pitch: Praat's F0 vs the planned F0 on frames both call voiced: RMSE in cents, median of the per-note median
 *    error over each note's middle half (targets <= 10 and <= 3 cents);
 *  - timing: vowel voicing onsets (Praat, 1 ms) vs the planned onsets, median |error| (target <= 10 ms);
 *  - likeness: a GMM speaker classifier trained on the reference recordings only assigns each song to a voice
 *    (target: the voice it was rendered with); the confusion table is printed.
 * Not measured here: speech-mode word error rate (pocketsphinx) and a side-by-side with Festival's singing mode.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { median } from '../test/helpers/measure.js';
import { tempDir } from '../test/helpers/paths.js';
import { confusionTable, evalLikeness, type Likeness } from './likeness.js';
import { evalPitch, PITCH_TARGETS } from './pitch.js';
import { EVAL_SONGS, EVAL_VOICES, evalVoice, referenceAudio, renderSong } from './songs.js';
import { trainSpeakerClassifier } from './speaker-classifier.js';
import { evalTiming, TIMING_TARGET_MS } from './timing.js';

interface Row {
  voice: string;
  song: string;
  seconds: number;
  rmse: number;
  medianNote: number;
  worstNote: number;
  voicedShare: number;
  onsets: number;
  missingOnsets: number;
  onsetMs: number;
  onsetErrors: number[];
  likeness: Likeness;
}

const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-');

async function main(): Promise<void> {
  const t0 = performance.now();
  const dir = tempDir('cantor-eval-');
  try {
    console.log('training the speaker classifier on the reference recordings...');
    const clf = trainSpeakerClassifier(EVAL_VOICES.map((v) => ({ name: v.name, audio: referenceAudio(v.name) })));
    const rows: Row[] = [];
    for (const v of EVAL_VOICES) {
      const tb = performance.now();
      const voice = evalVoice(v.name, v.language, join(dir, 'voices'));
      console.log(`${v.name}: voice built in ${((performance.now() - tb) / 1000).toFixed(1)} s`);
      for (const song of EVAL_SONGS) {
        const s = renderSong(song, v.name, voice, dir);
        const p = evalPitch(s);
        const t = evalTiming(s);
        const l = evalLikeness(clf, s.audio, v.name);
        const row: Row = {
          voice: v.name,
          song: song.replace(/\.xml$/, ''),
          seconds: s.audio.samples.length / s.audio.sampleRate,
          rmse: p.rmse,
          medianNote: p.medianNote,
          worstNote: Math.max(...p.noteErrors),
          voicedShare: p.frames / p.plannedVoiced,
          onsets: t.errors.length,
          missingOnsets: t.missing.length,
          onsetMs: t.medianAbs * 1000,
          onsetErrors: t.errors,
          likeness: l,
        };
        rows.push(row);
        console.log(`  ${row.song}: RMSE ${fmt(row.rmse)} c, per note ${fmt(row.medianNote, 2)} c, ` +
          `onsets ${row.onsets} (+${row.missingOnsets} missing) ${fmt(row.onsetMs)} ms, -> ${l.assigned} (${fmt(l.margin, 2)})`);
      }
    }

    const ok = (good: boolean) => (good ? '' : ' !');
    const header = ['voice', 'song', 'sec', 'RMSE c', 'note c', 'worst c', 'voiced', 'onsets', 'onset ms', 'assigned', 'margin'];
    const body = rows.map((r) => [
      r.voice,
      r.song,
      fmt(r.seconds),
      fmt(r.rmse) + ok(r.rmse <= PITCH_TARGETS.rmseCents),
      fmt(r.medianNote, 2) + ok(r.medianNote <= PITCH_TARGETS.medianNoteCents),
      fmt(r.worstNote),
      `${Math.round(100 * r.voicedShare)} %`,
      `${r.onsets}/${r.onsets + r.missingOnsets}`,
      r.onsets === 0 ? '-' : fmt(r.onsetMs) + ok(r.onsetMs <= TIMING_TARGET_MS),
      r.likeness.assigned + ok(r.likeness.assigned === r.voice),
      fmt(r.likeness.margin, 2),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    const pass = {
      rmse: rows.filter((r) => r.rmse <= PITCH_TARGETS.rmseCents).length,
      note: rows.filter((r) => r.medianNote <= PITCH_TARGETS.medianNoteCents).length,
      onset: rows.filter((r) => r.onsets > 0 && r.onsetMs <= TIMING_TARGET_MS).length,
      withOnsets: rows.filter((r) => r.onsets > 0).length,
      like: rows.filter((r) => r.likeness.assigned === r.voice).length,
    };
    console.log('\nRenderer evaluation (Praat pitch; "!" = misses its target)');
    console.log(`targets: RMSE <= ${PITCH_TARGETS.rmseCents} cents, median per-note error <= ${PITCH_TARGETS.medianNoteCents} cents, ` +
      `median vowel onset error <= ${TIMING_TARGET_MS} ms, song assigned to its own voice`);
    console.log(line(header));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const b of body) console.log(line(b));
    console.log(`\nmeeting targets (of ${rows.length}): pitch RMSE ${pass.rmse}, per-note ${pass.note}, onsets ${pass.onset} of ${pass.withOnsets} songs with any, ` +
      `likeness ${pass.like}`);
    // Few of these lyrics put a vowel after silence or an unvoiced consonant, so the onsets are pooled per voice too.
    console.log('\nvowel onsets pooled per voice (median |error|, ms):');
    for (const v of EVAL_VOICES) {
      const errs = rows.filter((r) => r.voice === v.name).flatMap((r) => r.onsetErrors);
      const missing = rows.filter((r) => r.voice === v.name).reduce((a, r) => a + r.missingOnsets, 0);
      const med = median(errs.map((e) => Math.abs(e) * 1000));
      console.log(`  ${v.name.padEnd(10)} ${fmt(med)}${errs.length && med > TIMING_TARGET_MS ? ' !' : ''} over ${errs.length} onsets` +
        (missing ? ` (${missing} not found within 50 ms)` : ''));
    }
    console.log('\nlikeness confusion (rows: rendered with, columns: assigned to)');
    console.log(confusionTable(clf.names, rows.map((r) => ({ voice: r.voice, assigned: r.likeness.assigned }))));
    console.log(`\nnot measured here: speech-mode WER (pocketsphinx), Festival singing-mode side by side`);
    console.log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
