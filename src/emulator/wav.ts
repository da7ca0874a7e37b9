/**
 * A short silent recording in the platform's format (rest-api.md §9): A-law, 8000 Hz, mono, 8 bits per
 * sample, `durationMs` long. Served at the download URLs the emulator hands out.
 */
export function silentAlawWav(durationMs = 100): Buffer {
  const sampleRate = 8000;
  const samples = Math.round((sampleRate * durationMs) / 1000);
  const header = Buffer.alloc(58);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(50 + samples, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(18, 16); // fmt chunk size (non-PCM formats carry cbSize)
  header.writeUInt16LE(6, 20); // WAVE_FORMAT_ALAW
  header.writeUInt16LE(1, 22); // channels
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate, 28); // byte rate
  header.writeUInt16LE(1, 32); // block align
  header.writeUInt16LE(8, 34); // bits per sample
  header.writeUInt16LE(0, 36); // cbSize
  header.write('fact', 38, 'ascii');
  header.writeUInt32LE(4, 42);
  header.writeUInt32LE(samples, 46);
  header.write('data', 50, 'ascii');
  header.writeUInt32LE(samples, 54);
  return Buffer.concat([header, Buffer.alloc(samples, 0xd5)]); // 0xD5: A-law silence
}
