import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** One parsed CIDR range, e.g. `10.0.0.0/8` or `2001:db8::/32`. */
export interface Cidr {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** `a.b.c.d/n` (n 0–32) or `<ipv6>/n` (n 0–128); a bare address is a single host. Null when malformed. */
export function parseCidr(text: string): Cidr | null {
  const [address, prefixText, extra] = text.trim().split('/');
  if (extra !== undefined || address === undefined) return null;
  const family = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : null;
  if (family === null) return null;
  const max = family === 'ipv4' ? 32 : 128;
  if (prefixText === undefined) return { address, prefix: max, family };
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  return prefix <= max ? { address, prefix, family } : null;
}

/**
 * Whether a peer address lies in one of `cidrs` (node:net BlockList). An IPv4-mapped IPv6 address
 * (`::ffff:127.0.0.1`, what a dual-stack socket reports for an IPv4 peer) is matched as its IPv4 form.
 */
export function createCidrMatcher(cidrs: readonly Cidr[]): (address: string | undefined) => boolean {
  const list = new BlockList();
  for (const c of cidrs) list.addSubnet(c.address, c.prefix, c.family);
  return (address) => {
    if (!address) return false;
    const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
    if (mapped) return list.check(mapped[1], 'ipv4');
    if (isIPv4(address)) return list.check(address, 'ipv4');
    if (isIPv6(address)) return list.check(address, 'ipv6');
    return false;
  };
}
