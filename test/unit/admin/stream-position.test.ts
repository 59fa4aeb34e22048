import { describe, expect, it } from 'vitest';
import { toStreamPosition } from '../../../src/admin/session-events.js';

describe('the event stream position in Last-Event-ID', () => {
  it('reads <outbox seq>:<journal number>:<revision>', () => {
    expect(toStreamPosition('3:17:2')).toEqual({ outbox: 3, journal: 17, revision: 2 });
    expect(toStreamPosition('0:0:0')).toEqual({ outbox: 0, journal: 0, revision: 0 });
  });

  it('reads an id without the revision (from before the stream sent it): the stream then sends a session event', () => {
    expect(toStreamPosition('3:17')).toEqual({ outbox: 3, journal: 17 });
  });

  it('reads a bare number as an outbox cursor alone (the journal then starts from now)', () => {
    expect(toStreamPosition('5')).toEqual({ outbox: 5 });
  });

  it.each([undefined, '', 'x', '3:', ':3', '1:2:', '1::3', '1:2:3:4', '-1:2', '1:2:-3', '1.5:2', '1234567890123456:1'])('takes %j as no position', (id) => {
    expect(toStreamPosition(id)).toBeUndefined();
  });
});
