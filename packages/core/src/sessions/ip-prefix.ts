import { isIPv4, isIPv6 } from 'node:net';

/** Expands "2001:db8::1" to its eight groups. */
function ipv6Groups(ip: string): string[] {
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') ? (tail ? tail.split(':') : []) : [];
  const missing = 8 - left.length - right.length;
  return [...left, ...Array.from({ length: missing }, () => '0'), ...right];
}

/**
 * The network an address belongs to, coarsely: the /24 of an IPv4 address, the /48 of an IPv6 one. Enough
 * for a person to tell "home" from "somewhere else" in their session list, not enough to locate anyone.
 */
export function ipPrefix(ip: string | undefined): string {
  if (!ip) return '';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  const address = mapped ?? ip;
  if (isIPv4(address)) return `${address.split('.').slice(0, 3).join('.')}.0/24`;
  if (isIPv6(address)) {
    const groups = ipv6Groups(address.split('%')[0] ?? '');
    return `${groups
      .slice(0, 3)
      .map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''))
      .join(':')}::/48`;
  }
  return '';
}
