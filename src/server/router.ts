/**
 * A tiny router: routes are (method, pattern) pairs where a pattern is a path with `:name`
 * segments. Matching answers the handler and decoded params, or the methods the path allows
 * (for 405), or nothing (404).
 */

export type Params = Record<string, string>;

interface Route<H> {
  method: string;
  segments: string[];
  handler: H;
}

export type Match<H> =
  | { kind: "found"; handler: H; params: Params }
  | { kind: "method-not-allowed"; allow: string[] }
  | { kind: "not-found" };

export class Router<H> {
  private readonly routes: Route<H>[] = [];

  add(method: string, pattern: string, handler: H): this {
    this.routes.push({ method, segments: split(pattern), handler });
    return this;
  }

  match(method: string, pathname: string): Match<H> {
    const parts = split(pathname);
    const allow = new Set<string>();
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      // HEAD is answered by the GET handler (the adapter drops the body).
      if (route.method === method || (method === "HEAD" && route.method === "GET")) {
        return { kind: "found", handler: route.handler, params };
      }
      allow.add(route.method);
      if (route.method === "GET") allow.add("HEAD");
    }
    if (allow.size > 0) return { kind: "method-not-allowed", allow: [...allow].sort() };
    return { kind: "not-found" };
  }
}

function split(path: string): string[] {
  return path.split("/").filter((s) => s !== "");
}

function matchSegments(pattern: string[], parts: string[]): Params | null {
  if (pattern.length !== parts.length) return null;
  const params: Params = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    if (p.startsWith(":")) {
      let value: string;
      try {
        value = decodeURIComponent(parts[i]);
      } catch {
        return null;
      }
      // No id holds a control character; refusing them here keeps NUL bytes away from the store.
      if (/[\u0000-\u001f]/.test(value)) return null;
      params[p.slice(1)] = value;
    } else if (p !== parts[i]) return null;
  }
  return params;
}
