import { describe, expect, it } from 'vitest';
import { AppError, type StatusTable } from './app-error.js';

type SampleCode = 'not_here' | 'busy';
const sampleStatus: StatusTable<SampleCode> = { not_here: 404, busy: 503 };

class SampleError extends AppError<SampleCode> {
  constructor(
    code: SampleCode,
    message: string,
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(code, message, sampleStatus, options);
  }
}

describe('AppError', () => {
  it('takes its status from the module table, by code', () => {
    expect(new SampleError('not_here', 'gone').status).toBe(404);
    expect(new SampleError('busy', 'later').status).toBe(503);
  });

  it('keeps the cause and the retry delay, and names itself after its class', () => {
    const cause = new Error('socket hang up');
    const error = new SampleError('busy', 'later', { cause, retryAfterSeconds: 7 });
    expect(error.cause).toBe(cause);
    expect(error.retryAfterSeconds).toBe(7);
    expect(error.name).toBe('SampleError');
    expect(error).toBeInstanceOf(AppError);
    expect(error).toBeInstanceOf(Error);
  });

  it('has no cause property when none was given', () => {
    expect('cause' in new SampleError('not_here', 'gone')).toBe(false);
  });
});
