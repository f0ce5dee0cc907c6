/**
 * The source-filter parameters of a recording, one row per frame (frame i is centred at i * framePeriod seconds).
 * This is the form analysis produces and the vocoder consumes (the WORLD decomposition: Morise et al., 2016).
 */
export interface F0Track {
  /** Seconds between frames (0.005 by default). */
  framePeriod: number;
  /** F0 in Hz per frame; 0 marks an unvoiced frame. */
  f0: Float64Array;
}

export interface VocoderParams extends F0Track {
  sampleRate: number;
  /** FFT length the spectra were computed with; each spectrum row has fftSize / 2 + 1 bins. */
  fftSize: number;
  /** Spectral envelope per frame: power spectrum (linear, not dB), fftSize / 2 + 1 bins. */
  spectrogram: Float64Array[];
  /** Aperiodicity per frame and bin, 0 (periodic) to 1 (noise), fftSize / 2 + 1 bins. */
  aperiodicity: Float64Array[];
}
