import { hostname, networkInterfaces } from 'node:os';
import type { FastifyRequest } from 'fastify';
import type { CorsSetting } from '../config.js';
import { SandboxError } from '../errors.js';

/**
 * What keeps web pages that `--cors` does not allow out of the admin API. CORS alone does not: a page of any origin
 * can still send a simple request (a form POST to `/__admin/reset`, no preflight), and the browser only withholds the
 * answer; and a page whose own host name an attacker points at 127.0.0.1 (DNS rebinding) is same-origin to the
 * sandbox, so its GETs carry no Origin at all. With `--cors any` (the default) the vendor routes answer every page, and
 * the admin API the pages of this machine (an app's dev server on localhost, its name, a loopback address or one of its
 * own): any other site open in the developer's browser read the sessions' TOTP secrets and passkey private keys, and
 * reset them, before. A page's IP address counts only when it is this machine's: a site served from a bare public
 * address (`http://203.0.113.5`) is another site like any (a security review found every IP address let through).
 * Undefined with `--cors any` and `--admin-access any`, where the operator opened the admin API to everyone (an admin
 * token keeps pages out whatever the setting).
 */
export function createForeignPageCheck(cors: CorsSetting, access: 'loopback' | 'any'): ((request: FastifyRequest) => void) | undefined {
  if (cors === 'any' && access === 'any') return undefined;
  const allowed = new Set<string>(cors === 'any' || cors === 'off' ? [] : cors);
  // Its name as mDNS announces it too (`ada-laptop.local`, how Macs and phones on the LAN name it).
  const name = hostname().toLowerCase();
  const ownNames = new Set(['localhost', name, name.endsWith('.local') ? name.slice(0, -'.local'.length) : `${name}.local`]);
  const isAllowedPage = (origin: string, host: string | undefined) =>
    allowed.has(origin) || isSameHost(origin, host) || (cors === 'any' && isMachineOrigin(origin, ownNames));
  return (request) => {
    const origin = request.headers.origin;
    if (origin !== undefined && !isAllowedPage(origin, request.headers.host)) {
      throw new SandboxError(
        'MOCK_ERR_ADMIN_FORBIDDEN',
        cors === 'any'
          ? `The admin API answers pages of this machine (localhost, its name or one of its addresses) under --cors any; this request came from a page of ${origin}`
          : `The admin API answers pages of the origins --cors allows; this request came from a page of ${origin}`,
        {
          hint: 'add the origin to --cors (MFA_SANDBOX_CORS), or call the admin API from a test or a script, which sends no Origin',
        },
      );
    }
    // Only this machine's clients reach it (loopback access), so only this machine's names are asked for.
    const host = request.headers.host;
    if (access === 'loopback' && host !== undefined && !isOwnName(hostNameOf(host), ownNames)) {
      throw new SandboxError(
        'MOCK_ERR_ADMIN_FORBIDDEN',
        `The admin API answers requests for localhost, this machine's name or an IP address; this one asked for ${host}`,
        {
          hint: 'call it as http://localhost:<port>; a page that reached it under another name may be a DNS rebinding attack (--cors restricts pages, so it is refused)',
        },
      );
    }
  };
}

/** Whether a page's origin is the sandbox itself (its own console), whatever the scheme a proxy in front added. */
function isSameHost(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false; // `null` (a sandboxed frame, a file) and anything else that is no URL
  }
}

/**
 * Whether a page's origin is served from this machine (`http://localhost:5173`, `http://192.168.1.20:5173` where that is
 * one of its addresses, for a phone on the LAN opening the dev server); `null` is not. Unlike a Host header, an Origin
 * is any site's: an address counts only as a loopback one or one of this machine's interfaces (read each time: a
 * laptop's addresses change as it moves between networks, and a page with an Origin is rare on the admin API).
 */
function isMachineOrigin(origin: string, ownNames: ReadonlySet<string>): boolean {
  let name: string;
  try {
    name = new URL(origin).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (ownNames.has(name) || name.endsWith('.localhost')) return true;
  const address = name.startsWith('[') ? name.slice(1, -1) : name;
  if (address.startsWith('127.') || address === '::1') return true;
  return Object.values(networkInterfaces()).some((addresses) => addresses?.some((entry) => entry.address.toLowerCase() === address));
}

/** The name in a Host header, without its port: `localhost`, `127.0.0.1`, `[::1]`. */
function hostNameOf(host: string): string {
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!;
  return name.toLowerCase();
}

/**
 * For a Host header: loopback names, this machine's own name, and addresses (which no DNS rebinding sends: it needs a
 * name, and a request that names an address reached this machine at it).
 */
function isOwnName(name: string, ownNames: ReadonlySet<string>): boolean {
  return ownNames.has(name) || name.endsWith('.localhost') || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(name) || name.startsWith('[');
}
