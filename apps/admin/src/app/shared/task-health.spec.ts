import { describe, expect, it } from 'vitest';
import { describeTaskError, taskHealth } from './task-health';

describe('taskHealth', () => {
  const task = {
    enabled: true,
    state: 'active' as 'active' | 'paused',
    lastError: null as string | null,
    consecutiveFailures: 0,
  };

  it('says failing, not active, when the last run failed', () => {
    expect(taskHealth(task)).toBe('active');
    expect(taskHealth({ ...task, lastError: 'gmail_token_refused', consecutiveFailures: 2 })).toBe(
      'failing',
    );
  });

  it('keeps paused and disabled as they are', () => {
    expect(taskHealth({ ...task, state: 'paused', lastError: 'scope_not_granted' })).toBe('paused');
    expect(taskHealth({ ...task, enabled: false, lastError: 'gmail_token_refused' })).toBe(
      'disabled',
    );
  });
});

describe('describeTaskError', () => {
  it('puts the codes in words', () => {
    expect(describeTaskError('gmail_token_refused')).toBe('Google refused the access token');
    expect(describeTaskError('gmail_unavailable')).toContain('could not be reached');
    expect(describeTaskError('something_new')).toBe('the task failed');
  });
});
