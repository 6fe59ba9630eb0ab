/**
 * End to end in real headless Chromium (Debian's `chromium`, driven by playwright-core): the
 * demo corpus in a temp SQLite store, served on an ephemeral port; keyboard navigation to the
 * story, a citation clicked, the evidence sentence highlighted. Saves a screenshot of the story
 * page (to docs/screenshot-story.png when CROSSCHECK_UPDATE_SCREENSHOT=1, else a temp folder).
 * Without Chromium: skipped with a message on a developer machine, a failure under CI=true.
 */
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { BrowserContext } from "playwright-core";
import { createApp } from "../src/server/app.js";
import { type Listening, listen } from "../src/server/node-adapter.js";
import type { StorySummary } from "../src/store/store.js";
import { ingestDemo, type TempStore, tempStore } from "./helpers/server.js";
import { REPO_ROOT } from "./helpers/shared.js";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const TOKEN = "browser-token-789";
/** Background of a sentence that is the URL's #target (the CSS's --target colour). */
const TARGET_BACKGROUND = "rgb(255, 226, 122)";

function chromiumSkip(): string | false {
  if (existsSync(CHROMIUM)) return false;
  const message = `needs Chromium at ${CHROMIUM} (apt-get install chromium), which this machine lacks`;
  if (process.env.CI === "true") throw new Error(`CI: ${message}`);
  return message;
}

const skip = chromiumSkip();

describe("web UI in headless Chromium", { skip }, () => {
  let temp: TempStore;
  let server: Listening;
  let story: StorySummary;
  let profile: string;
  let context: BrowserContext;

  before(async () => {
    temp = await tempStore();
    story = await ingestDemo(temp.store);
    server = await listen(createApp({ store: temp.store, token: TOKEN }), { port: 0 });
    profile = mkdtempSync(join(tmpdir(), "crosscheck-chromium-"));
    const { chromium } = await import("playwright-core");
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1280, height: 900 },
    });
  });

  after(async () => {
    await context?.close();
    await server?.close();
    await temp?.cleanup();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it("opens the story by keyboard, follows a citation and highlights the evidence sentence", async () => {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });
    page.on("pageerror", (err) => problems.push(err.message));

    await page.goto(`${server.url}/`);
    await page.keyboard.press("/");
    assert.equal(
      await page.evaluate("document.activeElement && document.activeElement.type"),
      "search",
    );
    await page.keyboard.press("Escape");
    // j, j, k: back on the first story row; Enter opens it.
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await page.keyboard.press("k");
    assert.equal(await page.locator("tr.current").count(), 1);
    assert.equal(await page.locator("tbody tr").first().getAttribute("class"), "current");
    const firstHref = (await page.locator("tr.current a").getAttribute("href")) ?? "";
    await Promise.all([page.waitForURL(`**${firstHref}`), page.keyboard.press("Enter")]);
    // The demo's main story (its largest) is the one to read, wherever the list put it.
    const storyPath = `/stories/${encodeURIComponent(story.id)}`;
    if (firstHref !== storyPath) await page.goto(`${server.url}${storyPath}`);
    assert.match((await page.locator("h1").textContent()) ?? "", /Kestrel Wharf/);

    const shot =
      process.env.CROSSCHECK_UPDATE_SCREENSHOT === "1"
        ? join(REPO_ROOT, "docs", "screenshot-story.png")
        : join(profile, "story.png");
    const tmpShot = join(profile, "story-raw.png");
    await page.screenshot({ path: tmpShot });
    if (shot !== tmpShot) copyFileSync(tmpShot, shot);
    assert.deepEqual([...readFileSync(tmpShot).subarray(1, 4)], [0x50, 0x4e, 0x47]);

    const citation = page.locator('#facts + ol sup.cite a[href*="#s-"]').first();
    const title = (await citation.getAttribute("title")) ?? "";
    const href = (await citation.getAttribute("href")) ?? "";
    await Promise.all([page.waitForURL(/\/articles\/[^#]+#s-\d+$/), citation.click()]);
    const hash = href.slice(href.indexOf("#"));
    const target = page.locator(":target");
    assert.equal(await target.count(), 1);
    assert.equal(`#${await target.getAttribute("id")}`, hash);
    const sentence = ((await target.textContent()) ?? "").trim();
    assert.ok(sentence.length > 20);
    assert.ok(title.endsWith(sentence), `citation "${title}" points at "${sentence}"`);
    const background = await page.evaluate(
      "getComputedStyle(document.querySelector(':target')).backgroundColor",
    );
    assert.equal(background, TARGET_BACKGROUND);
    assert.ok(await target.isVisible());
    assert.deepEqual(problems, [], "no console errors (a CSP violation would show here)");
  });
  it("adds a pasted report through the form and remembers the token", async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/add`);
    await page.fill("#token", TOKEN);
    await page.fill("#title", "Lighthouse keeper retires");
    await page.fill(
      "#text",
      "The last keeper of the Dunmere lighthouse retired on Sunday after 31 years.\n\nThe light has been automatic since 2019.",
    );
    await Promise.all([page.waitForURL(`${server.url}/add`), page.click("button[type=submit]")]);
    const notice = (await page.locator(".notice").first().textContent()) ?? "";
    assert.match(notice, /pasted text: added to a new story/);
    await page.click(".notice a");
    assert.match((await page.locator("h1").textContent()) ?? "", /Lighthouse keeper retires/);
    await page.goto(`${server.url}/add`);
    assert.equal(
      await page.locator("#token").count(),
      0,
      "the token field gives way to the cookie",
    );
    assert.match((await page.locator("form.add").textContent()) ?? "", /Write token remembered/);
  });
});
