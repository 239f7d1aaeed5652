import { describe, expect, it } from 'vitest';
import { API_METHOD_NAMES, isApiMethod, parseArguments } from './api';

describe('the API contract', () => {
  it('lists every method once', () => {
    expect(new Set(API_METHOD_NAMES).size).toBe(API_METHOD_NAMES.length);
    expect(API_METHOD_NAMES).toContain('queryEvents');
  });

  it('accepts well-formed arguments', () => {
    const [request] = parseArguments('queryEvents', [{ query: { levels: ['error'], text: 'x' }, offset: 0, limit: 100 }]);
    expect(request.query.levels).toEqual(['error']);
  });

  it('names the method and the field when it refuses arguments', () => {
    expect(() => parseArguments('queryEvents', [{ query: { levels: ['loud'] }, offset: 0, limit: 100 }])).toThrow(
      /queryEvents at 0\.query\.levels\.0/,
    );
    expect(() => parseArguments('queryEvents', [{ query: {}, offset: -1, limit: 100 }])).toThrow(/0\.offset/);
    expect(() => parseArguments('getEvent', ['7'])).toThrow(/getEvent/);
    expect(() => parseArguments('queryEvents', [{ query: { sql: 'DROP TABLE events' }, offset: 0, limit: 1 }])).toThrow();
  });

  it('knows its own method names and nothing else', () => {
    expect(isApiMethod('countEvents')).toBe(true);
    expect(isApiMethod('constructor')).toBe(false);
    expect(isApiMethod('__proto__')).toBe(false);
  });
});
