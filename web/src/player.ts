/** Plays rendered audio through Web Audio and reports where it is on the song's timeline. */
import type { Rendered } from './audio-view.js';

export class Player {
  private ctx: AudioContext | null = null;
  private source: AudioBufferSourceNode | null = null;
  private startedAt = 0;
  private from = 0;
  private audio: Rendered | null = null;
  onEnd: () => void = () => {};

  get playing(): boolean {
    return this.source !== null;
  }

  /** Starts playing `audio` from song time `at` (s). */
  play(audio: Rendered, at: number): void {
    this.stop();
    this.ctx ??= new AudioContext();
    void this.ctx.resume();
    const buf = this.ctx.createBuffer(1, audio.samples.length, audio.sampleRate);
    buf.copyToChannel(Float32Array.from(audio.samples), 0);
    const src = this.ctx.createBufferSource();
    src.buffer = buf;
    src.connect(this.ctx.destination);
    const offset = Math.max(0, Math.min(buf.duration, at - audio.offset));
    src.start(0, offset);
    src.onended = () => {
      if (this.source === src) {
        this.source = null;
        this.onEnd();
      }
    };
    this.source = src;
    this.audio = audio;
    this.startedAt = this.ctx.currentTime;
    this.from = audio.offset + offset;
  }

  stop(): void {
    const s = this.source;
    this.source = null;
    if (s) {
      try {
        s.stop();
      } catch {
        // already stopped
      }
    }
  }

  /** Song time now (s), or null when stopped. */
  position(): number | null {
    if (!this.source || !this.ctx || !this.audio) return null;
    return this.from + (this.ctx.currentTime - this.startedAt);
  }
}
