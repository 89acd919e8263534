import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { RequestLogger, requestLoggerFactory } from './request-logger.js';

function capture(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const parent = pino({ level }, stream);
  return { parent, lines };
}

describe(RequestLogger.name, () => {
  it('makes no child logger while nothing is written at an enabled level', () => {
    const { parent, lines } = capture('warn');
    const child = vi.spyOn(parent, 'child');
    const log = new RequestLogger(parent, { reqId: 'r-1' }, {});

    log.info('dropped');
    log.debug({ a: 1 }, 'dropped');
    log.trace('dropped');

    expect(child).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
    expect(log.isLevelEnabled('info')).toBe(false);
    expect(log.isLevelEnabled('warn')).toBe(true);
    expect(log.level).toBe('warn');
  });

  it('writes enabled lines through one child carrying the request id', () => {
    const { parent, lines } = capture('info');
    const child = vi.spyOn(parent, 'child');
    const log = new RequestLogger(parent, { reqId: 'r-2' }, {});

    log.info({ responseTime: 3 }, 'request');
    log.error(new Error('boom'), 'failed');
    log.warn('careful %s', 'now');

    expect(child).toHaveBeenCalledTimes(1);
    expect(child).toHaveBeenCalledWith({ reqId: 'r-2' });
    expect(lines.map((line) => [line.reqId, line.msg])).toEqual([
      ['r-2', 'request'],
      ['r-2', 'failed'],
      ['r-2', 'careful now'],
    ]);
    expect(lines[0].responseTime).toBe(3);
    expect((lines[1].err as { message: string }).message).toBe('boom');
    expect(log.bindings()).toEqual({ reqId: 'r-2' });
  });

  it('follows a level change of the parent, and changes its own level on a child', () => {
    const { parent, lines } = capture('warn');
    const log = new RequestLogger(parent, { reqId: 'r-3' }, {});
    parent.level = 'info';
    log.info('now enabled');
    log.level = 'error';
    log.warn('dropped');

    expect(lines.map((line) => line.msg)).toEqual(['now enabled']);
    expect(parent.level).toBe('info');
    expect(log.level).toBe('error');
  });

  it('honours a per-route level and serializers passed as child options', () => {
    const { parent, lines } = capture('warn');
    const log = new RequestLogger(parent, { reqId: 'r-4' }, { level: 'debug' });
    log.debug('route debug');

    expect(lines.map((line) => [line.reqId, line.msg])).toEqual([['r-4', 'route debug']]);
  });

  it('hands out grandchildren that keep the request id', () => {
    const { parent, lines } = capture('info');
    const log = new RequestLogger(parent, { reqId: 'r-5' }, {});
    log.child({ part: 'guard' }).info('nested');

    expect(lines).toMatchObject([{ reqId: 'r-5', part: 'guard', msg: 'nested' }]);
  });

  it('is a logger Fastify accepts: every method it checks is a function', () => {
    const { parent } = capture('warn');
    const log = requestLoggerFactory(parent, { reqId: 'r-6' }, {}) as unknown as Record<
      string,
      unknown
    >;
    for (const method of ['info', 'error', 'debug', 'fatal', 'warn', 'trace', 'child', 'silent']) {
      expect(typeof log[method]).toBe('function');
    }
  });
});
