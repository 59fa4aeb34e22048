import { networkInterfaces } from 'node:os';

/** Hosts that bind every interface: the server is then reachable from other devices at this machine's addresses. */
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);
/** The wildcards that bind IPv6 too (dual stack); 0.0.0.0 binds IPv4 only. */
const IPV6_WILDCARD_HOSTS = new Set(['::', '[::]']);
/** A link-local IPv6 address (fe80::/10) needs its interface's zone to be reached, which a URL cannot carry portably. */
const LINK_LOCAL_IPV6 = /^fe[89ab]/i;

/**
 * The base URLs other devices (a phone, an emulator, a colleague's laptop) reach a server bound to `host` at: this
 * machine's non-internal IPv4 addresses when it binds every interface (the ones people type), and after them, when it
 * binds `::` (IPv6 too), its IPv6 addresses other than link-local ones, bracketed as URLs write them; the host
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
    const external = Object.values(interfaces)
      .flatMap((addresses) => addresses ?? [])
      .filter((address) => !address.internal);
    const ipv4 = external.filter((address) => address.family === 'IPv4').map((address) => `http://${address.address}:${port}`);
    if (!IPV6_WILDCARD_HOSTS.has(host)) return ipv4;
    const ipv6 = external
      .filter((address) => address.family === 'IPv6' && !LINK_LOCAL_IPV6.test(address.address))
      .map((address) => `http://[${address.address}]:${port}`);
    return [...ipv4, ...ipv6];
  }
  if (isLoopbackHost(host) || isLoopbackHost(boundAddress)) return [];
  return [`http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`];
}

/** Whether a host to bind is this machine only: a 127.x address, ::1 or localhost. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host.startsWith('127.') || host === '::1' || host === '[::1]';
}

/**
 * Whether a client's address is this machine's: loopback, or one of its own interfaces' addresses (a page or script
 * on the laptop that calls the sandbox at the laptop's LAN address, so that it and the phone share one base URL,
 * arrives from that address, not from 127.0.0.1). No other host can connect from an address of this machine: the
 * answer to a forged one comes back here. Interfaces are read each time (a laptop's addresses change as it moves
 * between networks), only for a client that is not on loopback.
 *
 * @example
 * isThisMachineAddress('::ffff:127.0.0.1'); // true
 * isThisMachineAddress('192.168.1.20', { en0: [{ address: '192.168.1.20', ...}] }); // true
 */
export function isThisMachineAddress(address: string | undefined, interfaces?: ReturnType<typeof networkInterfaces>): boolean {
  if (!address) return false;
  const plain = (address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address).toLowerCase();
  if (plain.startsWith('127.') || plain === '::1') return true;
  return Object.values(interfaces ?? networkInterfaces()).some((entries) => entries?.some((entry) => entry.address.toLowerCase() === plain));
}
