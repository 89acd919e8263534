import type { Strategy } from 'passport';

/** How a passport strategy finished one request. */
export type StrategyOutcome =
  | { readonly kind: 'redirect'; readonly url: string }
  | { readonly kind: 'success'; readonly user: unknown; readonly info: unknown }
  | { readonly kind: 'fail'; readonly status: number | undefined }
  | { readonly kind: 'error'; readonly error: unknown };

/**
 * Runs a passport strategy for one request and reports what it decided, instead of letting
 * passport write to an Express-style response. This is what `passport.authenticate()` does
 * inside (it augments `Object.create(strategy)` with these actions); doing it here keeps the
 * HTTP side in Fastify's hands, with no Express shims on the reply.
 */
export function runStrategy(
  strategy: Strategy,
  request: object,
  options: Record<string, unknown>,
  deadlineMs: number,
): Promise<StrategyOutcome> {
  return new Promise((resolve) => {
    // Passport's OAuth client (node-oauth) has no timeout of its own.
    const timer = setTimeout(
      () => resolve({ kind: 'error', error: new Error('deadline exceeded') }),
      deadlineMs,
    );
    const finish = (outcome: StrategyOutcome) => {
      clearTimeout(timer);
      resolve(outcome);
    };
    const actions = {
      success: (user: unknown, info: unknown) => finish({ kind: 'success', user, info }),
      fail: (_challenge: unknown, status?: number) => finish({ kind: 'fail', status }),
      redirect: (url: string) => finish({ kind: 'redirect', url }),
      error: (error: unknown) => finish({ kind: 'error', error }),
      pass: () => finish({ kind: 'fail', status: undefined }),
    };
    const running = Object.assign(Object.create(strategy) as object, actions) as unknown as {
      authenticate(request: object, options: Record<string, unknown>): void;
    };
    try {
      running.authenticate(request, options);
    } catch (error) {
      finish({ kind: 'error', error });
    }
  });
}
