import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

/**
 * Listens on a free loopback port and prints `LISTENING <url>` (what bench/processes.ts waits for); SIGTERM
 * closes the server and exits.
 */
export function listenAndAnnounce(server: Server): void {
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`LISTENING http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
  });
  process.on('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
