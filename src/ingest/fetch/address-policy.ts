/**
 * Which IP addresses crosscheck may connect to: public unicast only. Refuses loopback, private
 * (RFC 1918), CGNAT, link-local (incl. the 169.254.169.254 cloud metadata address), unique-local,
 * multicast, reserved and documentation ranges, and IPv6 forms that embed such an IPv4 address
 * (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::, 6to4 2002::).
 */
import { isIPv4, isIPv6 } from "node:net";

/** [first address, prefix length, reason] for the IPv4 ranges refused. */
const V4_BLOCKS: [string, number, string][] = [
  ["0.0.0.0", 8, "an unspecified address"],
  ["10.0.0.0", 8, "a private address"],
  ["100.64.0.0", 10, "a shared (CGNAT) address"],
  ["127.0.0.0", 8, "a loopback address"],
  ["169.254.0.0", 16, "a link-local address"],
  ["172.16.0.0", 12, "a private address"],
  ["192.0.0.0", 24, "a reserved address"],
  ["192.0.2.0", 24, "a documentation address"],
  ["192.88.99.0", 24, "a reserved address"],
  ["192.168.0.0", 16, "a private address"],
  ["198.18.0.0", 15, "a benchmarking address"],
  ["198.51.100.0", 24, "a documentation address"],
  ["203.0.113.0", 24, "a documentation address"],
  ["224.0.0.0", 4, "a multicast address"],
  ["240.0.0.0", 4, "a reserved address"],
];

function v4ToInt(ip: string): number {
  const p = ip.split(".").map(Number);
  return ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0;
}

const V4_RANGES = V4_BLOCKS.map(([ip, bits, reason]) => {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { base: (v4ToInt(ip) & mask) >>> 0, mask, reason };
});

function classifyV4(ip: string): string | null {
  const n = v4ToInt(ip);
  for (const r of V4_RANGES) if ((n & r.mask) >>> 0 === r.base) return r.reason;
  return null;
}

/** Eight 16-bit groups of an IPv6 address (with an embedded dotted IPv4 tail), or null. */
export function parseIPv6(ip: string): number[] | null {
  let s = ip.replace(/^\[|\]$/g, "").toLowerCase();
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  if (!isIPv6(s)) return null;
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(":");
  if (s.slice(lastColon + 1).includes(".")) {
    const n = v4ToInt(s.slice(lastColon + 1));
    tail = [n >>> 16, n & 0xffff];
    s = `${s.slice(0, lastColon + 1)}${tail.length ? "0:0" : ""}`;
  }
  const [head, rest] = s.split("::");
  const h = head ? head.split(":").filter((x) => x !== "") : [];
  const r = rest !== undefined && rest !== "" ? rest.split(":").filter((x) => x !== "") : [];
  const groups =
    rest === undefined
      ? h.map((x) => parseInt(x, 16))
      : [
          ...h.map((x) => parseInt(x, 16)),
          ...new Array(8 - h.length - r.length).fill(0),
          ...r.map((x) => parseInt(x, 16)),
        ];
  if (groups.length !== 8 || groups.some((g) => Number.isNaN(g))) return null;
  if (tail.length) {
    groups[6] = tail[0];
    groups[7] = tail[1];
  }
  return groups;
}

const v4FromGroups = (hi: number, lo: number) =>
  `${hi >>> 8}.${hi & 0xff}.${lo >>> 8}.${lo & 0xff}`;

function classifyV6(g: number[]): string | null {
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 8)) return "an unspecified address";
  if (zeros(0, 7) && g[7] === 1) return "a loopback address";
  // IPv4-mapped ::ffff:a.b.c.d and IPv4-compatible ::a.b.c.d: judge the embedded IPv4.
  if (zeros(0, 5) && (g[5] === 0xffff || g[5] === 0)) return classifyV4(v4FromGroups(g[6], g[7]));
  // NAT64 64:ff9b::/96 and 64:ff9b:1::/48.
  if (g[0] === 0x64 && g[1] === 0xff9b) return classifyV4(v4FromGroups(g[6], g[7]));
  // 6to4 2002:AABB:CCDD::/48 embeds AA.BB.CC.DD.
  if (g[0] === 0x2002) return classifyV4(v4FromGroups(g[1], g[2]));
  if ((g[0] & 0xfe00) === 0xfc00) return "a unique-local address";
  if ((g[0] & 0xffc0) === 0xfe80) return "a link-local address";
  if ((g[0] & 0xffc0) === 0xfec0) return "a site-local address";
  if ((g[0] & 0xff00) === 0xff00) return "a multicast address";
  if (g[0] === 0x2001 && g[1] === 0x0db8) return "a documentation address";
  if (g[0] === 0x0100 && zeros(1, 4)) return "a discard-only address";
  return null;
}

/**
 * Why an address must not be connected to ("a private address", …), or null when it is public.
 * Anything that is not a valid IP address is refused too.
 */
export function refusalReason(ip: string): string | null {
  const bare = ip.replace(/^\[|\]$/g, "");
  if (isIPv4(bare)) return classifyV4(bare);
  const g = parseIPv6(bare);
  if (g) return classifyV6(g);
  return "not an IP address";
}

/** The literal IP address in a URL host, or null when the host is a name. */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.replace(/^\[|\]$/g, "");
  return isIPv4(bare) || isIPv6(bare) ? bare : null;
}
