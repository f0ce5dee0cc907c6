/**
 * `npm run eval`: how well the renderer sings and speaks, measured on the shared material with tools independent of
 * our own analysis. Every shared voice (built from its reference with buildVoice, cached in a temporary directory for
 * the run) sings each of a few songs of the MusicXML test suite, transposed into its range:
 *  - pitch: Praat's F0 of the output vs the planned F0 on frames both call voiced: RMSE in cents, median of the
 *    per-note median error over each note's middle half (targets <= 10 and <= 3 cents). The RMSE is taken against
 *    Praat's reading of the planned F0 played as a plain tone ("RMSE c"), so that Praat's own smoothing of fast
 *    leaps is not charged to the renderer, and also against the plan itself ("vs plan c");
 *  - timing: vowel onsets found by a rise of band energy (test/helpers/onsets.ts; after pauses, stops, fricatives,
 *    affricates and nasals) vs the planned onsets, median |error| (target <= 10 ms), with Praat's voicing onsets as a
 *    second column; the detector's own error on the true phone segments of slt and kal is printed first, and a
 *    timing song (Harvard sentences sung a syllable a quaver) gives each voice ~30 onsets where the test suite gives 14;
 *  - likeness: a GMM speaker classifier trained on the reference recordings only assigns each song to a voice
 *    (target: the voice it was rendered with); the confusion table is printed;
 *  - intelligibility: pocketsphinx's word error rate on `cantor speak` of each English voice's own transcript vs on
 *    the reference recording (target: within 10 points; eval/intelligibility.ts);
 *  - a peer side by side: Festival's singing mode (kal_diphone) and cantor (kal) sing the same song in the same key,
 *    both judged by Praat against the score's notes, with their speeds (eval/festival.ts);
 *  - voice conversion: pitch, words and likeness of `cantor convert` (eval/convert.ts).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Voice } from '../src/voice/types.js';
import { median } from '../test/helpers/measure.js';
import { tempDir } from '../test/helpers/paths.js';
import { convertLikeness, convertPitch, convertWer, WER_SEEDS } from './convert.js';
import { SIDE_BY_SIDE_SONGS, sideBySide } from './festival.js';
import { evalIntelligibility, resynthesisWer, trueVowelDurationsWer, WER_TARGET_POINTS, WER_VOICES, type Intelligibility } from './intelligibility.js';
import { confusionTable, evalLikeness, type Likeness } from './likeness.js';
import { evalPitch, PITCH_TARGETS } from './pitch.js';
import { EVAL_SONGS, EVAL_VOICES, evalVoice, referenceAudio, renderSong } from './songs.js';
import { trainSpeakerClassifier } from './speaker-classifier.js';
import { evalOnsets, evalTiming, LABELLED_VOICES, renderTimingSong, TIMING_TARGET_MS, validateDetector } from './timing.js';

interface Row {
  voice: string;
  song: string;
  seconds: number;
  rmse: number;
  /** RMSE against the plan itself rather than against Praat's reading of the planned tone. */
  rmseVsPlan: number;
  medianNote: number;
  worstNote: number;
  voicedShare: number;
  /** Energy-rise onsets: errors (s) and how many were looked for. */
  onsetErrors: number[];
  onsetsSought: number;
  /** Praat voicing onsets (vowels after silence or unvoiced consonants only). */
  voicingErrors: number[];
  voicingSought: number;
  likeness: Likeness;
}

const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-');
const ok = (good: boolean) => (good ? '' : ' !');
const medianMs = (errs: number[]) => median(errs.map((e) => Math.abs(e) * 1000));

/** Prints a table: the first `left` columns left-aligned, the others right-aligned. */
function table(header: string[], body: string[][], left = 1): void {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < left ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
}

function section(title: string): void {
  console.log(`\n== ${title}`);
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const dir = tempDir('cantor-eval-');
  const voicesCache = join(dir, 'voices');
  try {
    console.log('training the speaker classifier on the reference recordings...');
    const clf = trainSpeakerClassifier(EVAL_VOICES.map((v) => ({ name: v.name, audio: referenceAudio(v.name) })));
    const rows: Row[] = [];
    const voices = new Map<string, Voice>();
    const timingSongs: Row[] = [];
    for (const v of EVAL_VOICES) {
      const tb = performance.now();
      const voice = evalVoice(v.name, v.language, voicesCache);
      voices.set(v.name, voice);
      console.log(`${v.name}: voice built in ${((performance.now() - tb) / 1000).toFixed(1)} s`);
      const songs = [...EVAL_SONGS.map((song) => ({ song, timing: false })), ...(v.language === 'en' ? [{ song: 'timing-song', timing: true }] : [])];
      for (const { song, timing } of songs) {
        const s = timing ? renderTimingSong(v.name, voice, dir) : renderSong(song, v.name, voice, dir);
        const p = evalPitch(s);
        const o = evalOnsets(s);
        const t = evalTiming(s);
        const l = evalLikeness(clf, s.audio, v.name);
        const row: Row = {
          voice: v.name,
          song: song.replace(/\.xml$/, ''),
          seconds: s.audio.samples.length / s.audio.sampleRate,
          rmse: p.rmse,
          rmseVsPlan: p.rmseVsPlan,
          medianNote: p.medianNote,
          worstNote: Math.max(...p.noteErrors),
          voicedShare: p.frames / p.plannedVoiced,
          onsetErrors: o.errors,
          onsetsSought: o.errors.length + o.missing.length,
          voicingErrors: t.errors,
          voicingSought: t.errors.length + t.missing.length,
          likeness: l,
        };
        (timing ? timingSongs : rows).push(row);
        console.log(`  ${row.song}: RMSE ${fmt(row.rmse)} c, per note ${fmt(row.medianNote, 2)} c, ` +
          `onsets ${o.errors.length}/${row.onsetsSought} ${fmt(medianMs(o.errors))} ms (voicing ${t.errors.length} ${fmt(medianMs(t.errors))} ms), ` +
          `-> ${l.assigned} (${fmt(l.margin, 2)})`);
      }
    }

    section('Singing: pitch, timing, likeness ("!" = misses its target)');
    console.log(`targets: RMSE <= ${PITCH_TARGETS.rmseCents} cents, median per-note error <= ${PITCH_TARGETS.medianNoteCents} cents, ` +
      `median vowel onset error <= ${TIMING_TARGET_MS} ms, song assigned to its own voice`);
    const onsetCell = (errs: number[], sought: number) => `${errs.length}/${sought}`;
    const msCell = (errs: number[]) => (errs.length === 0 ? '-' : fmt(medianMs(errs)) + ok(medianMs(errs) <= TIMING_TARGET_MS));
    table(
      ['voice', 'song', 'sec', 'RMSE c', 'vs plan c', 'note c', 'worst c', 'voiced', 'onsets', 'onset ms', 'voicing', 'voicing ms', 'assigned', 'margin'],
      rows.map((r) => [
        r.voice,
        r.song,
        fmt(r.seconds),
        fmt(r.rmse) + ok(r.rmse <= PITCH_TARGETS.rmseCents),
        fmt(r.rmseVsPlan) + ok(r.rmseVsPlan <= PITCH_TARGETS.rmseCents),
        fmt(r.medianNote, 2) + ok(r.medianNote <= PITCH_TARGETS.medianNoteCents),
        fmt(r.worstNote),
        `${Math.round(100 * r.voicedShare)} %`,
        onsetCell(r.onsetErrors, r.onsetsSought),
        msCell(r.onsetErrors),
        onsetCell(r.voicingErrors, r.voicingSought),
        msCell(r.voicingErrors),
        r.likeness.assigned + ok(r.likeness.assigned === r.voice),
        fmt(r.likeness.margin, 2),
      ]),
      2,
    );
    const pass = {
      rmse: rows.filter((r) => r.rmse <= PITCH_TARGETS.rmseCents).length,
      rmseVsPlan: rows.filter((r) => r.rmseVsPlan <= PITCH_TARGETS.rmseCents).length,
      note: rows.filter((r) => r.medianNote <= PITCH_TARGETS.medianNoteCents).length,
      like: rows.filter((r) => r.likeness.assigned === r.voice).length,
    };
    console.log(`\nmeeting targets (of ${rows.length}): pitch RMSE ${pass.rmse} (against the plan itself: ${pass.rmseVsPlan}), per-note ${pass.note}, likeness ${pass.like}`);
    console.log('\nlikeness confusion (rows: rendered with, columns: assigned to)');
    console.log(confusionTable(clf.names, rows.map((r) => ({ voice: r.voice, assigned: r.likeness.assigned }))));

    section('Timing: vowel onsets (energy rise; Praat voicing onsets as a second measure)');
    console.log('the detector on the true vowel onsets of the references (phones.txt; search centre moved +-30 ms off the truth):');
    table(
      ['voice', 'onsets', 'found', 'median ms', 'within 10 ms', 'by class before the vowel: median |error| (bias) ms'],
      LABELLED_VOICES.map((name) => {
        const d = validateDetector(name);
        return [
          name,
          String(d.onsets),
          String(d.measure.errors.length),
          fmt(d.measure.medianAbs * 1000),
          `${Math.round(100 * d.within10)} %`,
          d.byClass.map((c) => `${c.before} ${c.n}: ${fmt(c.medianMs)} (${c.biasMs >= 0 ? '+' : ''}${fmt(c.biasMs)})`).join(', '),
        ];
      }),
    );
    console.log("(kal's labels come from a diphone concatenation: its voiceless stops' labels sit between the burst and the voicing,\n" +
      " which Praat finds 10-20 ms after them; slt's are the HTS voice's own state boundaries)");
    console.log('\nrendered vowel onsets per voice: the 4 songs pooled, and the timing song (Harvard sentences, a syllable a quaver):');
    table(
      ['voice', 'songs onsets', 'songs ms', 'timing-song onsets', 'timing-song ms', 'voicing onsets (all)', 'voicing ms'],
      EVAL_VOICES.map((v) => {
        const rs = rows.filter((r) => r.voice === v.name);
        const ts = timingSongs.find((r) => r.voice === v.name);
        const songErrs = rs.flatMap((r) => r.onsetErrors);
        const voicingErrs = [...rs, ...(ts ? [ts] : [])].flatMap((r) => r.voicingErrors);
        return [
          v.name,
          onsetCell(songErrs, rs.reduce((a, r) => a + r.onsetsSought, 0)),
          msCell(songErrs),
          ts ? onsetCell(ts.onsetErrors, ts.onsetsSought) : '-',
          ts ? msCell(ts.onsetErrors) : '-',
          String(voicingErrs.length),
          msCell(voicingErrs),
        ];
      }),
    );

    section(`Intelligibility of speech: pocketsphinx WER on \`cantor speak\` of the voice's transcript vs on its reference`);
    const wers: Intelligibility[] = [];
    for (const name of WER_VOICES) {
      const ti = performance.now();
      const w = evalIntelligibility(name, voicesCache, dir);
      wers.push(w);
      console.log(`  ${name}: ${((performance.now() - ti) / 1000).toFixed(1)} s; speak heard as: "${w.speak.hypothesis.slice(0, 100)}..."`);
    }
    table(
      ['voice', 'words', 'reference WER', `speak WER (mean of seeds ${WER_SEEDS.join(', ')})`, 'per seed', 'difference', `target <= ${WER_TARGET_POINTS} points`, 'seed 1 S/D/I', 'ref sec', 'speak sec'],
      wers.map((w) => [
        w.voice,
        String(w.reference.referenceWords),
        `${fmt(100 * w.reference.wer)} %`,
        `${fmt(100 * w.speakWer)} %`,
        w.speakWers.map((x) => fmt(100 * x)).join(' / '),
        `${w.points >= 0 ? '+' : ''}${fmt(w.points)}`,
        w.points <= WER_TARGET_POINTS ? 'yes' : 'no !',
        `${w.speak.substitutions}/${w.speak.deletions}/${w.speak.insertions}`,
        fmt(w.referenceSeconds),
        fmt(w.speakSeconds),
      ]),
    );
    console.log("\nwhy (voices with true phone segments): speak's plan with each vowel as long as in the reference, all else unchanged:");
    for (const w of wers) {
      const o = trueVowelDurationsWer(w.voice, voicesCache);
      if (!o) continue;
      console.log(`  ${w.voice}: WER ${fmt(100 * o.wer)} % (${(o.wer - w.reference.wer) * 100 >= 0 ? '+' : ''}${fmt(100 * (o.wer - w.reference.wer))} points on the reference; speak ${fmt(100 * w.speak.wer)} % with seed 1)`);
    }
    console.log("  (speak times each vowel by the voice's median for that vowel and stress, and 1.3x before a pause; the rest of");
    console.log('   the gap is the variation of single vowels around those medians)');
    console.log("the vocoder's own share: each reference analysed and synthesized again, no planner or units (mean of the seeds):");
    for (const w of wers.filter((x) => x.voice !== 'espeak-en')) {
      const r = resynthesisWer(w.voice);
      console.log(`  ${w.voice}: WER ${fmt(100 * r.mean)} % (${r.perSeed.map((x) => fmt(100 * x)).join(' / ')}; ${r.mean - w.reference.wer >= 0 ? '+' : ''}${fmt(100 * (r.mean - w.reference.wer))} points on the reference; speak ${fmt(100 * w.speakWer)} %)`);
    }

    section("Peer side by side: Festival's singing mode and cantor, the same songs in kal's key");
    const sbs = SIDE_BY_SIDE_SONGS.flatMap((song) => sideBySide(song, voices.get('kal')!, dir).map((r) => ({ song: song.replace(/\.xml$/, ''), ...r })));
    table(
      ['song', 'system', 'pitch RMSE c', 'per-note median c', 'notes', 'sec of audio', 'sec taken', 'x real time'],
      sbs.map((r) => [
        r.song,
        r.system,
        fmt(r.pitch.rmse),
        fmt(r.pitch.medianNote),
        `${r.pitch.noteErrors.length}/${r.pitch.sungNotes}`,
        fmt(r.seconds, 2),
        fmt(r.taken, 2),
        fmt(r.seconds / r.taken),
      ]),
      2,
    );
    console.log("(both against the score's notes over each note's middle half, Praat; cantor sings with vibrato, Festival flat;\n" +
      " on 61h Festival squeezes the melisma on 'Me' into a third of its length, so the next C comes out as 'lis''s A;\n" +
      " cantor's time is plan + render + WAV with the voice built, Festival's the whole text2wave run)");
    section('Voice conversion (cantor convert, default settings)');
    const cp = convertPitch(voices, 'slt', 'kal', dir);
    console.log('songs sung by slt, converted into kal: Praat F0 of output vs input (target RMSE <= 10 c)');
    table(['song', 'RMSE c', 'frames'], cp.map((r) => [r.song, fmt(r.rmse), String(r.frames)]));
    console.log(`\nEnglish speech converted: pocketsphinx WER, mean of noise seeds ${WER_SEEDS.join(', ')} (target: within 15 points of the input's)`);
    const cw = convertWer(voices);
    table(
      ['from', 'to', 'formants x', 'WER in %', 'WER out %', 'per seed %', 'points', 'met'],
      cw.map((r) => [r.from, r.to, fmt(r.warp, 2), fmt(r.input * 100), fmt(r.output * 100), r.outputs.map((w) => fmt(w * 100)).join('/'), fmt((r.output - r.input) * 100), r.output - r.input <= 0.15 ? 'yes' : 'no']),
      2,
    );
    console.log('(espeak-en and espeak-cmn are one formant synthesizer; into espeak-cmn the words are English sounds made by a Mandarin voice)');
    console.log('\n15 s of each reference converted into each other voice: the speaker classifier (target: the voice converted into)');
    const cl = convertLikeness(voices, clf);
    table(
      ['from', 'to', 'assigned', 'margin nats/frame', 'met'],
      cl.map((r) => [r.from, r.to, r.assigned, fmt(r.margin, 2), r.assigned === r.to ? 'yes' : 'no']),
      3,
    );
    console.log(`likeness met for ${cl.filter((r) => r.assigned === r.to).length}/${cl.length} pairs`);
    console.log(`\ndone in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
