// Browser journeys on the reference site, in Debian's Chromium (playwright-core never downloads a
// browser), with axe-core on every page and a screenshot of each. Started by e2e/run.py, which
// brings up the portal (demo content) and the site. Exit code 1 when a journey or a check fails.
//   SITE_URL, CHROMIUM (default /usr/bin/chromium), E2E_OUT (screenshots and report),
//   MAIL_LOG (the portal's console e-mail output), PREVIEW_PATH (an editor's preview link)
import { readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const SITE = process.env.SITE_URL ?? "http://127.0.0.1:3000";
const OUT = process.env.E2E_OUT ?? "e2e-output";
const MAIL_LOG = process.env.MAIL_LOG ?? "";
mkdirSync(OUT, { recursive: true });

const report = { pages: [], failures: [] };
let step = 0;

function fail(message) {
  report.failures.push(message);
  console.error(`FAIL ${message}`);
}

function expect(condition, message) {
  if (!condition) fail(message);
  return condition;
}

/** axe-core on the page, WCAG 2.1 A and AA; a screenshot kept either way. */
async function check(page, name) {
  step += 1;
  const file = `${String(step).padStart(2, "0")}-${name}.png`;
  await page.screenshot({ path: join(OUT, file), fullPage: true });
  // For the budgets (bench/frontend_budgets.py): the page's JavaScript bytes as transferred
  // (inline and files) and where its images come from.
  const resources = await page.evaluate(() => ({
    inlineScript: [...document.scripts].filter((s) => !s.src).reduce((n, s) => n + s.text.length, 0),
    scriptFiles: performance
      .getEntriesByType("resource")
      .filter((r) => r.initiatorType === "script")
      .map((r) => ({ url: r.name, transferSize: r.transferSize, encodedBodySize: r.encodedBodySize })),
    images: [...document.images].map((img) => ({
      src: img.currentSrc || img.src,
      width: img.getAttribute("width"),
      height: img.getAttribute("height"),
      loading: img.loading,
    })),
    documentBytes: performance.getEntriesByType("navigation")[0]?.encodedBodySize ?? null,
  }));
  await page.evaluate(AXE);
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  const violations = result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
  }));
  report.pages.push({ name, url: page.url(), screenshot: file, violations, passes: result.passes.length, ...resources });
  expect(violations.length === 0, `${name}: axe ${JSON.stringify(violations)}`);
  console.log(`ok   ${name} (${page.url()}) axe passes=${result.passes.length} violations=${violations.length}`);
}

async function journey(name, body) {
  const started = Date.now();
  try {
    await body();
    console.log(`---- ${name} ${Date.now() - started} ms`);
  } catch (error) {
    fail(`${name}: ${error.message.split("\n")[0]}`);
  }
}

function verificationKey(email) {
  const text = readFileSync(MAIL_LOG, "utf8").replace(/=\r?\n/g, "");
  const at = text.lastIndexOf(email);
  const tail = at >= 0 ? text.slice(at) : text;
  const match = /\/akun\/verifikasi\/([^\s"<>]+)/.exec(tail);
  return match ? match[1] : null;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-dev-shm-usage"],
});
// A phone: the site is mobile-first. bypassCSP lets axe run under the site's script-src 'none'.
const context = await browser.newContext({
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 1,
  isMobile: true,
  hasTouch: true,
  locale: "id-ID",
  bypassCSP: true,
});
const page = await context.newPage();
page.setDefaultTimeout(20000);
let bookUrl = null;

await journey("read news", async () => {
  const response = await page.goto(`${SITE}/`);
  expect(response.status() === 200, `home status ${response.status()}`);
  expect((await page.getAttribute("html", "lang")) === "id", "home is in Bahasa Indonesia");
  await check(page, "home");
  await page.getByRole("navigation").getByRole("link", { name: "Berita" }).click();
  await page.waitForURL(/\/berita/);
  await check(page, "news-list");
  const first = page.locator("main article h2 a").first();
  const title = (await first.textContent()).trim();
  await first.click();
  await page.waitForLoadState();
  expect((await page.locator("h1").first().textContent()).trim() === title, "news detail shows its title");
  await check(page, "news-detail");
});

await journey("search and open a book", async () => {
  await page.goto(`${SITE}/katalog`);
  await page.getByLabel("Cari buku").fill("Ternate");
  await page.getByRole("button", { name: "Cari" }).click();
  await page.waitForURL(/q=Ternate/);
  const results = page.locator("main ol li a");
  expect((await results.count()) > 0, "catalog search finds books for 'Ternate'");
  await check(page, "catalog-search");
  await results.first().click();
  await page.waitForURL(/\/katalog\/buku\//);
  bookUrl = page.url();
  await check(page, "book-detail");
  await page.goto(`${SITE}/cari?q=perpustakaan`);
  await check(page, "site-search");
  // Escaped templates: markup in a query comes back as text, never as elements.
  const probe = '"><img id=injected src=x>';
  await page.goto(`${SITE}/cari?q=${encodeURIComponent(probe)}`);
  expect((await page.locator("#injected").count()) === 0, "a query's markup is escaped");
  expect((await page.getByLabel("Kata kunci").inputValue()) === probe, "and shown as typed");
});

await journey("programs, a page by path, 404 and the English switch", async () => {
  await page.goto(`${SITE}/kegiatan`);
  await check(page, "programs");
  const missing = await page.goto(`${SITE}/tidak-ada-halaman-ini/`);
  expect(missing.status() === 404, `unknown path answers 404 (got ${missing.status()})`);
  await check(page, "not-found");
  await page.goto(`${SITE}/berita`);
  await page.getByRole("link", { name: "English" }).click();
  await page.waitForLoadState();
  expect((await page.getAttribute("html", "lang")) === "en", "the English switch changes the language");
  await check(page, "news-list-en");
  await page.getByRole("link", { name: "Bahasa Indonesia" }).click();
  await page.waitForLoadState();
  expect((await page.getAttribute("html", "lang")) === "id", "and back to Bahasa Indonesia");
});

const email = `e2e-${Date.now()}@example.org`;
const password = "Sandi-uji-e2e-2026";

await journey("sign up and sign in", async () => {
  await page.goto(`${SITE}/akun/daftar`);
  await check(page, "sign-up");
  await page.getByLabel("Surel").fill(email);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("button", { name: "Daftar" }).click();
  await page.waitForLoadState();
  expect(await page.locator("[role=status]").isVisible(), "sign-up asks to confirm the e-mail");
  let key = null;
  for (let i = 0; i < 20 && !key; i += 1) {
    key = verificationKey(email);
    if (!key) await page.waitForTimeout(500);
  }
  if (!expect(key, "the confirmation e-mail carries a /akun/verifikasi/ link")) return;
  await page.goto(`${SITE}/akun/verifikasi/${key}`);
  await check(page, "verify-email");
  await page.getByRole("button", { name: "Pastikan" }).click();
  await page.waitForLoadState();
  await page.getByLabel("Surel").fill(email);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.waitForURL(/\/akun$/);
  expect((await page.locator("h1").textContent()).includes("Akun saya"), "signed in: the account page");
  await check(page, "account");
});

await journey("post a review", async () => {
  if (!bookUrl) throw new Error("no book from the search journey");
  await page.goto(bookUrl);
  await page.getByLabel("Nilai").selectOption("4");
  await page.getByLabel("Ulasan Anda").fill("Buku yang bagus tentang sejarah Ternate, enak dibaca untuk pelajar.");
  await page.getByRole("button", { name: "Kirim" }).click();
  await page.waitForLoadState();
  const notice = page.locator("[role=status], [role=alert]").first();
  const text = (await notice.textContent()) ?? "";
  expect(text.includes("ulasan Anda terkirim"), `the review is sent (page says: ${text.trim().slice(0, 200)})`);
  await check(page, "review-posted");
});

await journey("place a hold and register for a program, seen on the account page", async () => {
  await page.goto(`${SITE}/katalog?q=Maluku`);
  const books = await page.locator("main ol li a").evaluateAll((links) => links.slice(0, 8).map((a) => a.href));
  let held = null;
  for (const href of books) {
    await page.goto(href);
    const button = page.getByRole("button", { name: "Pesan buku ini" });
    if (!(await button.count())) continue;
    held = (await page.locator("h1").textContent()).trim();
    await button.click();
    await page.waitForLoadState();
    const text = (await page.locator("[role=status], [role=alert]").first().textContent()) ?? "";
    expect(text.includes("Pesanan tercatat"), `the hold is placed (page says: ${text.trim().slice(0, 200)})`);
    await check(page, "hold-placed");
    break;
  }
  expect(held, "a book among the first results for 'Maluku' takes holds");
  await page.goto(`${SITE}/kegiatan`);
  const programs = await page.locator("main article h2 a").evaluateAll((links) => links.map((a) => a.href));
  let registered = null;
  for (const href of programs) {
    await page.goto(href);
    const button = page.getByRole("button", { name: "Daftar kegiatan ini" });
    if (!(await button.count())) continue;
    const title = (await page.locator("h1").textContent()).trim();
    await button.click();
    await page.waitForLoadState();
    if ((await page.locator(".notice[role=status]").count()) > 0) {
      registered = title;
      await check(page, "program-registered");
      break;
    }
  }
  expect(registered, "the member registers for one of the upcoming programs");
  await page.goto(`${SITE}/akun`);
  const account = await page.locator("main").textContent();
  expect(!held || account.includes(held.split(":")[0]), "the account page lists the hold");
  expect(!registered || account.includes(registered), "the account page lists the registration");
  await check(page, "account-with-hold-and-registration");
});

await journey("save a book to a shelf, seen on the reading lists page", async () => {
  if (!bookUrl) throw new Error("no book from the search journey");
  await page.goto(bookUrl);
  const title = (await page.locator("h1").textContent()).trim();
  await page.getByLabel("Rak", { exact: true }).selectOption("WANT_TO_READ");
  await page.getByRole("button", { name: "Simpan ke rak" }).click();
  await page.waitForLoadState();
  const text = (await page.locator("[role=status], [role=alert]").first().textContent()) ?? "";
  expect(text.includes("tersimpan di rak"), `the book is saved (page says: ${text.trim().slice(0, 200)})`);
  await page.goto(`${SITE}/akun`);
  await page.getByRole("link", { name: "Daftar bacaan saya" }).click();
  await page.waitForURL(/\/akun\/daftar-bacaan/);
  const lists = await page.locator("main").textContent();
  expect(lists.includes("Ingin dibaca"), "the reading lists page shows the shelves");
  expect(lists.includes(title.split(":")[0]), "the saved book is on the 'want to read' shelf");
  await check(page, "reading-lists");
});

await journey("an editor's preview link", async () => {
  const path = process.env.PREVIEW_PATH;
  if (!path) throw new Error("PREVIEW_PATH is not set");
  const response = await page.goto(`${SITE}${path}`);
  expect(response.status() === 200, `preview status ${response.status()}`);
  expect(await page.getByText("Pratinjau draf").first().isVisible(), "the preview is marked as a draft");
  await check(page, "preview");
  const bad = await page.goto(`${SITE}/?preview=rusak`);
  expect(bad.status() === 404, "a broken preview token is refused");
});

await journey("reading recommendations from the editors' menu", async () => {
  await page.goto(`${SITE}/`);
  const menu = page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Rekomendasi bacaan" });
  expect((await menu.count()) === 1, "the main menu edited in Wagtail links the reading recommendations");
  await menu.click();
  await page.waitForLoadState();
  expect((await page.locator("h1").textContent()).includes("Rekomendasi bacaan"), "the recommendations page");
  await check(page, "recommendations");
  const first = page.locator("main article h2 a").first();
  expect((await first.count()) === 1, "at least one reading recommendation is listed");
  await first.click();
  await page.waitForLoadState();
  expect((await page.locator("main ol li a[href^='/katalog/buku/']").count()) > 0, "a recommendation lists its books");
  await check(page, "recommendation");
  const footer = page.getByRole("navigation", { name: "Tautan lain" });
  expect((await footer.getByRole("link").count()) > 0, "the footer menu edited in Wagtail shows");
});

/** Ask from /tanya: "maybe this answers it" may come first; then the conversation's page. */
async function ask(p, question, guest, scripts = true) {
  await p.goto(`${SITE}/tanya`);
  await p.getByLabel("Pertanyaan Anda").fill(question);
  if (guest) {
    await p.getByLabel("Nama Anda").fill("Tamu Uji");
    await p.getByLabel("Surel").fill(`tamu.${Date.now()}@example.com`);
  }
  await p.getByRole("button", { name: "Kirim pertanyaan" }).click();
  await p.waitForLoadState();
  const anyway = p.getByRole("button", { name: "Tetap kirim pertanyaan" });
  if (await anyway.count()) {
    if (scripts) await check(p, "ask-faq-suggestions"); // axe needs scripts
    await anyway.click();
    await p.waitForLoadState();
  }
  await p.waitForURL(/\/tanya\/[^/]+$/);
}

await journey("ask a librarian as a guest: live chat over WebSocket, resumed after a reload", async () => {
  const guest = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "id-ID", bypassCSP: true });
  const p = await guest.newPage();
  p.setDefaultTimeout(20000);
  await ask(p, "Apakah perpustakaan menyimpan arsip surat kabar Ternate tahun 1990-an?", true);
  const status = (await p.locator("#status").textContent()) ?? "";
  expect(/antrean|tercatat|Dijawab/.test(status), `the conversation's status shows (${status.trim()})`);
  await p.locator("#live").waitFor({ state: "visible" });
  expect((await p.locator("#live").textContent()).includes("Tersambung langsung"), "the chat connects over WebSocket");
  await check(p, "ask-conversation-live");
  await p.evaluate(() => { window.__samePage = true; });
  const before = await p.locator("#messages > li").count();
  await p.getByLabel("Pesan").fill("Saya mencari edisi Maret 1995, terima kasih.");
  await p.getByRole("button", { name: "Balas" }).click();
  await p.locator("#messages > li").nth(before).waitFor();
  expect((await p.locator("#messages").textContent()).includes("edisi Maret 1995"), "the message comes back through the subscription");
  expect(await p.evaluate(() => window.__samePage === true), "sent and shown without reloading the page");
  await p.reload();
  expect((await p.locator("#messages").textContent()).includes("edisi Maret 1995"), "the message was stored: it shows after a reload");
  await guest.close();
});

await journey("ask a librarian as a member, listed under my questions", async () => {
  await ask(page, "Bagaimana cara meminjam e-book dari rumah?", false);
  await page.goto(`${SITE}/akun/pertanyaan`);
  expect((await page.locator("main").textContent()).includes("meminjam e-book dari rumah"), "my questions lists the question");
  await check(page, "my-questions");
  await page.goto(`${SITE}/faq`);
  expect((await page.locator("main details").count()) >= 5, "the knowledge base lists the librarians' answers");
  await check(page, "faq");
});

await journey("scripts off: search, open a book, sign-in form", async () => {
  const noScript = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const p = await noScript.newPage();
  await p.goto(`${SITE}/katalog`);
  await p.getByLabel("Cari buku").fill("Maluku");
  await p.getByRole("button", { name: "Cari" }).click();
  await p.waitForURL(/q=Maluku/);
  expect((await p.locator("main ol li a").count()) > 0, "scripts off: catalog search works");
  await p.locator("main ol li a").first().click();
  await p.waitForURL(/\/katalog\/buku\//);
  await p.goto(`${SITE}/akun/masuk`);
  expect(await p.getByLabel("Kata sandi").isVisible(), "scripts off: the sign-in form shows");
  p.setDefaultTimeout(20000);
  await ask(p, "Jam berapa ruang baca anak buka hari Sabtu?", true, false);
  await p.getByLabel("Pesan").fill("Apakah perlu mendaftar dulu?");
  await p.getByRole("button", { name: "Balas" }).click();
  await p.waitForLoadState();
  expect((await p.locator("#messages").textContent()).includes("perlu mendaftar dulu"), "scripts off: a reply is posted by the form");
  await p.screenshot({ path: join(OUT, "99-scripts-off-sign-in.png") });
  await noScript.close();
});

await browser.close();
writeFileSync(join(OUT, "report.json"), JSON.stringify(report, null, 2));
console.log(`${report.pages.length} pages checked, ${report.failures.length} failures; screenshots in ${OUT}`);
process.exit(report.failures.length ? 1 : 0);
