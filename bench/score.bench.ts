/**
 * Score parsing speed: a generated 5-minute, 1,500-note song (one part, lyrics on every note, a tempo change)
 * as MusicXML and as MIDI. Target: well under 100 ms each.
 */
import { parseScore, scoreToMidi } from '../src/score/index.js';

const NOTES = 1500;
const SYL = ['la', 'li', 'lo', 'sun', 'shine', 'a', 'way', 'home'];

function generateMusicXml(): string {
  // 100 bpm, eighth notes mostly: 1,500 notes, ~300 bars of 4/4 -> 5 minutes... at 100 bpm 4/4 a bar is 2.4 s;
  // 125 bars = 300 s, so 12 notes a bar (triplet eighths, divisions 3).
  const bars: string[] = [];
  let n = 0;
  for (let b = 0; n < NOTES; b++) {
    let m = `<measure number="${b + 1}">`;
    if (b === 0) m += '<attributes><divisions>3</divisions><time><beats>4</beats><beat-type>4</beat-type></time></attributes><direction><direction-type><metronome><beat-unit>quarter</beat-unit><per-minute>100</per-minute></metronome></direction-type><sound tempo="100"/></direction>';
    for (let k = 0; k < 12 && n < NOTES; k++, n++) {
      const step = 'CDEFGAB'[(n * 5) % 7];
      const oct = 4 + ((n >> 3) % 2);
      m += `<note><pitch><step>${step}</step>${n % 9 === 0 ? '<alter>1</alter>' : ''}<octave>${oct}</octave></pitch><duration>1</duration><voice>1</voice><type>eighth</type><time-modification><actual-notes>3</actual-notes><normal-notes>2</normal-notes></time-modification><stem>up</stem>`;
      m += `<lyric number="1"><syllabic>single</syllabic><text>${SYL[n % SYL.length]}</text></lyric></note>`;
    }
    bars.push(m + '</measure>');
  }
  return `<?xml version="1.0" encoding="UTF-8"?><score-partwise version="4.0"><part-list><score-part id="P1"><part-name>Voice</part-name></score-part></part-list><part id="P1">${bars.join('\n')}</part></score-partwise>`;
}

function time(fn: () => void, runs: number): { median: number; best: number } {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return { median: t[Math.floor(t.length / 2)], best: t[0] };
}

export default function bench(): void {
  const xml = new TextEncoder().encode(generateMusicXml());
  const score = parseScore(xml, 'bench.musicxml');
  const mid = scoreToMidi(score);
  const sung = score.notes.filter((n) => n.kind !== 'rest').length;
  console.log(`generated: ${sung} notes, ${score.duration.toFixed(1)} s; MusicXML ${(xml.length / 1024).toFixed(0)} KiB, MIDI ${(mid.length / 1024).toFixed(1)} KiB`);
  for (let i = 0; i < 3; i++) parseScore(xml, 'w.musicxml'); // warm-up (JIT, dictionaries)
  const tx = time(() => parseScore(xml, 'bench.musicxml'), 15);
  const tm = time(() => parseScore(mid, 'bench.mid'), 15);
  const rt = (ms: number) => (score.duration / (ms / 1000)).toFixed(0);
  console.log(`MusicXML parse (incl. phonemes): median ${tx.median.toFixed(1)} ms, best ${tx.best.toFixed(1)} ms  (${rt(tx.median)}x real time)`);
  console.log(`MIDI parse (incl. phonemes):     median ${tm.median.toFixed(1)} ms, best ${tm.best.toFixed(1)} ms  (${rt(tm.median)}x real time)`);
  console.log(`peak RSS of the process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}
