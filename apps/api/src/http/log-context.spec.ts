import { Writable } from 'node:stream';
import { pino } from 'pino';
import { prettyFactory } from 'pino-pretty';
import { describe, expect, it } from 'vitest';
import { escapeControlCharacters, PRETTY_OPTIONS, requestScope } from './log-context.js';
import { appLoggerOptions } from './logger.js';

function appLogger(level = 'info'): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      callback();
    },
  });
  return { logger: pino(appLoggerOptions(level), sink), lines };
}

describe('application log lines', () => {
  it('carry the id of the request they were written in, and only then', async () => {
    const { logger, lines } = appLogger();
    await requestScope.run('req-7', async () => {
      await Promise.resolve();
      logger.info('inside');
    });
    logger.info('outside');
    expect(JSON.parse(lines[0])).toMatchObject({ msg: 'inside', reqId: 'req-7' });
    expect(JSON.parse(lines[1])).not.toHaveProperty('reqId');
  });

  it('keep a library’s structured fields, with secret ones redacted at any of two levels', () => {
    const { logger, lines } = appLogger();
    logger.warn({
      msg: 'Grant refresh failed',
      grantId: 'g-1',
      refresh_token: '1//0gTopLevelSecret',
      answer: { error: 'invalid_grant', access_token: 'ya29.NestedSecret' },
    });
    const line = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(line).toMatchObject({
      msg: 'Grant refresh failed',
      grantId: 'g-1',
      refresh_token: '[redacted]',
      answer: { error: 'invalid_grant', access_token: '[redacted]' },
    });
    expect(lines[0]).not.toMatch(/TopLevelSecret|NestedSecret/);
  });

  it('cannot be forged by a line break in outside text, in JSON or pretty output', () => {
    const { logger, lines } = appLogger();
    const jti = 'a\n[12:00:00.000] INFO (1): Grant 42 marked revoked.\r\u2028';
    logger.warn(`RISC event (jti ${jti}): no local user.`);
    logger.error({ err: new Error(`invalid_grant\nINFO fake line`) }, 'refresh failed');
    expect(lines).toHaveLength(2);
    expect((JSON.parse(lines[0]) as { msg: string }).msg).toBe(
      `RISC event (jti ${escapeControlCharacters(jti)}): no local user.`,
    );
    const pretty = prettyFactory({ ...PRETTY_OPTIONS, colorize: false });
    for (const line of lines) {
      const printed = pretty(line);
      expect(printed.trimEnd().split('\n')).toHaveLength(1);
    }
    expect(pretty(lines[0])).toContain('jti a\\n[12:00:00.000]');
  });

  it("log Nest's start-up narration (modules, routes) at debug, and everything else as asked", () => {
    const { logger, lines } = appLogger();
    logger.info({ context: 'InstanceLoader' }, 'AppModule dependencies initialized');
    logger.info({ context: 'RouterExplorer' }, 'Mapped {/health, GET} route');
    logger.warn({ context: 'InstanceLoader' }, 'a warning from the same context');
    logger.info({ context: 'GrantSweeper' }, 'sweep done');
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual([
      'a warning from the same context',
      'sweep done',
    ]);
    const debug = appLogger('debug');
    debug.logger.info({ context: 'RoutesResolver' }, 'HealthController {/health}:');
    expect(JSON.parse(debug.lines[0])).toMatchObject({ level: 20, context: 'RoutesResolver' });
  });

  it('escapes every control character and nothing else', () => {
    expect(escapeControlCharacters('tab\there\u0000é✓')).toBe('tab\\u0009here\\u0000é✓');
  });
});
