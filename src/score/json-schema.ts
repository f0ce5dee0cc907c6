/**
 * The project's own score file, "cantor-score" version 1 (docs/score-json.md), validated with zod.
 * Ticks are authoritative (480 per quarter); seconds are recomputed from the tempo map on reading.
 */
import { z } from 'zod';

const syllabic = z.enum(['single', 'begin', 'middle', 'end']);
const finite = z.number().finite();

export const pitchPointSchema = z.object({
  time: finite.min(0),
  pitch: finite,
  shape: z.enum(['s', 'l', 'r', 'j']).optional(),
});

export const vibratoSchema = z
  .object({
    rate: finite.positive().optional(),
    depth: finite.min(0).optional(),
    delay: finite.min(0).optional(),
    fadeIn: finite.min(0).optional(),
    fadeOut: finite.min(0).optional(),
    phase: finite.min(0).max(1).optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

export const overridesSchema = z
  .object({
    phonemes: z.array(z.string().min(1)).optional(),
    vibrato: vibratoSchema.optional(),
    pitchPoints: z.array(pitchPointSchema).optional(),
    dynamics: finite.optional(),
    preutterance: finite.optional(),
    portamento: finite.min(0).optional(),
  })
  .strict();

export const phonemeSchema = z.object({
  symbol: z.string().min(1),
  cls: z.enum(['vowel', 'nasal', 'liquid', 'glide', 'plosive', 'fricative', 'affricate', 'silence']),
  voiced: z.boolean(),
  stress: z.number().int().optional(),
});

export const noteSchema = z
  .object({
    kind: z.enum(['syllable', 'continuation', 'rest']).optional(),
    startTick: z.number().int().min(0),
    endTick: z.number().int().min(0),
    /** Float MIDI note number, or a name such as "C#4" / "A4+25c"; null or absent for a rest. */
    pitch: z.union([finite, z.string(), z.null()]).optional(),
    lyric: z.string().optional(),
    syllabic: syllabic.optional(),
    language: z.string().optional(),
    phonemes: z.array(phonemeSchema).optional(),
    approximate: z.boolean().optional(),
    velocity: finite.min(0).max(127).optional(),
    tie: z.boolean().optional(),
    melisma: z.boolean().optional(),
    breath: z.boolean().optional(),
    grace: z.boolean().optional(),
    fermata: z.boolean().optional(),
    accent: z.enum(['accent', 'strong']).optional(),
    overrides: overridesSchema.optional(),
    /** Written for readers; ignored on input (times come from ticks and the tempo map). */
    start: finite.optional(),
    end: finite.optional(),
    index: z.number().optional(),
  })
  .strict()
  .refine((n) => n.endTick > n.startTick, { message: 'endTick must be greater than startTick', path: ['endTick'] });

const curve = z.array(z.object({ time: finite.min(0), value: finite }));

export const scoreFileSchema = z
  .object({
    format: z.literal('cantor-score'),
    version: z.literal(1),
    title: z.string().optional(),
    source: z.object({ file: z.string().optional(), format: z.enum(['musicxml', 'mxl', 'midi', 'ust', 'json']) }).optional(),
    language: z.string().min(1).optional(),
    tempo: z
      .array(z.object({ tick: z.number().int().min(0), bpm: finite.positive(), time: finite.optional() }))
      .optional(),
    notes: z.array(noteSchema),
    curves: z
      .object({
        pitch: z.array(pitchPointSchema).optional(),
        loudness: curve.optional(),
        breathiness: curve.optional(),
        tension: curve.optional(),
        formant: curve.optional(),
      })
      .strict()
      .optional(),
    selection: z
      .object({ part: z.string().optional(), voice: z.string().optional(), verse: z.number().optional(), track: z.number().optional() })
      .optional(),
    warnings: z.array(z.string()).optional(),
    duration: finite.optional(),
  })
  .strict();

export type ScoreFile = z.infer<typeof scoreFileSchema>;
