/** The prompt recorder's WAV handling, against G.711 values and hand-built headers. */
import { describe, expect, it } from 'vitest';
import { decodeWav, encodeMuLawWav, muLaw, resampleLinear, trimSilence } from './make-voice-prompts.wav.js';

describe('voice prompt WAV', () => {
  it('encodes μ-law per G.711 (silence 0xFF, full scale 0x80 / 0x00)', () => {
    expect(muLaw(0)).toBe(0xff);
    expect(muLaw(32767)).toBe(0x80);
    expect(muLaw(-32768)).toBe(0x00);
    expect(muLaw(-1)).toBe(0x7f);
    // 1000 → biased 1132 = segment 3, mantissa 1 → ~0x31 = 0xce.
    expect(muLaw(1000)).toBe(0xce);
  });

  it('writes a format-7 mono header Chromium accepts', () => {
    const bytes = encodeMuLawWav({ sampleRate: 16000, samples: new Int16Array([0, 32767]) });
    const view = new DataView(bytes.buffer);
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('RIFF');
    expect(view.getUint16(20, true)).toBe(7);
    expect(view.getUint32(24, true)).toBe(16000);
    expect(String.fromCharCode(...bytes.subarray(38, 42))).toBe('data');
    expect([...bytes.subarray(46)]).toEqual([0xff, 0x80]);
  });

  it('reads espeak-ng style PCM with an open-ended data size', () => {
    const bytes = new Uint8Array(44 + 4);
    const view = new DataView(bytes.buffer);
    bytes.set([...'RIFF'].map((c) => c.charCodeAt(0)), 0);
    view.setUint32(4, 0x7fffffff, true);
    bytes.set([...'WAVEfmt '].map((c) => c.charCodeAt(0)), 8);
    view.setUint32(16, 16, true);
    view.setUint16(20, 1, true);
    view.setUint16(22, 1, true);
    view.setUint32(24, 22050, true);
    view.setUint16(34, 16, true);
    bytes.set([...'data'].map((c) => c.charCodeAt(0)), 36);
    view.setUint32(40, 0x7fffffff, true);
    view.setInt16(44, -2, true);
    view.setInt16(46, 300, true);
    expect(decodeWav(bytes)).toEqual({ sampleRate: 22050, samples: new Int16Array([-2, 300]) });
  });

  it('refuses stereo or non-PCM input with the reason', () => {
    const bytes = encodeMuLawWav({ sampleRate: 8000, samples: new Int16Array([1]) });
    expect(() => decodeWav(bytes)).toThrow(/unsupported WAV: format 7/);
    expect(() => decodeWav(new Uint8Array(12))).toThrow(/not a RIFF/);
  });

  it('resamples by interpolation and trims silence around the speech', () => {
    expect([...resampleLinear(new Int16Array([0, 100, 200, 300]), 4, 2)]).toEqual([0, 200]);
    const samples = new Int16Array(1000);
    samples[500] = 5000;
    const trimmed = trimSilence({ sampleRate: 1000, samples }, 400, 10);
    expect(trimmed.samples.length).toBe(21);
    expect(trimmed.samples[10]).toBe(5000);
  });
});
