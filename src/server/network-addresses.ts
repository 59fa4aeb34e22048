import { networkInterfaces } from 'node:os';

/** Hosts that bind every interface: the server is then reachable from other devices at this machine's addresses. */
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

/**
 * The base URLs other devices (a phone, an emulator, a colleague's laptop) reach a server bound to `host` at: this
 * machine's non-internal IPv4 addresses when it binds every interface (IPv4 only, the ones people type), the host
 * itself when it names one address that is not loopback, none otherwise. `listening` prints them, as Vite prints its
 * "Network" line, since the URL the server reports for a wildcard bind is a loopback one. `boundAddress` is the
 * address the server bound: a host name that resolved to a loopback one (a machine's own name in /etc/hosts, often
 * 127.0.1.1) is no more reachable from another device than 127.0.0.1.
 *
 * @example
 * toNetworkUrls('0.0.0.0', 4010); // ['http://192.168.1.20:4010']
 */
export function toNetworkUrls(host: string, port: number, interfaces = networkInterfaces(), boundAddress = host): string[] {
  if (WILDCARD_HOSTS.has(host)) {
    return Object.values(interfaces)
      .flatMap((addresses) => addresses ?? [])
      .filter((address) => address.family === 'IPv4' && !address.internal)
      .map((address) => `http://${address.address}:${port}`);
  }
  if (isLoopbackHost(host) || isLoopbackHost(boundAddress)) return [];
  return [`http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`];
}

/** Whether a host to bind is this machine only: a 127.x address, ::1 or localhost. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host.startsWith('127.') || host === '::1' || host === '[::1]';
}
