/**
 * The left-to-right state network that a transcript becomes for forced alignment: one 3-state unit per phone
 * (the usual monophone topology of the HTK book, Young et al.), explicit pauses (punctuation) as optional pause
 * units that cost nothing to enter, and between words optional pause units that cost `wordPausePenalty` (natural
 * log) to enter, plus optional leading and trailing silence. Every optional unit can be skipped.
 */
import type { PhonemeClass } from '../../lyrics/types.js';

export interface AlignPhoneme {
  symbol: string;
  cls: PhonemeClass;
  /** Index of the word the phoneme belongs to; optional pauses go only between words when given. */
  wordIndex?: number;
}

export const STATES_PER_UNIT = 3;
export const PAUSE_MODEL = 'pau';

export interface Unit {
  /** Model name: the upper-cased phone symbol, or 'pau'. */
  model: string;
  cls: PhonemeClass;
  optional: boolean;
  /** Natural-log cost of entering this unit (0 for required units and explicit pauses). */
  enterCost: number;
  /** Index into the input phonemes, or -1 for a pause the aligner inserted. */
  phonemeIndex: number;
}

export interface Network {
  units: Unit[];
  /** Distinct model names; model m owns model-states m*3 .. m*3+2. */
  models: string[];
  modelIndex: Map<string, number>;
  /** Model-state of every network state (network state s = unit * 3 + k). */
  stateModelState: Int32Array;
  numStates: number;
}

/** With `split`, a phone whose `split` returns model names becomes a chain of units (subphones.ts). */
export function buildNetwork(
  phonemes: AlignPhoneme[],
  wordPausePenalty: number,
  split?: (symbol: string) => string[] | null,
): Network {
  const units: Unit[] = [];
  const pushPause = (phonemeIndex: number, cost: number) => {
    const last = units[units.length - 1];
    if (last && last.model === PAUSE_MODEL) {
      // Merge consecutive pauses; an explicit one wins.
      if (phonemeIndex >= 0 && last.phonemeIndex < 0) {
        last.phonemeIndex = phonemeIndex;
        last.enterCost = 0;
      }
      return;
    }
    units.push({ model: PAUSE_MODEL, cls: 'silence', optional: true, enterCost: cost, phonemeIndex });
  };
  pushPause(-1, 0);
  const haveWords = phonemes.some((p) => p.wordIndex !== undefined);
  let prevWord: number | undefined;
  let prevWasPhone = false;
  phonemes.forEach((p, i) => {
    const isPause = p.cls === 'silence' || p.symbol.toLowerCase() === PAUSE_MODEL;
    if (isPause) {
      pushPause(i, 0);
      prevWasPhone = false;
      return;
    }
    if (prevWasPhone && (!haveWords || p.wordIndex !== prevWord)) pushPause(-1, wordPausePenalty);
    const parts = split?.(p.symbol) ?? [p.symbol.toUpperCase()];
    for (const model of parts) units.push({ model, cls: p.cls, optional: false, enterCost: 0, phonemeIndex: i });
    prevWord = p.wordIndex;
    prevWasPhone = true;
  });
  pushPause(-1, 0);
  const models: string[] = [];
  const modelIndex = new Map<string, number>();
  for (const u of units) {
    if (!modelIndex.has(u.model)) {
      modelIndex.set(u.model, models.length);
      models.push(u.model);
    }
  }
  const numStates = units.length * STATES_PER_UNIT;
  const stateModelState = new Int32Array(numStates);
  units.forEach((u, i) => {
    const m = modelIndex.get(u.model)!;
    for (let k = 0; k < STATES_PER_UNIT; k++) stateModelState[i * STATES_PER_UNIT + k] = m * STATES_PER_UNIT + k;
  });
  return { units, models, modelIndex, stateModelState, numStates };
}
