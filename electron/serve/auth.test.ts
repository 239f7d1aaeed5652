import { describe, expect, it } from 'vitest';
import { isLoopbackHost, isOwnHost } from './auth';

describe('isLoopbackHost', () => {
  it('knows the addresses only this machine can reach', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]']) expect(isLoopbackHost(host), host).toBe(true);
  });

  it('treats every other address as reachable from other machines', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'myhost', '127.0.0.1.evil.example', 'localhost.evil.example', '1270.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});

describe('isOwnHost', () => {
  const own = new Set(['127.0.0.1:8080', 'localhost:8080']);
  it('accepts the server\'s own names and ports only, without regard to case', () => {
    expect(isOwnHost('127.0.0.1:8080', own)).toBe(true);
    expect(isOwnHost('LocalHost:8080', own)).toBe(true);
    expect(isOwnHost('localhost:8081', own)).toBe(false);
    expect(isOwnHost('evil.example:8080', own)).toBe(false);
    expect(isOwnHost(undefined, own)).toBe(false);
  });
});
