import { describe, expect, it } from 'vitest';
import { capped, quote, visible } from '../../src/core/quote';

describe('text from workspace data, as a message or listing shows it', () => {
  it('an escape sequence is shown as \\x1b, never sent as one', () => {
    expect(visible('\u001b[31mred\u001b[0m')).toBe('\\x1b[31mred\\x1b[0m');
  });

  it('C1 controls, DEL and bidi overrides are shown as \\u escapes, which JSON reads as the same characters', () => {
    const shown = visible('a\u009b2Jb\u007fc\u202ed\u2066e');
    expect(shown).toBe('a\\u009b2Jb\\u007fc\\u202ed\\u2066e');
    expect(JSON.parse(`"${shown}"`)).toBe('a\u009b2Jb\u007fc\u202ed\u2066e');
  });

  it('a line break in a value is shown as \\n; a listing keeps its own lines and tabs', () => {
    expect(visible('one\ntwo\r\tthree')).toBe('one\\ntwo\\r\\tthree');
    expect(visible('one\ntwo\r\tthree', { lines: true })).toBe('one\ntwo\\r\tthree');
  });

  it('ordinary text, accents and Chinese included, is left as it is', () => {
    expect(visible('Café — 中国 "quoted" \\ back')).toBe('Café — 中国 "quoted" \\ back');
  });

  it('a quoted value of 2 MB shows its first 120 characters and counts the rest', () => {
    expect(quote('k'.repeat(2 * 1024 * 1024))).toBe(`"${'k'.repeat(120)}…" (2097032 more characters)`);
    expect(capped('x'.repeat(121))).toBe(`${'x'.repeat(120)}… (1 more character)`);
    expect(quote('short')).toBe('"short"');
  });

  it('the cap never cuts a character in two', () => {
    const text = `${'x'.repeat(119)}😀tail`;
    expect(quote(text)).toBe(`"${'x'.repeat(119)}…" (6 more characters)`);
  });

  it('a field name is quoted with backticks', () => {
    expect(quote('\u001b]0;x\u0007', 120, '`')).toBe('`\\x1b]0;x\\x07`');
  });
});
