import iconv from 'iconv-lite';

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8 if the bytes are valid UTF-8, else undefined. */
export function tryUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Decodes Shift_JIS if every byte sequence is valid Shift_JIS (no replacement characters), else undefined. */
export function tryShiftJis(bytes: Uint8Array): string | undefined {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'Shift_JIS');
  return text.includes('\uFFFD') ? undefined : text;
}

/**
 * Lyric bytes from a MIDI file: UTF-8, else Shift_JIS (Japanese files), else Latin-1. Many Latin-1 words are
 * also valid Shift_JIS ("día" reads as "d" + a kanji), so Shift_JIS is only believed when the text has kana or
 * no Latin letters at all.
 */
export function decodeLyricBytes(bytes: Uint8Array): string {
  if (bytes.every((b) => b < 0x80)) return String.fromCharCode(...bytes);
  const utf8 = tryUtf8(bytes);
  if (utf8 !== undefined) return utf8;
  const sjis = tryShiftJis(bytes);
  if (sjis !== undefined && (/[\u3040-\u30ff\uff66-\uff9f]/.test(sjis) || !/[A-Za-z]/.test(sjis))) return sjis;
  return iconv.decode(Buffer.from(bytes), 'latin1');
}
