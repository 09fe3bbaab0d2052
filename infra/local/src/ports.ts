import { createServer } from 'node:net';
import { LocalRuntimeError } from './dynamodb-local.ts';

/** Resolves when nothing listens on the port; a clear one-line error otherwise. */
export function assertPortFree(port: number, host: string, envName: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new LocalRuntimeError(
          error.code === 'EADDRINUSE'
            ? `Port ${port} is already in use: stop what runs there, or choose another with ${envName}=<port>.`
            : `Cannot listen on ${host}:${port} (${error.code}).`,
        ),
      );
    });
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

/** A port the OS says is free right now (tests and benchmarks run side by side). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
