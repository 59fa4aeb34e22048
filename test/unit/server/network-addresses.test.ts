import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, isThisMachineAddress, toNetworkUrls } from '../../../src/server/network-addresses.js';

const address = (fields: Partial<NetworkInterfaceInfo>) => ({ netmask: '', mac: '', cidr: null, ...fields }) as NetworkInterfaceInfo;

/** A laptop on Wi-Fi with a container bridge: loopback, two IPv4 addresses and an IPv6 one. */
const INTERFACES: NodeJS.Dict<NetworkInterfaceInfo[]> = {
  lo: [address({ address: '127.0.0.1', family: 'IPv4', internal: true }), address({ address: '::1', family: 'IPv6', internal: true })],
  wlan0: [
    address({ address: '192.168.1.20', family: 'IPv4', internal: false }),
    address({ address: 'fe80::1', family: 'IPv6', internal: false }),
    address({ address: '2001:db8::20', family: 'IPv6', internal: false }),
  ],
  docker0: [address({ address: '172.17.0.1', family: 'IPv4', internal: false })],
};

describe('the URLs other devices reach the server at', () => {
  it('for every interface: each non-internal IPv4 address of the machine, and for :: (IPv6 too) its IPv6 ones but link-local', () => {
    expect(toNetworkUrls('0.0.0.0', 4010, INTERFACES)).toEqual(['http://192.168.1.20:4010', 'http://172.17.0.1:4010']);
    const dualStack = ['http://192.168.1.20:4010', 'http://172.17.0.1:4010', 'http://[2001:db8::20]:4010'];
    expect(toNetworkUrls('::', 4010, INTERFACES)).toEqual(dualStack);
    expect(toNetworkUrls('[::]', 4010, INTERFACES)).toEqual(dualStack);
  });

  it('for one address: that address (bracketed for IPv6); for loopback: none', () => {
    expect(toNetworkUrls('192.168.1.20', 4010, INTERFACES)).toEqual(['http://192.168.1.20:4010']);
    expect(toNetworkUrls('fd00::2', 4010, INTERFACES)).toEqual(['http://[fd00::2]:4010']);
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1']) {
      expect(isLoopbackHost(host), host).toBe(true);
      expect(toNetworkUrls(host, 4010, INTERFACES), host).toEqual([]);
    }
  });

  it('for a host name: the name as given, unless the address it bound is loopback (a machine name /etc/hosts maps to 127.0.1.1)', () => {
    expect(toNetworkUrls('laptop.local', 4010, INTERFACES, '192.168.1.20')).toEqual(['http://laptop.local:4010']);
    expect(toNetworkUrls('vm', 4010, INTERFACES, '127.0.1.1')).toEqual([]);
    expect(toNetworkUrls('ip6-localhost', 4010, INTERFACES, '[::1]')).toEqual([]);
  });
});

describe("whether a client's address is this machine's (the admin API's loopback access)", () => {
  it('is for loopback and for any address of its own interfaces, also IPv4-mapped; never for another host', () => {
    for (const own of ['127.0.0.1', '127.0.1.1', '::1', '::ffff:127.0.0.1', '192.168.1.20', '::ffff:192.168.1.20', '172.17.0.1', '2001:DB8::20'])
      expect(isThisMachineAddress(own, INTERFACES), own).toBe(true);
    for (const other of ['192.168.1.21', '10.0.2.2', '2001:db8::21', '', undefined]) expect(isThisMachineAddress(other, INTERFACES), String(other)).toBe(false);
  });
});
