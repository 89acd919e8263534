import { describe, expect, it } from 'vitest';
import { ID_TOKEN_ERROR_CODES, IdTokenError, idTokenErrorDisposition } from './id-token.errors.js';

describe(IdTokenError.name, () => {
  describe('constructor', () => {
    it('keeps the code, the message and the cause', () => {
      const cause = new Error('socket hang up');
      const error = new IdTokenError('certificates_unavailable', 'Keys unavailable.', { cause });

      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe('IdTokenError');
      expect(error.code).toBe('certificates_unavailable');
      expect(error.message).toBe('Keys unavailable.');
      expect(error.cause).toBe(cause);
    });
  });
});

describe(idTokenErrorDisposition.name, () => {
  it('calls only certificates_unavailable "unavailable" (503)', () => {
    const unavailable = ID_TOKEN_ERROR_CODES.filter(
      (code) => idTokenErrorDisposition(code) === 'unavailable',
    );

    expect(unavailable).toEqual(['certificates_unavailable']);
  });

  it('calls every other code "rejected" (401)', () => {
    const rejected = ID_TOKEN_ERROR_CODES.filter(
      (code) => idTokenErrorDisposition(code) === 'rejected',
    );

    expect(rejected).toHaveLength(ID_TOKEN_ERROR_CODES.length - 1);
  });
});
