/** The simulators' control protocol: one message shape, each device's commands checked by its schema. */
import { describe, expect, it } from 'vitest';
import { centralCommand, citizenCardCommand, controlMessage, idCardCommand, parseCommand, printerCommand, scannerCommand } from './control-protocol.js';

describe('simulators control protocol', () => {
  it('reads { device, command, args } and nothing else', () => {
    expect(controlMessage.safeParse({ device: 'idcard', command: 'swipe', args: { card: 'resident-1' } }).success).toBe(true);
    expect(controlMessage.safeParse({ device: 'printer', command: 'reset' }).success).toBe(true);
    expect(controlMessage.safeParse({ op: 'swipe', card: 'resident-1' }).success).toBe(false); // the ID-card simulator's old shape
    expect(controlMessage.safeParse({ device: 'camera', command: 'scan' }).success).toBe(false);
    expect(controlMessage.safeParse({ device: 'idcard', command: 'swipe', card: 'resident-1' }).success).toBe(false);
  });

  it("checks each device's commands and arguments, naming the commands it knows", () => {
    expect(parseCommand('idcard', idCardCommand, { command: 'fault', args: { fault: 'garbage', onCommand: 'readTextPhoto', bytes: 200 } }).ok).toBe(true);
    expect(parseCommand('idcard', idCardCommand, { command: 'fault', args: { fault: 'garbage', onCommand: 'eject' } }).ok).toBe(false);
    expect(parseCommand('idcard', idCardCommand, { command: 'insert' })).toMatchObject({ ok: false, error: expect.stringMatching(/^invalid idcard simulator command .*commands: insert, remove, swipe, fault/) });
    expect(parseCommand('citizencard', citizenCardCommand, { command: 'insert', args: { card: 'ma-li', pullAfterApdus: 5 } }).ok).toBe(true);
    expect(parseCommand('citizencard', citizenCardCommand, { action: 'insert', card: 'ma-li' }).ok).toBe(false);
    expect(parseCommand('printer', printerCommand, { command: 'set', args: { paperOut: true } }).ok).toBe(true);
    expect(parseCommand('printer', printerCommand, { command: 'set', args: { lid: true } }).ok).toBe(false);
    expect(parseCommand('printer', printerCommand, { command: 'reset', args: { hard: true } }).ok).toBe(false);
    expect(parseCommand('central', centralCommand, { command: 'faults', args: { down: true } }).ok).toBe(true);
    expect(parseCommand('central', centralCommand, { command: 'stats' }).ok).toBe(true);
    expect(parseCommand('scanner', scannerCommand, { command: 'scan', args: { kind: 'network-id', citizen: 'hall-elderly' } }).ok).toBe(true);
    expect(parseCommand('scanner', scannerCommand, { command: 'scan', args: { kind: 'passport' } })).toMatchObject({ ok: false, error: expect.stringMatching(/commands: scan, scan-raw, garbage, unplug, replug/) });
    expect(parseCommand('scanner', scannerCommand, { command: 'terminator', args: { terminator: 'nul' } }).ok).toBe(false);
  });
});
