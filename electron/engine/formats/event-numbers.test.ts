import { describe, expect, it } from 'vitest';
import { eventIdFromText, MAX_EVENT_ID, recordIdFromText, storableEventId, storableRecordId } from './event-numbers';

describe('event and record IDs the store can hold (found by fuzzing)', () => {
  it('reads decimal IDs and leaves out what its columns cannot hold', () => {
    expect(eventIdFromText(' 9221 ')).toBe(9221);
    expect(eventIdFromText(String(MAX_EVENT_ID))).toBe(MAX_EVENT_ID);
    expect(eventIdFromText('2147483648')).toBeNull();
    expect(eventIdFromText('99999999999999999999999')).toBeNull();
    expect(eventIdFromText('0x10')).toBeNull();
    expect(recordIdFromText('48213')).toBe(48213);
    expect(recordIdFromText('9007199254740993')).toBeNull();
    expect(recordIdFromText('99999999999999999999999')).toBeNull();
  });

  it('checks numbers already read', () => {
    expect(storableEventId(4294967295)).toBeNull();
    expect(storableEventId(-1)).toBe(-1);
    expect(storableEventId(1.5)).toBeNull();
    expect(storableRecordId(2 ** 64)).toBeNull();
    expect(storableRecordId(null)).toBeNull();
  });
});
