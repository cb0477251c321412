import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkText, forbiddenCharacterIn, TEXT_PATTERN } from '../../../src/core/resources/text-rule.js';
import { forbiddenCharacter, textWithForbiddenCharacter } from '../../support/hostile-input.js';

describe('text rule', () => {
  const schemaPattern = new RegExp(TEXT_PATTERN, 'u'); // how JSON Schema validators (ajv) compile it

  it('accepts any well-formed text without control or bidi characters, tab/LF/CR included', () => {
    for (const ok of ['plain', 'tab\tand\r\nlines', 'émoji 😀 and 中文', 'ﷺ U+FFFD \ufffd is a character', 'rtl marks \u200e\u200f', '']) {
      expect(checkText('body', ok)).toBe(ok);
      expect(forbiddenCharacterIn(ok)).toBeUndefined();
      expect(schemaPattern.test(ok)).toBe(true);
    }
  });

  it('refuses NUL, unpaired surrogates, C0/C1 controls and bidi overrides with a 422, schema pattern alike', () => {
    fc.assert(
      fc.property(textWithForbiddenCharacter, (text) => {
        expect(() => checkText('title', text)).toThrow(expect.objectContaining({ status: 422 }));
        expect(schemaPattern.test(text)).toBe(false);
      }),
    );
  });

  it('names the field and the code point, never the client text', () => {
    fc.assert(
      fc.property(forbiddenCharacter, (c) => {
        const error = (() => {
          try {
            checkText('title', `private words${c}`);
          } catch (e) {
            return e as { detail: string };
          }
        })();
        expect(error?.detail).toMatch(/^title contains U\+[0-9A-F]{4} at index 13: /);
        expect(error?.detail).not.toContain('private');
      }),
    );
  });

  it('keeps surrogate pairs: only unpaired halves are refused', () => {
    expect(checkText('body', '\ud83d\ude00')).toBe('😀');
    expect(forbiddenCharacterIn('\ude00\ud83d')).toBe('U+DE00 at index 0');
    expect(() => checkText('body', '\ude00\ud83d')).toThrow(expect.objectContaining({ status: 422 }));
  });
});
