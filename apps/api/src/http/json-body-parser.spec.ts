import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, nestingDepth } from './json-body-parser.js';

describe('nestingDepth', () => {
  it('counts the deepest bracket nesting', () => {
    expect(nestingDepth('{}')).toBe(1);
    expect(nestingDepth('{"a":[{"b":[1]}]}')).toBe(4);
    expect(nestingDepth('['.repeat(MAX_JSON_DEPTH + 1))).toBe(MAX_JSON_DEPTH + 1);
  });

  it('ignores brackets inside strings, including escaped quotes', () => {
    expect(nestingDepth('{"a":"[[[[\\"[[[["}')).toBe(1);
  });
});
