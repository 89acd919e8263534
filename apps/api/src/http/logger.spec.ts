import { hostname } from 'node:os';
import { loadConfig } from '@grantkeeper/config';
import { describe, expect, it } from 'vitest';
import { accessLine, createLoggers, jsonString } from './logger.js';

const BASE = '{"level":30,"time":';
const HOST = `,"pid":${process.pid},"hostname":${JSON.stringify(hostname())},"reqId":`;

describe('The access line', () => {
  it('has the fields, order and values of the line pino writes for the same request', () => {
    const text = accessLine(
      BASE,
      HOST,
      { id: 'req-1', method: 'GET', url: '/api/v1/me' },
      200,
      1.5,
    );
    expect(text.endsWith('}\n')).toBe(true);
    const line = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(line)).toEqual([
      'level',
      'time',
      'pid',
      'hostname',
      'reqId',
      'req',
      'res',
      'responseTime',
      'msg',
    ]);
    expect(line).toMatchObject({
      level: 30,
      pid: process.pid,
      hostname: hostname(),
      reqId: 'req-1',
      req: { method: 'GET', url: '/api/v1/me' },
      res: { statusCode: 200 },
      responseTime: 1.5,
      msg: 'request',
    });
    expect(Math.abs((line.time as number) - Date.now())).toBeLessThan(1_000);
  });

  it('keeps a hostile URL on one line and hides secret query values', () => {
    const url = '/auth/google/callback?code=4/abc&state=x"}\n{"level":60,"msg":"forged';
    const text = accessLine(BASE, HOST, { id: 'req-2', method: 'GET', url }, 400, 0.2);
    expect(text.split('\n')).toHaveLength(2); // the line and the empty rest
    const line = JSON.parse(text) as { req: { url: string }; level: number };
    expect(line.level).toBe(30);
    expect(line.req.url).not.toContain('4/abc');
    expect(line.req.url).toContain('code=%5Bredacted%5D');
  });

  it('writes every method and URL as JSON.stringify would, escapes included', () => {
    const samples = [
      'GET',
      '/api/v1/me',
      '/a"b',
      '/a\\b',
      '/line\nbreak',
      '/tab\there',
      '/nul\u0000',
      '/unit\u001f',
      '/del\u007f',
      '/latin1-\u00e9\u00ff',
      '/"}\n{"level":60,"msg":"forged',
      '',
    ];
    for (const sample of samples) expect(jsonString(sample)).toBe(JSON.stringify(sample));
  });

  it('keeps a hostile path without a query on one line', () => {
    const url = '/x"}\n{"level":60,"msg":"forged';
    const text = accessLine(BASE, HOST, { id: 'req-3', method: 'GET', url }, 404, 0.1);
    expect(text.split('\n')).toHaveLength(2);
    expect((JSON.parse(text) as { req: { url: string } }).req.url).toBe(url);
  });

  it('is written through the loggers’ destination', () => {
    const { config } = loadConfig({
      NODE_ENV: 'test',
      GOOGLE_CLIENT_IDS: 'logger.apps.googleusercontent.com',
      GOOGLE_CLIENT_SECRET: 'secret',
      SESSION_SECRET: 'x'.repeat(40),
      VAULT_KEYS: `1:${Buffer.alloc(32, 1).toString('base64url')}`,
      LOG_LEVEL: 'info',
    });
    const loggers = createLoggers(config);
    expect(loggers.http.isLevelEnabled('info')).toBe(true);
    expect(() => loggers.access({ id: 'r', method: 'GET', url: '/' }, 200, 1)).not.toThrow();
  });
});
