import { describe, expect, it } from 'vitest';
import { controlMarker, hasHiddenCharacters, visibleParts, visibleText } from './visible-text';

describe('visibleText', () => {
  it('leaves ordinary text alone, the same string', () => {
    const text = 'Disk C: is 96% full — <b>not markup</b>, 日本語, עברית, émoji 🙂';
    expect(visibleText(text)).toBe(text);
    expect(hasHiddenCharacters(text)).toBe(false);
    expect(visibleText('')).toBe('');
  });

  it('keeps tab, line feed and carriage return: they are layout', () => {
    expect(visibleText('a\tb\r\nc\nd')).toBe('a\tb\r\nc\nd');
  });

  it('shows C0 controls and DEL as control pictures', () => {
    expect(visibleText('before\u0000after')).toBe('before␀after');
    expect(visibleText('\u001b[31mRED\u001b[0m')).toBe('␛[31mRED␛[0m');
    expect(visibleText('bell\u0007 bs\u0008 vt\u000b ff\u000c del\u007f')).toBe('bell␇ bs␈ vt␋ ff␌ del␡');
  });

  it('makes an OSC 8 terminal hyperlink plain text', () => {
    expect(visibleText('\u001b]8;;http://evil/\u0007click\u001b]8;;\u0007')).toBe('␛]8;;http://evil/␇click␛]8;;␇');
  });

  it('marks bidi overrides, embeddings, isolates and marks by code point', () => {
    expect(visibleText('invoice\u202Efdp.exe')).toBe('invoice⟨U+202E⟩fdp.exe');
    expect(visibleText('\u202A\u202B\u202C\u202D')).toBe('⟨U+202A⟩⟨U+202B⟩⟨U+202C⟩⟨U+202D⟩');
    expect(visibleText('\u2066a\u2069\u2067b\u2069\u2068c\u2069')).toBe('⟨U+2066⟩a⟨U+2069⟩⟨U+2067⟩b⟨U+2069⟩⟨U+2068⟩c⟨U+2069⟩');
    expect(visibleText('\u200E\u200F\u061C')).toBe('⟨U+200E⟩⟨U+200F⟩⟨U+061C⟩');
  });

  it('marks zero-width characters, the BOM, tag characters, C1 controls and separators', () => {
    expect(visibleText('ad\u200Bmin')).toBe('ad⟨U+200B⟩min');
    expect(visibleText('\u200C\u200D\u2060\uFEFF')).toBe('⟨U+200C⟩⟨U+200D⟩⟨U+2060⟩⟨U+FEFF⟩');
    expect(visibleText('tag\u{E0041}')).toBe('tag⟨U+E0041⟩');
    expect(visibleText('\u009b31m \u0085')).toBe('⟨U+009B⟩31m ⟨U+0085⟩');
    expect(visibleText('one\u2028two\u2029')).toBe('one⟨U+2028⟩two⟨U+2029⟩');
    expect(visibleText('\u3164')).toBe('⟨U+3164⟩');
  });

  it('names any code point with at least four hex digits', () => {
    expect(controlMarker('\u0000')).toBe('␀');
    expect(controlMarker('\u001f')).toBe('␟');
    expect(controlMarker('\u0085')).toBe('⟨U+0085⟩');
    expect(controlMarker('\u{E007F}')).toBe('⟨U+E007F⟩');
  });

  it('is quick on a long line without hidden characters (the grid calls it per cell)', () => {
    const long = 'x'.repeat(10_000_000);
    expect(visibleText(long)).toBe(long);
  });
});

describe('visibleParts', () => {
  it('splits text into plain runs and markers, which join to visibleText', () => {
    const text = 'a\u202Eb\u0000\u0000c';
    const parts = visibleParts(text);
    expect(parts).toEqual([
      { text: 'a', marker: false },
      { text: '⟨U+202E⟩', marker: true },
      { text: 'b', marker: false },
      { text: '␀', marker: true },
      { text: '␀', marker: true },
      { text: 'c', marker: false },
    ]);
    expect(parts.map((part) => part.text).join('')).toBe(visibleText(text));
  });

  it('is one plain run for ordinary text and nothing for no text', () => {
    expect(visibleParts('plain')).toEqual([{ text: 'plain', marker: false }]);
    expect(visibleParts('')).toEqual([]);
  });

  it('stops styling markers after the limit, still showing every one', () => {
    const text = '\u001b'.repeat(10) + 'end';
    const parts = visibleParts(text, 3);
    expect(parts.filter((part) => part.marker)).toHaveLength(3);
    expect(parts).toHaveLength(4);
    expect(parts.map((part) => part.text).join('')).toBe('␛'.repeat(10) + 'end');
  });
});
