import { pitchName } from './pitch-name.js';
import type { Note, Score } from './types.js';

/** Display width: East Asian wide characters (CJK, kana, full-width forms) take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - width(s)));
}

function flags(n: Note): string {
  const f: string[] = [];
  if (n.kind === 'continuation') f.push('cont');
  if (n.tie) f.push('tie');
  if (n.melisma) f.push('melisma');
  if (n.grace) f.push('grace');
  if (n.fermata) f.push('fermata');
  if (n.accent) f.push(n.accent === 'strong' ? 'strong-accent' : 'accent');
  if (n.breath) f.push('breath');
  if (n.approximate) f.push('approx');
  if (n.overrides) f.push(`overrides(${Object.keys(n.overrides).join(',')})`);
  return f.join(' ');
}

/** The score as a plain-text table: index, start, end, pitch name, lyric, phonemes, flags; then a summary. */
export function formatScoreTable(score: Score): string {
  const rows = [['#', 'start', 'end', 'pitch', 'lyric', 'phonemes', 'flags']];
  for (const n of score.notes) {
    rows.push([
      String(n.index),
      n.start.toFixed(3),
      n.end.toFixed(3),
      n.kind === 'rest' ? 'rest' : pitchName(n.pitch),
      n.lyric,
      n.phonemes.map((p) => p.symbol).join(' '),
      flags(n),
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => width(r[c]))));
  const lines = rows.map((r) => r.map((cell, c) => pad(cell, widths[c])).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const sel = score.selection ? Object.entries(score.selection).filter(([, v]) => v !== undefined).map(([k, v]) => `${k} ${v}`).join(', ') : '';
  const sung = score.notes.filter((n) => n.kind !== 'rest').length;
  lines.push('');
  lines.push(`${score.title ? `"${score.title}" ` : ''}${score.source?.format ?? ''}; ${sung} notes, ${score.notes.length - sung} rests, ${score.duration.toFixed(3)} s, language ${score.language}${sel ? `; ${sel}` : ''}`);
  lines.push(`tempo: ${score.tempo.map((t) => `${+t.bpm.toFixed(3)} bpm at ${t.time.toFixed(3)} s`).join(', ')}`);
  for (const w of score.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n') + '\n';
}
