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

/** Lyric bytes from a MIDI file: UTF-8, else Shift_JIS (Japanese files), else Latin-1. */
export function decodeLyricBytes(bytes: Uint8Array): string {
  if (bytes.every((b) => b < 0x80)) return String.fromCharCode(...bytes);
  return tryUtf8(bytes) ?? tryShiftJis(bytes) ?? iconv.decode(Buffer.from(bytes), 'latin1');
}
