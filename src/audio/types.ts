/** Mono audio: samples nominally in [-1, 1]. Every layer passes audio around in this form. */
export interface Audio {
  sampleRate: number;
  samples: Float32Array;
}
