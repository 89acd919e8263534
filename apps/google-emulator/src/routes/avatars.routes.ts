import type { FastifyInstance } from 'fastify';
import { EmulatorError } from '../emulator.errors.js';
import { escapeHtml } from '../pages/html.js';
import { findTestUser, type TestUser } from '../test-users.js';

/** A coloured circle with the initial, like Google's default profile picture. */
export function avatarSvg(user: TestUser): string {
  const initial = escapeHtml(user.givenName.charAt(0).toUpperCase());
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">',
    `<circle cx="48" cy="48" r="48" fill="${user.color}"/>`,
    '<text x="48" y="48" dy=".35em" text-anchor="middle" fill="#fff"',
    ` font-family="'Google Sans',Roboto,arial,sans-serif" font-size="44">${initial}</text>`,
    '</svg>',
  ].join('');
}

/** Profile pictures (the `picture` claim points here instead of lh3.googleusercontent.com). */
export function avatarsRoutes(app: FastifyInstance): void {
  app.get<{ Params: { file: string } }>('/avatars/:file', async (request, reply) => {
    const user = findTestUser(request.params.file.replace(/\.svg$/, ''));
    if (!user) throw new EmulatorError(404, 'not_found', 'No such profile picture');
    reply.header('cache-control', 'public, max-age=86400');
    return reply.type('image/svg+xml').send(avatarSvg(user));
  });
}
