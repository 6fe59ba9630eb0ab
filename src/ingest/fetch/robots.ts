/**
 * robots.txt (RFC 9309), small: groups by User-agent (our product token, else "*"), Allow and
 * Disallow with "*" and "$", the longest matching rule wins and Allow wins a tie.
 */

export interface RobotsRule {
  allow: boolean;
  pattern: string;
  regex: RegExp;
}

export interface Robots {
  groups: { agents: string[]; rules: RobotsRule[] }[];
}

/** Rules that allow everything (robots.txt missing, 4xx). */
export const ALLOW_ALL: Robots = { groups: [] };
/** Rules that refuse everything (robots.txt unreachable: 5xx, per RFC 9309 §2.3.1.4). */
export const DISALLOW_ALL: Robots = {
  groups: [{ agents: ["*"], rules: [{ allow: false, pattern: "/", regex: /^\// }] }],
};

/**
 * RFC 9309 §2.2.2: compare paths percent-encoded the same way. Non-ASCII is UTF-8
 * percent-encoded, escapes of unreserved characters are decoded, hex digits upper-cased.
 */
export function normalizePath(path: string): string {
  const encoded = path.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
  return encoded.replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) => {
    const c = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(c) ? c : `%${hex.toUpperCase()}`;
  });
}

function toRegex(pattern: string): RegExp {
  const anchored = pattern.endsWith("$");
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}${anchored ? "$" : ""}`);
}

export function parseRobots(text: string): Robots {
  const groups: Robots["groups"] = [];
  let current: Robots["groups"][number] | null = null;
  let lastWasAgent = false;
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, "").trim();
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === "user-agent") {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
    } else if (key === "allow" || key === "disallow") {
      lastWasAgent = false;
      if (!current || value === "") continue;
      const raw = value.startsWith("/") || value.startsWith("*") ? value : `/${value}`;
      const pattern = normalizePath(raw);
      current.rules.push({ allow: key === "allow", pattern, regex: toRegex(pattern) });
    } else {
      lastWasAgent = false;
    }
  }
  return { groups };
}

/** True when `agent` (a product token such as "crosscheck") may fetch `pathAndQuery`. */
export function isAllowed(robots: Robots, agent: string, pathAndQuery: string): boolean {
  if (pathAndQuery === "/robots.txt") return true;
  const path = normalizePath(pathAndQuery);
  const token = agent.toLowerCase();
  let groups = robots.groups.filter((g) => g.agents.some((a) => a === token));
  if (groups.length === 0) groups = robots.groups.filter((g) => g.agents.includes("*"));
  let best: RobotsRule | null = null;
  for (const group of groups) {
    for (const rule of group.rules) {
      if (!rule.regex.test(path)) continue;
      if (
        !best ||
        rule.pattern.length > best.pattern.length ||
        (rule.pattern.length === best.pattern.length && rule.allow && !best.allow)
      ) {
        best = rule;
      }
    }
  }
  return best ? best.allow : true;
}
