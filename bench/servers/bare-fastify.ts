// The ceiling for a Node HTTP service on this machine: Fastify answering a fixed JSON body.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/api/v1/me', () => ({
  id: '00000000-0000-0000-0000-000000000000',
  name: 'Alice Example',
}));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log('ready');
