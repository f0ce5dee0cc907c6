/**
 * A WAV written as it is made: the header first (its sizes are known up front: the stream's length is), then each
 * chunk's samples, encoded by the project's own WAV encoder (src/audio/wav.ts: the same 44-byte header and sample
 * formats as a whole file, so a streamed file is byte for byte the file a whole render with the same samples writes).
 */
import { encodeWav } from '../audio/wav.js';

export class WavStreamWriter {
  private written = 0;
  private readonly bytesPer: number;

  constructor(
    private readonly sink: (bytes: Uint8Array) => void,
    private readonly sampleRate: number,
    private readonly total: number,
    private readonly bitDepth: 16 | 24 | 32,
  ) {
    this.bytesPer = bitDepth / 8;
    const header = encodeWav({ sampleRate, samples: new Float32Array(0) }, { bitDepth }).slice(0, 44);
    const dataSize = total * this.bytesPer;
    const view = new DataView(header.buffer);
    view.setUint32(4, 36 + dataSize + (dataSize & 1), true);
    view.setUint32(40, dataSize, true);
    sink(header);
  }

  /** Samples so far. */
  get count(): number {
    return this.written;
  }

  write(samples: Float32Array): void {
    const n = Math.min(samples.length, this.total - this.written);
    if (n <= 0) return;
    const enc = encodeWav({ sampleRate: this.sampleRate, samples: samples.subarray(0, n) }, { bitDepth: this.bitDepth });
    this.sink(enc.subarray(44, 44 + n * this.bytesPer));
    this.written += n;
  }

  /** Pads with silence to the announced length (and the RIFF pad byte). */
  end(): void {
    while (this.written < this.total) this.write(new Float32Array(Math.min(65536, this.total - this.written)));
    if ((this.total * this.bytesPer) & 1) this.sink(new Uint8Array(1));
  }
}
