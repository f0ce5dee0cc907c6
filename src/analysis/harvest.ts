import type { Audio } from '../audio/types.js';
export interface HarvestOptions { framePeriod?: number; f0Floor?: number; f0Ceil?: number }
export function harvest(_audio: Audio, _opts: HarvestOptions = {}): Float64Array {
  throw new Error('harvest: not implemented yet');
}
