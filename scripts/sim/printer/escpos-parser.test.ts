import { describe, expect, it } from 'vitest';
import { EscPosStreamParser, type EscPosEvent } from './escpos-parser.js';
import { PaperBuilder, transcript, type CutTicket } from './paper.js';

const hex = (s: string) => Uint8Array.from(s.trim().split(/\s+/).map((h) => parseInt(h, 16)));

// Hand-written from PROTOCOLS.md §3: init, Chinese mode, centred bold "中文 ￥", a QR
// holding "AB", a status query, a partial cut.
const STREAM = hex(`
  1B 40 1C 26 1B 61 01 1B 45 01 D6 D0 CE C4 20 A3 A4 0A 1B 45 00
  1D 28 6B 04 00 31 41 32 00  1D 28 6B 03 00 31 43 04  1D 28 6B 03 00 31 45 31
  1D 28 6B 05 00 31 50 30 41 42  1D 28 6B 03 00 31 51 30
  10 04 04
  88 D2 95 32 82 36 0A
  1D 56 01`);

function run(chunks: Uint8Array[]): { events: EscPosEvent[]; tickets: CutTicket[] } {
  const events: EscPosEvent[] = [];
  const tickets: CutTicket[] = [];
  const paper = new PaperBuilder((t) => tickets.push(t));
  const parser = new EscPosStreamParser((e) => {
    events.push(e);
    paper.apply(e);
  });
  for (const c of chunks) parser.push(c);
  return { events, tickets };
}

describe('EscPosStreamParser + PaperBuilder', () => {
  it('decodes GB18030 text, QR payload, status query and cut', () => {
    const { events, tickets } = run([STREAM]);
    expect(events.filter((e) => e.type === 'status-query')).toEqual([{ type: 'status-query', n: 4 }]);
    expect(tickets).toHaveLength(1);
    expect(tickets[0]?.cut).toBe('partial');
    expect(transcript(tickets[0]?.blocks ?? [])).toBe('中文 ￥\n[QR] AB\n堃𠀀');
    const first = tickets[0]?.blocks[0];
    expect(first).toMatchObject({ kind: 'line', align: 'center', spans: [{ bold: true }] });
    expect(tickets[0]?.blocks[1]).toMatchObject({ kind: 'qr', moduleSize: 4, level: 'M' });
  });

  it('gives the same result when the stream arrives one byte at a time', () => {
    const whole = run([STREAM]);
    const bytewise = run([...STREAM].map((b) => Uint8Array.of(b)));
    expect(transcript(bytewise.tickets[0]?.blocks ?? [])).toBe(transcript(whole.tickets[0]?.blocks ?? []));
    expect(bytewise.events.filter((e) => e.type !== 'text')).toEqual(whole.events.filter((e) => e.type !== 'text'));
  });

  it('reports unknown sequences and keeps going', () => {
    const { events, tickets } = run([hex('1B 7F 41 0A 1D 56 00')]);
    expect(events[0]).toEqual({ type: 'unknown', bytes: hex('1B 7F') });
    expect(transcript(tickets[0]?.blocks ?? [])).toBe('A');
    expect(tickets[0]?.cut).toBe('full');
  });
});
