import { describe, expect, it, vi } from 'vitest';
import { copyText } from './copy-text';

describe('copyText', () => {
  it('uses the Clipboard API when it is there', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    const fallback = vi.fn(() => true);
    await copyText('hello', { clipboard: { writeText }, fallback });
    expect(writeText).toHaveBeenCalledWith('hello');
    expect(fallback).not.toHaveBeenCalled();
  });

  it('falls back to the textarea copy when the API is missing or refuses', async () => {
    const fallback = vi.fn(() => true);
    await copyText('a', { clipboard: undefined, fallback });
    await copyText('b', { clipboard: { writeText: () => Promise.reject(new Error('denied')) }, fallback });
    expect(fallback.mock.calls).toEqual([['a'], ['b']]);
  });

  it('fails when neither way copies', async () => {
    await expect(copyText('x', { clipboard: undefined, fallback: () => false })).rejects.toThrow(/not available/);
  });
});
