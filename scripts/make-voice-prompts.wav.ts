/** Just enough RIFF/WAVE for voice prompts: 16-bit PCM mono in and out, linear resampling. */

export interface PcmMono {
  sampleRate: number;
  samples: Int16Array;
}

export function decodeWav(bytes: Uint8Array): PcmMono {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a RIFF/WAVE file');
  let offset = 12;
  let sampleRate = 0;
  let channels = 0;
  let bits = 0;
  while (offset + 8 <= bytes.length) {
    const id = tag(offset);
    // espeak-ng writes a streaming header with 0x7fffffff sizes: clamp to what is there.
    const size = Math.min(view.getUint32(offset + 4, true), bytes.length - offset - 8);
    const body = offset + 8;
    if (id === 'fmt ') {
      const format = view.getUint16(body, true);
      channels = view.getUint16(body + 2, true);
      sampleRate = view.getUint32(body + 4, true);
      bits = view.getUint16(body + 14, true);
      if (format !== 1 || bits !== 16 || channels !== 1) throw new Error(`unsupported WAV: format ${format}, ${channels} ch, ${bits} bit`);
    } else if (id === 'data') {
      if (!sampleRate) throw new Error('WAV data before fmt chunk');
      const count = Math.floor(size / 2);
      const samples = new Int16Array(count);
      for (let i = 0; i < count; i++) samples[i] = view.getInt16(body + i * 2, true);
      return { sampleRate, samples };
    }
    offset = body + size + (size % 2);
  }
  throw new Error('WAV without a data chunk');
}

/** G.711 μ-law of one 16-bit sample: 8 bits with speech-friendly resolution (halves the files). */
export function muLaw(sample: number): number {
  const BIAS = 0x84;
  const sign = sample < 0 ? 0x80 : 0;
  let magnitude = Math.min(Math.abs(sample), 32635) + BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  magnitude = 0;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** Mono μ-law WAV (format 7): Chromium plays it; a 3 s prompt is about 48 KiB at 16 kHz. */
export function encodeMuLawWav({ sampleRate, samples }: PcmMono): Uint8Array {
  const bytes = new Uint8Array(46 + samples.length);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, s: string) => [...s].forEach((c, i) => (bytes[at + i] = c.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 38 + samples.length, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 18, true);
  view.setUint16(20, 7, true); // μ-law
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate, true);
  view.setUint16(32, 1, true);
  view.setUint16(34, 8, true);
  view.setUint16(36, 0, true); // no extension
  ascii(38, 'data');
  view.setUint32(42, samples.length, true);
  samples.forEach((s, i) => (bytes[46 + i] = muLaw(s)));
  return bytes;
}

/** Drops leading and trailing silence, keeping `padMs` around the speech. */
export function trimSilence({ sampleRate, samples }: PcmMono, threshold = 400, padMs = 120): PcmMono {
  const loud = (s: number) => Math.abs(s) > threshold;
  const first = samples.findIndex(loud);
  if (first < 0) return { sampleRate, samples: new Int16Array(0) };
  let last = samples.length - 1;
  while (last > first && !loud(samples[last]!)) last--;
  const pad = Math.round((sampleRate * padMs) / 1000);
  return { sampleRate, samples: samples.slice(Math.max(0, first - pad), Math.min(samples.length, last + pad + 1)) };
}

/** Linear interpolation: fine for speech going down from espeak's 22.05 kHz to 16 kHz. */
export function resampleLinear(input: Int16Array, from: number, to: number): Int16Array {
  if (from === to) return input.slice();
  const length = Math.floor((input.length * to) / from);
  const out = new Int16Array(length);
  for (let i = 0; i < length; i++) {
    const pos = (i * from) / to;
    const left = Math.floor(pos);
    const a = input[left] ?? 0;
    const b = input[left + 1] ?? a;
    out[i] = Math.round(a + (b - a) * (pos - left));
  }
  return out;
}
