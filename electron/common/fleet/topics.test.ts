import { describe, expect, it } from 'vitest';
import { fleetFilter, FleetTopicError, kioskTopics, operatorEchoTopic, parseKioskTopic } from './topics.js';

describe('fleet topics', () => {
  it('are built under prefix/region/kiosk', () => {
    expect(kioskTopics('hall', '330102', 'K-01')).toEqual({
      state: 'hall/330102/K-01/state',
      health: 'hall/330102/K-01/health',
      events: 'hall/330102/K-01/events',
      cmd: 'hall/330102/K-01/cmd',
      cmdResult: 'hall/330102/K-01/cmd/result',
    });
    expect(kioskTopics('zj/hall', '330102', 'K-01').state).toBe('zj/hall/330102/K-01/state');
    expect(fleetFilter('hall', 'health')).toBe('hall/+/+/health');
  });

  it('refuse a level that would be a wildcard or a separator', () => {
    expect(() => kioskTopics('hall', '330102', 'K/01')).toThrow(FleetTopicError);
    expect(() => kioskTopics('hall', '+', 'K-01')).toThrow(/regionCode '\+'/);
    expect(() => kioskTopics('hall/#', '330102', 'K-01')).toThrow(/topicPrefix/);
  });

  it('parse back to the kiosk and channel, and nothing else', () => {
    expect(parseKioskTopic('hall', 'hall/330102/K-01/cmd/result')).toEqual({ regionCode: '330102', kioskId: 'K-01', channel: 'cmd/result' });
    expect(parseKioskTopic('hall', 'hall/330102/K-01/health')).toEqual({ regionCode: '330102', kioskId: 'K-01', channel: 'health' });
    expect(parseKioskTopic('hall', 'hall/330102/K-01/other')).toBeNull();
    expect(parseKioskTopic('hall', 'other/330102/K-01/health')).toBeNull();
    expect(parseKioskTopic('hall', 'hall/K-01/health')).toBeNull();
  });

  it("give an operator an echo topic that no kiosk's filter matches", () => {
    expect(operatorEchoTopic('hall', 'fleet-cli-1a2b')).toBe('hall/_operator/fleet-cli-1a2b');
    expect(parseKioskTopic('hall', operatorEchoTopic('hall', 'fleet-cli-1a2b'))).toBeNull();
    expect(() => operatorEchoTopic('hall', 'a/b')).toThrow(FleetTopicError);
  });
});
