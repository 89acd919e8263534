import { createServer } from 'node:net';

/**
 * Ports this process has already handed out. The kernel may give the same ephemeral port to two
 * back-to-back `listen(0)` calls once the first is closed, so a stack that asks for its api's and
 * its emulator's ports in a row could get one port twice; this keeps the answers distinct.
 */
const handedOut = new Set<number>();

/** Asks the kernel for a free TCP port on loopback, never one this process was given before. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await unusedPort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
