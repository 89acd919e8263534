import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from 'vitest';
import { apiErrorOf } from '../api/api-error';
import { ApiErrorComponent } from './api-error.component';

describe(ApiErrorComponent.name, () => {
  it('shows the API error readably: message, what to do, code and status', async () => {
    const fixture = TestBed.createComponent(ApiErrorComponent);
    fixture.componentRef.setInput(
      'error',
      apiErrorOf(
        new HttpErrorResponse({
          status: 409,
          error: {
            statusCode: 409,
            error: 'last_admin',
            message: 'The last admin cannot be demoted.',
          },
        }),
      ),
    );
    await fixture.whenStable();
    const alert = (fixture.nativeElement as HTMLElement).querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain('The last admin cannot be demoted.');
    expect(alert.textContent).toContain('promote someone else');
    expect(alert.textContent).toContain('last_admin');
    expect(alert.textContent).toContain('HTTP 409');
  });

  it('shows a check made before any request in words only, without a raw code', async () => {
    const fixture = TestBed.createComponent(ApiErrorComponent);
    fixture.componentRef.setInput('error', {
      statusCode: 0,
      error: 'empty_filter',
      message: 'Bulk revocation needs at least one filter.',
    });
    await fixture.whenStable();
    const alert = (fixture.nativeElement as HTMLElement).querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain('every grant would be revoked');
    expect(alert.textContent).not.toContain('empty_filter');
    expect(alert.getAttribute('data-error-code')).toBe('empty_filter');
  });

  it('shows nothing without an error', async () => {
    const fixture = TestBed.createComponent(ApiErrorComponent);
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('[role="alert"]')).toBeNull();
  });
});

describe('apiErrorOf', () => {
  it('says the server could not be reached when there was no answer', () => {
    expect(apiErrorOf(new HttpErrorResponse({ status: 0 })).error).toBe('network_error');
  });

  it('describes an answer without the API error body by its status', () => {
    const error = apiErrorOf(new HttpErrorResponse({ status: 502, statusText: 'Bad Gateway' }));
    expect(error).toEqual({
      statusCode: 502,
      error: 'http_error',
      message: 'The server answered 502 Bad Gateway.',
    });
  });
});
