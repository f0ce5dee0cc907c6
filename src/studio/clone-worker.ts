/**
 * A worker thread that clones one voice (buildVoice takes seconds; the server's event loop stays free meanwhile).
 * It gets the decoded reference and transcript, and posts back the encoded voice and the clone report, or the error
 * (a UserError keeps its file and place so the server can answer 400 with the same message).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Audio } from '../audio/types.js';
import { UserError } from '../errors.js';
import { baseLanguage, initLyrics } from '../lyrics/index.js';
import { buildVoice } from '../voice/build.js';
import { encodeVoice } from '../voice/voice-codec.js';

export interface CloneJob {
  audio: Audio;
  wavBytes: Uint8Array;
  file: string;
  transcript: string;
  language: string;
  name: string;
}

export type CloneResult =
  | { ok: true; voice: Uint8Array; report: ReturnType<typeof buildVoice>['report'] }
  | { ok: false; user: boolean; message: string; file?: string; where?: string };

export async function runCloneJob(job: CloneJob): Promise<CloneResult> {
  try {
    const base = baseLanguage(job.language);
    if (base !== 'en' && base !== 'zh' && base !== 'ja') await initLyrics();
    const { voice, report } = buildVoice(job.audio, job.transcript, job.language, {
      name: job.name, file: job.file, fileBytes: job.wavBytes, transcriptFile: 'transcript',
    });
    return { ok: true, voice: encodeVoice(voice), report };
  } catch (err) {
    if (err instanceof UserError) return { ok: false, user: true, message: err.message, file: err.file, where: err.where };
    return { ok: false, user: false, message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
}

if (parentPort && (workerData as { cantorCloneWorker?: boolean } | undefined)?.cantorCloneWorker) {
  const port = parentPort;
  port.once('message', (job: CloneJob) => {
    void runCloneJob(job).then((r) => port.postMessage(r));
  });
}
