// The reference website: server-rendered HTML from the contract's trusted documents only.
// No client-side JavaScript; forms post back here. `make site` (or `npm run site`) starts it.
//   PUSTAKA_API_URL  the portal (default http://127.0.0.1:8000)
//   SITE_PORT        where to listen (default 3000), SITE_HOST (default 127.0.0.1)
import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync } from "node:zlib";

import { loadManifest, PustakaClient, type CallOptions, type Result } from "../../client/api.js";
import { BookDetailDocument } from "../../client/generated/BookDetail.js";
import { BookSearchDocument } from "../../client/generated/BookSearch.js";
import {
  BookAvailabilityDocument,
  MyCirculationDocument,
  PlaceHoldDocument,
} from "../../client/generated/circulation.js";
import { MyRegistrationsDocument, RegisterForProgramDocument } from "../../client/generated/events.js";
import { HomeDocument } from "../../client/generated/home.js";
import { MenusDocument } from "../../client/generated/menus.js";
import { NewsDetailDocument } from "../../client/generated/news-detail.js";
import { NewsListDocument } from "../../client/generated/news-list.js";
import { PageByPathDocument } from "../../client/generated/page-by-path.js";
import { PreviewPageDocument } from "../../client/generated/preview.js";
import { AddToReadingListDocument, MyReadingListsDocument } from "../../client/generated/reading-lists.js";
import { RecommendationDocument } from "../../client/generated/recommendation.js";
import { RecommendationListDocument } from "../../client/generated/recommendation-list.js";
import { ProgramDetailDocument } from "../../client/generated/program-detail.js";
import { ProgramListDocument } from "../../client/generated/program-list.js";
import { BookReviewsDocument, CreateReviewDocument } from "../../client/generated/reviews.js";
import { SiteSearchDocument } from "../../client/generated/search.js";
import { FaqListDocument, FaqSuggestionsDocument } from "../../client/generated/faq.js";
import {
  AskLibrarianDocument,
  MyQuestionsDocument,
  ReferenceConversationDocument,
  ReferenceConversationEventsDocument,
  ReferenceMessagesDocument,
  ReferenceSendMessageDocument,
  ReferenceStatusDocument,
  ReferenceTypingDocument,
} from "../../client/generated/reference.js";
import { ViewerDocument } from "../../client/generated/viewer.js";
import { html, Raw, trusted } from "./html.js";
import { formatDate, t, type Key, type Lang } from "./i18n.js";

const here = dirname(fileURLToPath(import.meta.url));
const contractDir = join(here, "..", "..", "..");
const API_URL = (process.env.PUSTAKA_API_URL ?? "http://127.0.0.1:8000").replace(/\/$/, "");
const manifest = loadManifest(join(contractDir, "manifest.json"));
const client = new PustakaClient(API_URL, manifest);
// Where the API's renditions are served from when not from the API's own host (plain http).
const MEDIA_ORIGIN = process.env.SITE_MEDIA_ORIGIN ?? "";
const API_COOKIES = new Set(["sessionid", "csrftoken"]);
// GraphQL over WebSocket (graphql-transport-ws) for the live chat: `make run` serves it on the
// API's port + 1; in production put it under the site's own host (the member's session cookie
// is scoped to it) and set SITE_WS_URL.
const WS_URL =
  process.env.SITE_WS_URL ??
  API_URL.replace(/^http/, "ws").replace(/:(\d+)$/, (_match, port) => `:${Number(port) + 1}`) + "/graphql/";
const ASK_COOKIE = "pustaka_tanya";
const FORM_COOKIE = "pustaka_form";

// --- requests -------------------------------------------------------------------------------

interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  lang: Lang;
  cookies: Record<string, string>;
  setCookies: string[];
  formToken: string;
  signedIn: boolean;
  menus: Menus;
  /** The page runs the chat script (loaded only on a conversation's page). */
  chatScript?: boolean;
}

type MenuLink = { label: string; path?: string | null; url?: string | null; isExternal: boolean };
type Menus = { main: MenuLink[]; footer: MenuLink[] };

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0) out[part.slice(0, index).trim()] = decodeURIComponent(part.slice(index + 1).trim());
  }
  return out;
}

/** The API's cookies for a call: the session always, the CSRF cookie only with a POST (an
 * anonymous query then carries no cookie and the portal's response cache can answer it). */
function apiOptions(ctx: Ctx, withCsrf = false): CallOptions {
  const cookie = Object.entries(ctx.cookies)
    .filter(([name]) => name === "sessionid" || (withCsrf && name === "csrftoken"))
    .map(([name, value]) => `${name}=${value}`)
    .join("; ");
  return {
    cookie: cookie || undefined,
    csrfToken: withCsrf ? ctx.cookies.csrftoken : undefined,
    language: ctx.lang,
  };
}

/** Keep the API's session and CSRF cookies: relay them to the browser, scoped to this site. */
function relayCookies(ctx: Ctx, setCookies: string[]): void {
  for (const header of setCookies) {
    const [pair] = header.split(";");
    const name = pair.split("=")[0].trim();
    if (!API_COOKIES.has(name)) continue;
    const value = pair.slice(pair.indexOf("=") + 1);
    const expired = /max-age=0|expires=thu, 01 jan 1970/i.test(header);
    if (expired || value === '""' || value === "") delete ctx.cookies[name];
    else ctx.cookies[name] = decodeURIComponent(value);
    ctx.setCookies.push(header.replace(/;\s*domain=[^;]*/i, ""));
  }
}

async function api<TData, TVars>(
  ctx: Ctx,
  doc: Parameters<typeof client.run<TData, TVars>>[0],
  variables: TVars,
): Promise<Result<TData>> {
  const mutation = doc.definitions.some((d) => d.kind === "OperationDefinition" && d.operation === "mutation");
  const result = await client.run(doc, variables, apiOptions(ctx, mutation));
  relayCookies(ctx, result.setCookies);
  return result;
}

async function allauth(ctx: Ctx, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": ctx.lang };
  if (!ctx.cookies.csrftoken) {
    const config = await fetch(`${API_URL}/_allauth/browser/v1/config`, { headers });
    relayCookies(ctx, config.headers.getSetCookie());
  }
  const { cookie, csrfToken } = apiOptions(ctx, true);
  if (cookie) headers.Cookie = cookie;
  if (csrfToken) headers["X-CSRFToken"] = csrfToken;
  headers.Referer = `${API_URL}/`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`${API_URL}/_allauth/browser/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  relayCookies(ctx, response.headers.getSetCookie());
  const json = (await response.json().catch(() => ({}))) as {
    status?: number;
    errors?: { message: string; param?: string }[];
  };
  return { status: response.status, json };
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new HttpError(413);
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

class HttpError extends Error {
  constructor(readonly status: number) {
    super(String(status));
  }
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A form posted here carries the token of its own cookie (double submit). */
async function postedForm(ctx: Ctx): Promise<URLSearchParams | null> {
  const form = await readForm(ctx.req);
  const sent = form.get("_form") ?? "";
  return sent && ctx.cookies[FORM_COOKIE] && sameToken(sent, ctx.cookies[FORM_COOKIE]) ? form : null;
}

// --- responses ------------------------------------------------------------------------------

const CSS = `
*{box-sizing:border-box}body{margin:0;font:1rem/1.55 system-ui,sans-serif;color:#1b1b1b;background:#fff}
a{color:#0b4f9c}a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #b35c00;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:.5rem;top:.5rem;background:#fff;padding:.5rem}
header,main,footer{padding:0 1rem;max-width:48rem;margin:0 auto}
header{border-bottom:1px solid #ccc}header .top{display:flex;flex-wrap:wrap;gap:.5rem;justify-content:space-between;align-items:center}
.brand{font-weight:700;font-size:1.15rem;color:#1b1b1b;text-decoration:none;padding:.75rem 0;display:inline-block}
nav ul{list-style:none;padding:0;margin:.25rem 0 .75rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
nav a{display:inline-block;padding:.35rem 0}
form.inline{display:flex;gap:.5rem;flex-wrap:wrap}label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input,select,textarea,button{font:inherit;padding:.5rem;border:1px solid #555;border-radius:4px;max-width:100%}
button{background:#0b4f9c;color:#fff;border-color:#0b4f9c;cursor:pointer}
.card{border-top:1px solid #ddd;padding:.75rem 0}.meta{color:#4a4a4a;font-size:.9rem}
img{max-width:100%;height:auto}.notice{background:#eef5ff;border-left:4px solid #0b4f9c;padding:.5rem 1rem}
.alert{background:#fff1f0;border-left:4px solid #b00020;padding:.5rem 1rem}
footer{border-top:1px solid #ccc;margin-top:2rem;padding-top:1rem;padding-bottom:2rem;color:#4a4a4a}
@media (min-width:40rem){body{font-size:1.05rem}}
`.replace(/\n/g, "");

function layout(ctx: Ctx, title: string, body: Raw, options: { alternate?: string } = {}): Raw {
  const lang = ctx.lang;
  const other: Lang = lang === "id" ? "en" : "id";
  const back = ctx.url.pathname + ctx.url.search;
  // The editors' main menu (Wagtail settings), then the site's own pages; fixed links when
  // the menu is empty or the API could not be reached.
  const fixed: [string, string][] = [
    ["/katalog", t(lang, "catalog")],
    ["/cari", t(lang, "search")],
    ["/tanya", t(lang, "ask")],
  ];
  const edited = ctx.menus.main.map((item): [string, string] => [menuHref(item), item.label]);
  const nav: [string, string][] = edited.length
    ? [["/", t(lang, "home")], ...edited, ...fixed]
    : [
        ["/", t(lang, "home")],
        ["/berita", t(lang, "news")],
        ["/bacaan", t(lang, "recommendations")],
        ["/kegiatan", t(lang, "programs")],
        ...fixed,
      ];
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t(lang, "siteName")}</title>
<style>${new Raw(CSS)}</style>
</head>
<body>
<a class="skip" href="#isi">${t(lang, "skip")}</a>
<header>
<div class="top">
<a class="brand" href="/">${t(lang, "siteName")}</a>
<span>
<a href="/bahasa?ke=${other}&amp;kembali=${encodeURIComponent(options.alternate ?? back)}" lang="${other}" hreflang="${other}">${t(lang, "switchLang")}</a>
· ${ctx.signedIn
    ? html`<a href="/akun">${t(lang, "account")}</a>`
    : html`<a href="/akun/masuk">${t(lang, "signIn")}</a>`}
</span>
</div>
<nav aria-label="${t(lang, "mainNav")}"><ul>
${nav.map(([href, label]) => html`<li><a href="${href}"${samePath(ctx.url.pathname, href) ? new Raw(' aria-current="page"') : ""}>${label}</a></li>`)}
</ul></nav>
</header>
<main id="isi" tabindex="-1">
${body}
</main>
<footer>${ctx.menus.footer.length ? html`<nav aria-label="${t(lang, "footerNav")}"><ul>${ctx.menus.footer.map((item) => html`<li><a href="${menuHref(item)}">${item.label}</a></li>`)}</ul></nav>` : ""}
<p>${t(lang, "siteName")} · Pustaka</p></footer>
</body>
</html>`;
}

function menuHref(item: MenuLink): string {
  return (item.isExternal ? item.url : item.path ?? item.url) || "/";
}

function samePath(current: string, href: string): boolean {
  const trim = (value: string) => (value.length > 1 ? value.replace(/\/$/, "") : value);
  return trim(current) === trim(href);
}

/** The CMS menus, asked for without the member's cookie so the portal's response cache and
 * any CDN can answer them for everyone. */
async function loadMenus(ctx: Ctx): Promise<Menus> {
  try {
    const result = await client.run(MenusDocument, { locale: apiLocale(ctx) }, { language: ctx.lang });
    return { main: result.data?.main ?? [], footer: result.data?.footer ?? [] };
  } catch {
    return { main: [], footer: [] };
  }
}

function send(ctx: Ctx, status: number, body: string, headers: Record<string, string> = {}): void {
  const { req, res } = ctx;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader("Set-Cookie", ctx.setCookies);
  res.setHeader("Content-Language", ctx.lang);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader(
    "Content-Security-Policy",
    `default-src 'self'; img-src 'self' data: https: ${API_URL} ${MEDIA_ORIGIN}; style-src 'unsafe-inline'; ${
      ctx.chatScript ? `script-src 'self'; connect-src 'self' ${new URL(WS_URL).origin}` : "script-src 'none'"
    }; form-action 'self'; frame-ancestors 'none'`,
  );
  if (!res.hasHeader("Cache-Control")) res.setHeader("Cache-Control", "private, no-cache");
  res.setHeader("Vary", "Cookie, Accept-Encoding");
  let payload: Buffer = Buffer.from(body, "utf8");
  const accepts = String(req.headers["accept-encoding"] ?? "");
  if (payload.length > 1024 && /\bbr\b/.test(accepts)) {
    payload = brotliCompressSync(payload);
    res.setHeader("Content-Encoding", "br");
  } else if (payload.length > 1024 && /\bgzip\b/.test(accepts)) {
    payload = gzipSync(payload);
    res.setHeader("Content-Encoding", "gzip");
  }
  res.statusCode = status;
  res.setHeader("Content-Length", payload.length);
  res.end(req.method === "HEAD" ? undefined : payload);
}

function page(ctx: Ctx, title: string, body: Raw, status = 200, alternate?: string): void {
  send(ctx, status, layout(ctx, title, body, { alternate }).value, {
    "Content-Type": "text/html; charset=utf-8",
  });
}

function redirect(ctx: Ctx, location: string, status = 303): void {
  send(ctx, status, "", { Location: location });
}

function notFound(ctx: Ctx): void {
  page(ctx, t(ctx.lang, "notFound"), html`<h1>${t(ctx.lang, "notFound")}</h1><p>${t(ctx.lang, "notFoundText")}</p><p><a href="/">${t(ctx.lang, "home")}</a></p>`, 404);
}

function formField(ctx: Ctx): Raw {
  return html`<input type="hidden" name="_form" value="${ctx.formToken}">`;
}

/** A local path only (never an open redirect). */
function localPath(value: string | null | undefined, fallback = "/"): string {
  return value && value.startsWith("/") && !value.startsWith("//") && !value.includes("\\") ? value : fallback;
}

function mediaUrl(url: string | null | undefined): string {
  if (!url) return "";
  return url.startsWith("/") ? API_URL + url : url;
}

// --- pieces ---------------------------------------------------------------------------------

type Img = {
  alt?: string | null;
  width?: number | null;
  height?: number | null;
  rendition?: { url: string; width: number; height: number } | null;
  srcset?: string | null;
} | null | undefined;

/** Images only through the API's named renditions, lazy unless they are the first on screen. */
function picture(image: Img, lazy = true, sizes = "(min-width: 48rem) 46rem, 100vw"): Raw | string {
  if (!image?.rendition) return "";
  const srcset = (image.srcset ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => mediaUrl(part.split(/\s+/)[0]) + " " + (part.split(/\s+/)[1] ?? ""))
    .join(", ");
  return html`<img src="${mediaUrl(image.rendition.url)}"${srcset ? html` srcset="${srcset}" sizes="${sizes}"` : ""} width="${image.rendition.width}" height="${image.rendition.height}" alt="${image.alt ?? ""}"${lazy ? new Raw(' loading="lazy" decoding="async"') : ""}>`;
}

type BlockLike = { __typename: string; id?: string | null; [key: string]: unknown };

function blocks(ctx: Ctx, items: readonly BlockLike[] | null | undefined): Raw {
  return html`${(items ?? []).map((block) => {
    const b = block as Record<string, any>;
    switch (block.__typename) {
      case "RichTextBlock":
        return html`<div class="rich">${trusted(b.html)}</div>`;
      case "ImageWithCaptionBlock":
        return html`<figure>${picture(b.image)}<figcaption>${b.caption} ${b.credit ? html`<span class="meta">${b.credit}</span>` : ""}</figcaption></figure>`;
      case "QuoteBlock":
        return html`<blockquote><p>${b.text}</p>${b.attribution ? html`<footer>— ${b.attribution}</footer>` : ""}</blockquote>`;
      case "EmbedBlock":
        return html`<p><a href="${b.url}">${b.title || b.url}</a></p>`;
      case "BookListBlock":
        return html`<section><h2>${b.title}</h2><ul>${(b.books ?? []).map((book: any) => html`<li><a href="/katalog/buku/${encodeURIComponent(book.id)}">${book.title}</a> ${book.year ? `(${book.year})` : ""}</li>`)}</ul></section>`;
      case "CallToActionBlock":
        return html`<aside class="notice"><h2>${b.title}</h2><p>${b.text}</p><p><a href="${b.path ?? b.url ?? "/"}">${b.buttonLabel}</a></p></aside>`;
      case "DownloadBlock":
        return b.document ? html`<p><a href="${mediaUrl(b.document.downloadUrl)}">${b.label || b.document.title}</a> <span class="meta">(${String(b.document.fileExtension ?? "").toUpperCase()})</span></p>` : "";
      case "FaqBlock":
        return html`<section><h2>${b.title}</h2>${(b.items ?? []).map((item: any) => html`<details><summary>${item.question}</summary>${trusted(item.answerHtml)}</details>`)}</section>`;
      default:
        return "";
    }
  })}`;
}

function pager(ctx: Ctx, info: { hasNextPage: boolean; endCursor?: string | null } | null | undefined): Raw | string {
  if (!info?.hasNextPage || !info.endCursor) return "";
  const next = new URLSearchParams(ctx.url.search);
  next.set("after", info.endCursor);
  return html`<p><a rel="next" href="${ctx.url.pathname}?${next.toString()}">${t(ctx.lang, "more")} →</a></p>`;
}

/** The nodes of a connection (graphene's edges and nodes are nullable). */
function nodes<T>(connection: { edges: readonly ({ node: T | null } | null)[] } | null | undefined): T[] {
  return (connection?.edges ?? []).flatMap((edge) => (edge?.node ? [edge.node] : []));
}

type Connection<T> = {
  edges: readonly ({ node: T | null } | null)[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
};

/** A page of a connection as cards, "none yet" when it is empty, and the link to the next. */
function cards<T>(ctx: Ctx, connection: Connection<T>, card: (node: T, index: number) => Raw): Raw {
  const items = nodes(connection);
  return html`${items.map(card)}
${items.length ? "" : html`<p>${t(ctx.lang, "none")}</p>`}
${pager(ctx, connection.pageInfo)}`;
}

/** The `after` cursor a list page was asked for. */
function after(ctx: Ctx): string | undefined {
  return ctx.url.searchParams.get("after") || undefined;
}

function apiLocale(ctx: Ctx): "ID" | "EN" {
  return ctx.lang === "en" ? "EN" : "ID";
}

function failed(result: Result<unknown>): boolean {
  return result.status >= 500 || (!result.data && result.errors.length > 0);
}

/** What a refused mutation says, as an alert: the payload's typed errors, else the request's. */
function refusal(payloadErrors: readonly { message: string }[] | null | undefined, result: Result<unknown>): Raw {
  const messages = (payloadErrors?.length ? payloadErrors : result.errors).map((e) => e.message);
  return html`<div class="alert" role="alert"><ul>${messages.map((m) => html`<li>${m}</li>`)}</ul></div>`;
}

function errorPage(ctx: Ctx): void {
  page(ctx, t(ctx.lang, "error"), html`<h1>${t(ctx.lang, "error")}</h1><p>${t(ctx.lang, "errorText")}</p>`, 502);
}

// --- pages ----------------------------------------------------------------------------------

async function home(ctx: Ctx, path?: string): Promise<void> {
  const [result, news] = await Promise.all([
    api(ctx, HomeDocument, { path: path ?? (ctx.lang === "en" ? "/en/" : "/") }),
    api(ctx, NewsListDocument, { first: 3, locale: apiLocale(ctx) }),
  ]);
  if (failed(result)) return errorPage(ctx);
  const p = result.data?.page;
  if (!p || p.__typename !== "HomePage") {
    const fallback = result.data?.page;
    return page(ctx, t(ctx.lang, "home"), html`<h1>${fallback?.title ?? t(ctx.lang, "siteName")}</h1>`);
  }
  page(
    ctx,
    p.seoTitle || p.title,
    html`<h1>${p.heroTitle || p.title}</h1>
${p.heroText ? html`<p>${p.heroText}</p>` : ""}
${picture(p.heroImage, false)}
${p.intro ? html`<div class="rich">${trusted(p.intro)}</div>` : ""}
<form class="inline" role="search" action="/katalog"><label for="q-home" class="meta">${t(ctx.lang, "searchCatalog")}</label><input id="q-home" name="q" type="search"><button>${t(ctx.lang, "search")}</button></form>
<section aria-labelledby="h-news"><h2 id="h-news">${t(ctx.lang, "latestNews")}</h2>
${nodes(news.data?.pages).map((node) => html`<article class="card"><h3><a href="${node.path}">${node.title}</a></h3>${"date" in node ? html`<p class="meta">${formatDate(ctx.lang, node.date)}</p>` : ""}</article>`)}
<p><a href="/berita">${t(ctx.lang, "news")} →</a></p></section>
${(p.featuredItems ?? []).length ? html`<section aria-labelledby="h-featured"><h2 id="h-featured">${t(ctx.lang, "featured")}</h2>${p.featuredItems.map((item) => item.page ? html`<article class="card"><h3><a href="${item.page.path}">${item.label || item.page.title}</a></h3></article>` : "")}</section>` : ""}
${blocks(ctx, p.sections as BlockLike[])}`,
  );
}

async function newsList(ctx: Ctx): Promise<void> {
  const result = await api(ctx, NewsListDocument, {
    first: 10,
    after: after(ctx),
    locale: apiLocale(ctx),
    tag: ctx.url.searchParams.get("tag") || undefined,
  });
  if (failed(result)) return errorPage(ctx);
  const connection = result.data!.pages;
  page(
    ctx,
    t(ctx.lang, "news"),
    html`<h1>${t(ctx.lang, "news")}</h1>
${cards(ctx, connection, (node, index) => html`<article class="card">
${"date" in node ? picture(node.leadImage, index > 0, "(min-width: 48rem) 20rem, 100vw") : ""}
<h2><a href="${node.path}">${node.title}</a></h2>
${"date" in node ? html`<p class="meta">${formatDate(ctx.lang, node.date)}${node.category ? ` · ${ctx.lang === "en" && node.category.nameEn ? node.category.nameEn : node.category.name}` : ""}</p><p>${node.intro}</p>` : ""}
</article>`)}`,
  );
}

async function newsDetail(ctx: Ctx, path: string): Promise<void> {
  const result = await api(ctx, NewsDetailDocument, { path });
  if (failed(result)) return errorPage(ctx);
  const p = result.data?.page;
  if (!p || p.__typename !== "NewsPage") return notFound(ctx);
  const other = p.translations.find((item) => item.locale.toLowerCase() !== ctx.lang);
  page(
    ctx,
    p.seoTitle || p.title,
    html`<article><h1>${p.title}</h1>
<p class="meta">${formatDate(ctx.lang, p.date)}${p.authors.length ? ` · ${t(ctx.lang, "by")} ${p.authors.map((a) => a.name).join(", ")}` : ""}</p>
${picture(p.leadImage, false)}
${p.intro ? html`<p><strong>${p.intro}</strong></p>` : ""}
${blocks(ctx, p.body as BlockLike[])}
${p.tags.length ? html`<p class="meta">${p.tags.map((tag) => html`<a href="/berita?tag=${encodeURIComponent(tag)}">#${tag}</a> `)}</p>` : ""}
</article>`,
    200,
    other?.path ?? undefined,
  );
}

async function programList(ctx: Ctx): Promise<void> {
  const result = await api(ctx, ProgramListDocument, {
    first: 10,
    after: after(ctx),
    locale: apiLocale(ctx),
  });
  if (failed(result)) return errorPage(ctx);
  const connection = result.data!.pages;
  page(
    ctx,
    t(ctx.lang, "programs"),
    html`<h1>${t(ctx.lang, "upcoming")}</h1>
${cards(ctx, connection, (node) => html`<article class="card"><h2><a href="${node.path}">${node.title}</a></h2>
${"startsAt" in node ? html`<p class="meta">${formatDate(ctx.lang, node.startsAt)}${node.venue ? ` · ${node.venue}` : ""}</p><p>${node.intro}</p>` : ""}</article>`)}`,
  );
}

const AUDIENCES = ["CHILDREN", "TEENS", "ADULTS", "ALL"] as const;

function audience(ctx: Ctx, value: string | null | undefined): string {
  const known = AUDIENCES.find((audience) => audience === value) ?? "ALL";
  return t(ctx.lang, `audience_${known}`);
}

async function recommendationList(ctx: Ctx): Promise<void> {
  const result = await api(ctx, RecommendationListDocument, {
    first: 10,
    after: after(ctx),
    locale: apiLocale(ctx),
  });
  if (failed(result)) return errorPage(ctx);
  const connection = result.data!.pages;
  page(
    ctx,
    t(ctx.lang, "recommendations"),
    html`<h1>${t(ctx.lang, "recommendations")}</h1><p>${t(ctx.lang, "recommendationsIntro")}</p>
${cards(ctx, connection, (node, index) => html`<article class="card">
${"theme" in node ? picture(node.leadImage, index > 0, "(min-width: 48rem) 20rem, 100vw") : ""}
<h2><a href="${node.path}">${node.title}</a></h2>
${"theme" in node ? html`<p class="meta">${node.theme ? `${t(ctx.lang, "theme")}: ${node.theme} · ` : ""}${t(ctx.lang, "audienceLabel")}: ${audience(ctx, node.audience)}</p><p>${node.intro}</p>` : ""}
</article>`)}`,
  );
}

async function recommendationDetail(ctx: Ctx, path: string): Promise<void> {
  const result = await api(ctx, RecommendationDocument, { path });
  if (failed(result)) return errorPage(ctx);
  const p = result.data?.page;
  if (!p || p.__typename !== "RecommendationPage") return notFound(ctx);
  const other = p.translations.find((item) => item.locale.toLowerCase() !== ctx.lang);
  page(
    ctx,
    p.title,
    html`<article><h1>${p.title}</h1>
<p class="meta">${p.theme ? `${t(ctx.lang, "theme")}: ${p.theme} · ` : ""}${t(ctx.lang, "audienceLabel")}: ${audience(ctx, p.audience)}</p>
${picture(p.leadImage, false)}
${p.intro ? html`<p><strong>${p.intro}</strong></p>` : ""}
<ol>${p.books.map((item) => (item.book ? html`<li class="card"><a href="/katalog/buku/${encodeURIComponent(item.book.id)}">${item.book.title}</a>${item.note ? html`<p>${item.note}</p>` : ""}</li>` : ""))}</ol>
</article>`,
    200,
    other?.path ?? undefined,
  );
}

async function catalog(ctx: Ctx): Promise<void> {
  const query = (ctx.url.searchParams.get("q") ?? "").slice(0, 200);
  const result = query
    ? await api(ctx, BookSearchDocument, {
        query,
        first: 10,
        after: after(ctx),
        locale: apiLocale(ctx),
      })
    : null;
  if (result && failed(result)) return errorPage(ctx);
  const connection = result?.data?.catalogSearch;
  page(
    ctx,
    query ? `${t(ctx.lang, "catalog")}: ${query}` : t(ctx.lang, "catalog"),
    html`<h1>${t(ctx.lang, "catalog")}</h1>
<form class="inline" role="search" action="/katalog"><label for="q">${t(ctx.lang, "searchCatalog")}</label><input id="q" name="q" type="search" value="${query}"><button>${t(ctx.lang, "search")}</button></form>
${connection ? html`<p role="status">${connection.totalCount} ${t(ctx.lang, "results")}</p>
<ol>${nodes(connection).map((node) => html`<li class="card"><a href="/katalog/buku/${encodeURIComponent(node.id)}">${node.title}</a>${node.subtitle ? `: ${node.subtitle}` : ""}
<span class="meta">${node.authors.map((a) => a.displayName).join(", ")}${node.year ? ` (${node.year})` : ""}</span></li>`)}</ol>
${nodes(connection).length ? "" : html`<p>${t(ctx.lang, "noResults")}</p>`}
${pager(ctx, connection.pageInfo)}` : ""}`,
  );
}

async function bookDetail(ctx: Ctx, id: string, notice?: Raw): Promise<void> {
  const [result, reviews, stock] = await Promise.all([
    api(ctx, BookDetailDocument, { id, locale: apiLocale(ctx) }),
    api(ctx, BookReviewsDocument, { bookId: id, first: 10 }),
    api(ctx, BookAvailabilityDocument, { id, locale: apiLocale(ctx) }),
  ]);
  const availability = stock.data?.book?.availability;
  const pickups = stock.data?.pickupLocations ?? [];
  if (failed(result)) return errorPage(ctx);
  const book = result.data?.book;
  if (!book) return notFound(ctx);
  const rating = reviews.data?.bookRating;
  const facts: [Key, unknown][] = [
    ["author", book.authors.map((a) => a.displayName).join(", ")],
    ["year", book.year],
    ["publisher", book.publisher],
    ["language", book.languageName],
    ["callNumber", book.callNumber],
  ];
  page(
    ctx,
    book.title,
    html`<article><h1>${book.title}${book.subtitle ? html`<small>: ${book.subtitle}</small>` : ""}</h1>
${notice ?? ""}
${book.cover?.rendition ? html`<img src="${mediaUrl(book.cover.rendition.url)}" alt="${book.cover.alt}" width="${book.cover.rendition.width}" height="${book.cover.rendition.height}">` : ""}
<dl>${facts.filter(([, value]) => value).map(([key, value]) => html`<dt>${t(ctx.lang, key)}</dt><dd>${value}</dd>`)}</dl>
${book.description ? html`<p>${book.description}</p>` : ""}
</article>
${availability ? html`<section aria-labelledby="h-stock"><h2 id="h-stock">${t(ctx.lang, "availability")}</h2>
<p>${availability.availableCopies} / ${availability.totalCopies} ${t(ctx.lang, "copies")} ${t(ctx.lang, "available")}${availability.holdsWaiting ? ` · ${availability.holdsWaiting} ${t(ctx.lang, "holdsWaiting")}` : ""}</p>
${availability.holdable && pickups.length ? (ctx.signedIn ? html`<form method="post" action="/katalog/buku/${encodeURIComponent(book.id)}/pesan">${formField(ctx)}
<label for="pickup">${t(ctx.lang, "pickupAt")}</label><select id="pickup" name="pickup">${pickups.map((place) => html`<option value="${place.id}">${place.name}</option>`)}</select>
<p><button>${t(ctx.lang, "placeHold")}</button></p></form>` : html`<p><a href="/akun/masuk?kembali=${encodeURIComponent(ctx.url.pathname)}">${t(ctx.lang, "signInToHold")}</a></p>`) : ""}
</section>` : ""}
<section aria-labelledby="h-shelf"><h2 id="h-shelf">${t(ctx.lang, "saveToShelf")}</h2>
${ctx.signedIn ? html`<form class="inline" method="post" action="/katalog/buku/${encodeURIComponent(book.id)}/rak">${formField(ctx)}
<label for="shelf">${t(ctx.lang, "shelfLabel")}</label><select id="shelf" name="shelf">${SHELVES.map((shelf) => html`<option value="${shelf}">${t(ctx.lang, `shelf_${shelf}`)}</option>`)}</select>
<button>${t(ctx.lang, "saveToShelf")}</button></form>` : html`<p><a href="/akun/masuk?kembali=${encodeURIComponent(ctx.url.pathname)}">${t(ctx.lang, "signInToSave")}</a></p>`}
</section>
<section aria-labelledby="h-reviews"><h2 id="h-reviews">${t(ctx.lang, "reviews")}${rating?.count ? ` (${rating.average?.toFixed(1)} / 5, ${rating.count})` : ""}</h2>
${nodes(reviews.data?.reviews).map((node) => html`<article class="card"><p class="meta">${node.rating} ${t(ctx.lang, "stars")}${node.author?.displayName ? ` · ${node.author.displayName}` : ""}</p><p>${node.body}</p></article>`)}
${ctx.signedIn ? html`<h3>${t(ctx.lang, "writeReview")}</h3>
<form method="post" action="/katalog/buku/${encodeURIComponent(book.id)}/ulasan">${formField(ctx)}
<label for="rating">${t(ctx.lang, "rating")}</label><select id="rating" name="rating">${[5, 4, 3, 2, 1].map((n) => html`<option value="${n}">${n}</option>`)}</select>
<label for="body">${t(ctx.lang, "reviewText")}</label><textarea id="body" name="body" rows="5" cols="40" required minlength="20" maxlength="5000"></textarea>
<label><input type="checkbox" name="spoilers" value="1"> ${t(ctx.lang, "spoilers")}</label>
<p><button>${t(ctx.lang, "send")}</button></p></form>` : html`<p><a href="/akun/masuk?kembali=${encodeURIComponent(ctx.url.pathname)}">${t(ctx.lang, "signInToReview")}</a></p>`}
</section>`,
  );
}

const SHELVES = ["WANT_TO_READ", "READING", "READ"] as const;

async function saveToShelf(ctx: Ctx, id: string): Promise<void> {
  const form = await postedForm(ctx);
  if (!form) return bookDetail(ctx, id, html`<p class="alert" role="alert">${t(ctx.lang, "formExpired")}</p>`);
  const wanted = form.get("shelf") ?? "";
  const shelf = SHELVES.find((value) => value === wanted) ?? "WANT_TO_READ";
  const result = await api(ctx, AddToReadingListDocument, { input: { bookId: id, shelf } });
  const payload = result.data?.addToReadingList;
  if (payload?.readingList && !payload.errors.length) {
    return redirect(ctx, `/katalog/buku/${encodeURIComponent(id)}?rak=tersimpan`);
  }
  return bookDetail(ctx, id, refusal(payload?.errors, result));
}

async function postReview(ctx: Ctx, id: string): Promise<void> {
  const form = await postedForm(ctx);
  if (!form) return bookDetail(ctx, id, html`<p class="alert" role="alert">${t(ctx.lang, "formExpired")}</p>`);
  const result = await api(ctx, CreateReviewDocument, {
    input: {
      bookId: id,
      rating: Number(form.get("rating") ?? 0),
      body: form.get("body") ?? "",
      hasSpoilers: form.get("spoilers") === "1",
      language: apiLocale(ctx),
    },
  });
  const errors = result.data?.createReview?.errors ?? [];
  if (result.data?.createReview?.review && !errors.length) {
    return redirect(ctx, `/katalog/buku/${encodeURIComponent(id)}?ulasan=terkirim`);
  }
  return bookDetail(ctx, id, refusal(errors, result));
}

async function placeHold(ctx: Ctx, id: string): Promise<void> {
  const form = await postedForm(ctx);
  if (!form) return bookDetail(ctx, id, html`<p class="alert" role="alert">${t(ctx.lang, "formExpired")}</p>`);
  const result = await api(ctx, PlaceHoldDocument, { book: id, pickupLocation: form.get("pickup") ?? "" });
  const payload = result.data?.placeHold;
  if (payload?.hold && !payload.errors.length) {
    return redirect(ctx, `/katalog/buku/${encodeURIComponent(id)}?pesanan=tercatat`);
  }
  return bookDetail(ctx, id, refusal(payload?.errors, result));
}

async function programDetail(ctx: Ctx, path: string, notice?: Raw): Promise<void> {
  const result = await api(ctx, ProgramDetailDocument, { path });
  if (failed(result)) return errorPage(ctx);
  const p = result.data?.page;
  if (!p || p.__typename !== "ProgramPage") return notFound(ctx);
  const other = p.translations.find((item) => item.locale.toLowerCase() !== ctx.lang);
  const registration = !p.registrationOpen
    ? html`<p>${t(ctx.lang, "registrationClosed")}</p>`
    : ctx.signedIn
      ? html`<form method="post" action="${p.path ?? path}">${formField(ctx)}<input type="hidden" name="program" value="${p.id}"><button>${t(ctx.lang, "register")}</button></form>`
      : html`<p><a href="/akun/masuk?kembali=${encodeURIComponent(path)}">${t(ctx.lang, "signInToRegister")}</a></p>`;
  page(
    ctx,
    p.title,
    html`<article><h1>${p.title}</h1>${notice ?? ""}
<dl><dt>${t(ctx.lang, "when")}</dt><dd>${formatDate(ctx.lang, p.startsAt)}</dd>${p.venue ? html`<dt>${t(ctx.lang, "venue")}</dt><dd>${p.venue}</dd>` : ""}</dl>
${picture(p.leadImage, false)}
${p.intro ? html`<p><strong>${p.intro}</strong></p>` : ""}
${registration}
${blocks(ctx, p.body as BlockLike[])}</article>`,
    200,
    other?.path ?? undefined,
  );
}

async function registerForProgram(ctx: Ctx, path: string): Promise<void> {
  const form = await postedForm(ctx);
  if (!form) return programDetail(ctx, path, html`<p class="alert" role="alert">${t(ctx.lang, "formExpired")}</p>`);
  const result = await api(ctx, RegisterForProgramDocument, { programId: form.get("program") ?? "" });
  const payload = result.data?.registerForProgram;
  if (payload?.registration && !payload.errors.length) return redirect(ctx, `${path}?daftar=tercatat`);
  return programDetail(ctx, path, refusal(payload?.errors, result));
}

async function siteSearch(ctx: Ctx): Promise<void> {
  const query = (ctx.url.searchParams.get("q") ?? "").slice(0, 200);
  const result = query
    ? await api(ctx, SiteSearchDocument, { query, first: 10, after: after(ctx), locale: apiLocale(ctx) })
    : null;
  if (result && failed(result)) return errorPage(ctx);
  const connection = result?.data?.search;
  page(
    ctx,
    t(ctx.lang, "searchSite"),
    html`<h1>${t(ctx.lang, "searchSite")}</h1>
<form class="inline" role="search" action="/cari"><label for="q">${t(ctx.lang, "searchLabel")}</label><input id="q" name="q" type="search" value="${query}"><button>${t(ctx.lang, "search")}</button></form>
${connection ? html`<p role="status">${connection.totalCount} ${t(ctx.lang, "results")}</p>
<ol>${nodes(connection).map((node) => {
      const n = node as Record<string, any>;
      if (node.__typename === "FaqEntry") {
        const answer = String(n.answerText ?? "");
        return html`<li class="card"><a href="/faq#${faqAnchor(n.id)}">${n.question}</a> <span class="meta">${n.topicLabel} · ${answer.length > 160 ? `${answer.slice(0, 160)}…` : answer}</span></li>`;
      }
      const href = node.__typename === "Book" ? `/katalog/buku/${encodeURIComponent(n.id)}` : n.path;
      return html`<li class="card"><a href="${href}">${n.title}</a> <span class="meta">${n.intro ?? n.searchDescription ?? ""}</span></li>`;
    })}</ol>${pager(ctx, connection.pageInfo)}` : ""}`,
  );
}

async function preview(ctx: Ctx, token: string): Promise<void> {
  const result = await api(ctx, PreviewPageDocument, { token });
  const p = result.data?.previewPage;
  ctx.res.setHeader("Cache-Control", "private, no-store");
  ctx.res.setHeader("X-Robots-Tag", "noindex");
  if (!p) {
    return page(ctx, t(ctx.lang, "preview"), html`<h1>${t(ctx.lang, "preview")}</h1><p class="alert" role="alert">${t(ctx.lang, "previewInvalid")}</p>`, 404);
  }
  page(
    ctx,
    `${t(ctx.lang, "preview")}: ${p.title}`,
    html`<p class="notice" role="status">${t(ctx.lang, "preview")}</p><article><h1>${p.title}</h1>
${p.seo?.description ? html`<p>${p.seo.description}</p>` : ""}
${p.__typename === "HomePage" && p.intro ? html`<div class="rich">${trusted(p.intro)}</div>` : ""}</article>`,
  );
}

async function byPath(ctx: Ctx): Promise<void> {
  const path = ctx.url.pathname.endsWith("/") ? ctx.url.pathname : `${ctx.url.pathname}/`;
  const result = await api(ctx, PageByPathDocument, { path });
  if (failed(result)) return errorPage(ctx);
  const data = result.data!;
  const p = data.page;
  if (ctx.req.method === "POST" && p?.__typename !== "ProgramPage") {
    return send(ctx, 405, "", { Allow: "GET, HEAD" });
  }
  if (!p) {
    if (data.redirect) return redirect(ctx, data.redirect.location, data.redirect.isPermanent ? 301 : 302);
    return notFound(ctx);
  }
  // A page speaks its own language (an English page's path, e.g. /en/…).
  const language: Lang = p.locale.toLowerCase().startsWith("en") ? "en" : "id";
  if (language !== ctx.lang) {
    ctx.lang = language;
    ctx.menus = await loadMenus(ctx);
  }
  switch (p.__typename) {
    case "NewsPage":
      return newsDetail(ctx, path);
    case "NewsIndexPage":
      return newsList(ctx);
    case "ProgramIndexPage":
      return programList(ctx);
    case "RecommendationIndexPage":
      return recommendationList(ctx);
    case "RecommendationPage":
      return recommendationDetail(ctx, path);
    case "HomePage":
      return home(ctx, path);
    case "ProgramPage":
      if (ctx.req.method === "POST") return registerForProgram(ctx, path);
      return programDetail(
        ctx,
        path,
        ctx.url.searchParams.get("daftar") === "tercatat" ? html`<p class="notice" role="status">${t(ctx.lang, "registered")}</p>` : undefined,
      );
    default: {
      const other = p.translations.find((item) => item.locale.toLowerCase() !== ctx.lang);
      const body = p.__typename === "StandardPage"
        ? html`${p.intro ? html`<p><strong>${p.intro}</strong></p>` : ""}${picture(p.leadImage, false)}${blocks(ctx, p.body as BlockLike[])}`
        : html`${"intro" in p && p.intro ? html`<p>${p.intro}</p>` : ""}`;
      return page(ctx, p.seoTitle || p.title, html`<article><h1>${p.title}</h1>${body}</article>`, 200, other?.path ?? undefined);
    }
  }
}

// --- accounts -------------------------------------------------------------------------------

function signInForm(ctx: Ctx, message?: Raw, status = 200): void {
  const back = localPath(ctx.url.searchParams.get("kembali"), "/akun");
  page(
    ctx,
    t(ctx.lang, "signIn"),
    html`<h1>${t(ctx.lang, "signIn")}</h1>${message ?? ""}
<form method="post" action="/akun/masuk?kembali=${encodeURIComponent(back)}">${formField(ctx)}
<label for="email">${t(ctx.lang, "email")}</label><input id="email" name="email" type="email" autocomplete="email" required>
<label for="password">${t(ctx.lang, "password")}</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<p><button>${t(ctx.lang, "signIn")}</button></p></form>
<p><a href="/akun/daftar">${t(ctx.lang, "signUp")}</a></p>`,
    status,
  );
}

async function signIn(ctx: Ctx): Promise<void> {
  const form = await postedForm(ctx);
  if (!form) return signInForm(ctx, html`<p class="alert" role="alert">${t(ctx.lang, "formExpired")}</p>`, 400);
  const { status } = await allauth(ctx, "POST", "/auth/login", {
    email: form.get("email") ?? "",
    password: form.get("password") ?? "",
  });
  if (status === 200) return redirect(ctx, localPath(ctx.url.searchParams.get("kembali"), "/akun"));
  return signInForm(ctx, html`<p class="alert" role="alert">${t(ctx.lang, "signInFailed")}</p>`, 400);
}

function signUpForm(ctx: Ctx, message?: Raw, status = 200): void {
  page(
    ctx,
    t(ctx.lang, "signUp"),
    html`<h1>${t(ctx.lang, "signUp")}</h1>${message ?? ""}
<form method="post" action="/akun/daftar">${formField(ctx)}
<label for="email">${t(ctx.lang, "email")}</label><input id="email" name="email" type="email" autocomplete="email" required>
<label for="password">${t(ctx.lang, "password")}</label><input id="password" name="password" type="password" autocomplete="new-password" required minlength="8">
<p><button>${t(ctx.lang, "signUp")}</button></p></form>`,
    status,
  );
}

async function signUp(ctx: Ctx): Promise<void> {
  const form = await postedForm(ctx);
  if (!form) return signUpForm(ctx, html`<p class="alert" role="alert">${t(ctx.lang, "formExpired")}</p>`, 400);
  const { status, json } = await allauth(ctx, "POST", "/auth/signup", {
    email: form.get("email") ?? "",
    password: form.get("password") ?? "",
  });
  if (status === 200 || status === 401) {
    return page(ctx, t(ctx.lang, "signUp"), html`<h1>${t(ctx.lang, "signUp")}</h1><p class="notice" role="status">${t(ctx.lang, "signUpDone")}</p>`);
  }
  const messages = (json.errors ?? []).map((e) => e.message);
  return signUpForm(ctx, html`<div class="alert" role="alert"><p>${t(ctx.lang, "signUpFailed")}</p><ul>${messages.map((m) => html`<li>${m}</li>`)}</ul></div>`, 400);
}

async function verifyEmail(ctx: Ctx, key: string): Promise<void> {
  if (ctx.req.method === "POST") {
    const form = await postedForm(ctx);
    if (form) {
      const { status } = await allauth(ctx, "POST", "/auth/email/verify", { key });
      if (status === 200 || status === 401) {
        return signInForm(ctx, html`<p class="notice" role="status">${t(ctx.lang, "verified")}</p>`);
      }
    }
    return page(ctx, t(ctx.lang, "verifyTitle"), html`<h1>${t(ctx.lang, "verifyTitle")}</h1><p class="alert" role="alert">${t(ctx.lang, "verifyFailed")}</p>`, 400);
  }
  page(
    ctx,
    t(ctx.lang, "verifyTitle"),
    html`<h1>${t(ctx.lang, "verifyTitle")}</h1><form method="post">${formField(ctx)}<button>${t(ctx.lang, "verifyButton")}</button></form>`,
  );
}

async function accountPage(ctx: Ctx): Promise<void> {
  const [viewer, circulation, registrations] = await Promise.all([
    api(ctx, ViewerDocument, {}),
    api(ctx, MyCirculationDocument, {}),
    api(ctx, MyRegistrationsDocument, { first: 10 }),
  ]);
  const me = viewer.data?.me;
  if (!me) return redirect(ctx, "/akun/masuk?kembali=/akun");
  ctx.res.setHeader("Cache-Control", "private, no-store");
  const loans = nodes(circulation.data?.myLoans);
  const holds = nodes(circulation.data?.myHolds);
  const regs = nodes(registrations.data?.myRegistrations);
  page(
    ctx,
    t(ctx.lang, "account"),
    html`<h1>${t(ctx.lang, "account")}</h1><p>${me.displayName}</p>
<section aria-labelledby="h-loans"><h2 id="h-loans">${t(ctx.lang, "loans")}</h2>
${loans.length ? html`<ul>${loans.map((node) => html`<li><a href="/katalog/buku/${encodeURIComponent(node.book.id)}">${node.book.title}</a> · ${t(ctx.lang, "due")} ${formatDate(ctx.lang, node.dueDate)}</li>`)}</ul>` : html`<p>${t(ctx.lang, "none")}</p>`}</section>
<section aria-labelledby="h-holds"><h2 id="h-holds">${t(ctx.lang, "holds")}</h2>
${holds.length ? html`<ul>${holds.map((node) => html`<li><a href="/katalog/buku/${encodeURIComponent(node.book.id)}">${node.book.title}</a>${node.queuePosition ? ` · ${t(ctx.lang, "queue")} ${node.queuePosition}` : ""}</li>`)}</ul>` : html`<p>${t(ctx.lang, "none")}</p>`}</section>
<section aria-labelledby="h-regs"><h2 id="h-regs">${t(ctx.lang, "registrations")}</h2>
${regs.length ? html`<ul>${regs.map((node) => html`<li>${node.program ? html`<a href="${node.program.path}">${node.program.title}</a>` : ""}</li>`)}</ul>` : html`<p>${t(ctx.lang, "none")}</p>`}</section>
<p><a href="/akun/daftar-bacaan">${t(ctx.lang, "readingLists")}</a> · <a href="/akun/pertanyaan">${t(ctx.lang, "myQuestions")}</a></p>
<form method="post" action="/akun/keluar">${formField(ctx)}<button>${t(ctx.lang, "signOut")}</button></form>`,
  );
}

async function readingLists(ctx: Ctx): Promise<void> {
  const result = await api(ctx, MyReadingListsDocument, { first: 20, itemsFirst: 20 });
  if (result.status === 401 || result.errors.some((e) => e.extensions?.code === "UNAUTHENTICATED")) {
    return redirect(ctx, "/akun/masuk?kembali=/akun/daftar-bacaan");
  }
  if (failed(result)) return errorPage(ctx);
  ctx.res.setHeader("Cache-Control", "private, no-store");
  const lists = nodes(result.data?.myReadingLists);
  page(
    ctx,
    t(ctx.lang, "readingLists"),
    html`<h1>${t(ctx.lang, "readingLists")}</h1>
${lists.map((list) => html`<section class="card"><h2>${list.kind === "NAMED" ? list.name : t(ctx.lang, `shelf_${list.kind}` as Key)}</h2>
<p class="meta">${list.itemCount} ${t(ctx.lang, "books")} · ${list.isPublic ? t(ctx.lang, "public") : t(ctx.lang, "private")}</p>
${nodes(list.items).length ? html`<ul>${nodes(list.items).map((item) => html`<li><a href="/katalog/buku/${encodeURIComponent(item.bookId)}">${item.bookTitle}</a></li>`)}</ul>` : html`<p>${t(ctx.lang, "none")}</p>`}
</section>`)}
${lists.length ? "" : html`<p>${t(ctx.lang, "none")}</p>`}`,
  );
}

// --- ask a librarian ------------------------------------------------------------------------

const TOPICS = ["GENERAL", "FIND_BOOK", "ACCOUNT", "RESEARCH", "LOCAL_HISTORY", "ELIBRARY", "PROGRAMS"] as const;
type AskValues = { question?: string; name?: string; email?: string; topic?: string };
type Suggestion = { id: string; question: string; answerText: string };

async function askPage(ctx: Ctx, message?: Raw, values: AskValues = {}, suggestions?: Suggestion[], status = 200): Promise<void> {
  const desk = (await api(ctx, ReferenceStatusDocument, {})).data?.referenceStatus;
  const confirming = Boolean(suggestions?.length);
  page(
    ctx,
    t(ctx.lang, "ask"),
    html`<h1>${t(ctx.lang, "ask")}</h1><p>${t(ctx.lang, "askIntro")} <a href="/faq">${t(ctx.lang, "faq")}</a></p>
${desk ? html`<p class="notice">${desk.onDuty ? t(ctx.lang, "onDuty") : t(ctx.lang, "offDuty")}</p>` : ""}
${message ?? ""}
${confirming ? html`<section aria-labelledby="h-faq"><h2 id="h-faq">${t(ctx.lang, "maybeAnswers")}</h2>
${suggestions!.map((entry) => html`<details><summary>${entry.question}</summary><p>${entry.answerText}</p></details>`)}</section>` : ""}
<form method="post" action="/tanya">${formField(ctx)}${confirming ? html`<input type="hidden" name="confirmed" value="1">` : ""}
<label for="question">${t(ctx.lang, "yourQuestion")}</label><textarea id="question" name="question" rows="5" cols="40" required maxlength="2000">${values.question ?? ""}</textarea>
<label for="topic">${t(ctx.lang, "topic")}</label><select id="topic" name="topic">${TOPICS.map((topic) => html`<option value="${topic}"${values.topic === topic ? new Raw(" selected") : ""}>${t(ctx.lang, `topic_${topic}`)}</option>`)}</select>
${ctx.signedIn ? "" : html`<label for="name">${t(ctx.lang, "yourName")}</label><input id="name" name="name" autocomplete="name" required maxlength="100" value="${values.name ?? ""}">
<label for="email">${t(ctx.lang, "emailForAnswer")}</label><input id="email" name="email" type="email" autocomplete="email" maxlength="254" value="${values.email ?? ""}">`}
<p><button>${confirming ? t(ctx.lang, "sendAnyway") : t(ctx.lang, "sendQuestion")}</button></p></form>
${ctx.signedIn ? html`<p><a href="/akun/pertanyaan">${t(ctx.lang, "myQuestions")}</a></p>` : ""}`,
    status,
  );
}

async function askSubmit(ctx: Ctx): Promise<void> {
  const form = await postedForm(ctx);
  if (!form) return askPage(ctx, html`<p class="alert" role="alert">${t(ctx.lang, "formExpired")}</p>`, {}, undefined, 400);
  const wanted = form.get("topic") ?? "";
  const values: AskValues = {
    question: (form.get("question") ?? "").slice(0, 4000),
    name: (form.get("name") ?? "").slice(0, 200),
    email: (form.get("email") ?? "").slice(0, 300),
    topic: TOPICS.find((topic) => topic === wanted) ?? "GENERAL",
  };
  // "Maybe this answers it": published FAQ entries first, then the question if it still stands.
  if (form.get("confirmed") !== "1" && values.question!.trim().length >= 3) {
    const faq = await api(ctx, FaqSuggestionsDocument, { text: values.question!.slice(0, 300), first: 3 });
    const found = faq.data?.faqSuggestions ?? [];
    if (found.length) return askPage(ctx, undefined, values, found);
  }
  const result = await api(ctx, AskLibrarianDocument, {
    question: values.question!,
    name: values.name || undefined,
    email: values.email || undefined,
    topic: values.topic as (typeof TOPICS)[number],
    language: ctx.lang,
  });
  const payload = result.data?.openConversation;
  if (payload?.conversation && !payload.errors.length) {
    if (payload.guestToken) {
      // The guest's proof of ownership, for this browser only.
      const value = encodeURIComponent(`${payload.conversation.id} ${payload.guestToken}`);
      ctx.setCookies.push(`${ASK_COOKIE}=${value}; Path=/tanya; HttpOnly; SameSite=Lax; Max-Age=2592000`);
    }
    return redirect(ctx, `/tanya/${encodeURIComponent(payload.conversation.id)}`);
  }
  return askPage(ctx, refusal(payload?.errors, result), values, undefined, 400);
}

function faqAnchor(id: string): string {
  return `faq-${id.replace(/[^A-Za-z0-9_-]/g, "")}`;
}

async function faqPage(ctx: Ctx): Promise<void> {
  const result = await api(ctx, FaqListDocument, { first: 50, after: after(ctx) });
  if (failed(result)) return errorPage(ctx);
  const connection = result.data!.faqEntries;
  page(
    ctx,
    t(ctx.lang, "faq"),
    html`<h1>${t(ctx.lang, "faq")}</h1>
${cards(ctx, connection, (entry) => html`<details class="card" id="${faqAnchor(entry.id)}"><summary>${entry.question} <span class="meta">(${entry.topicLabel})</span></summary><div class="rich">${trusted(entry.answer)}</div></details>`)}
<p><a href="/tanya">${t(ctx.lang, "ask")}</a></p>`,
  );
}

function guestToken(ctx: Ctx, id: string): string | undefined {
  const [owner, token] = (ctx.cookies[ASK_COOKIE] ?? "").split(" ");
  return owner === id && token ? token : undefined;
}

type ChatMessage = {
  seq: number;
  role: string;
  authorName?: string | null;
  body: string;
  createdAt: string;
  links: readonly { kind: string; id: string; title?: string | null }[];
};

function messageItem(ctx: Ctx, message: ChatMessage): Raw {
  const who = message.role === "ASKER" ? t(ctx.lang, "you") : message.role === "LIBRARIAN" ? message.authorName || t(ctx.lang, "librarian") : t(ctx.lang, "system");
  const time = new Intl.DateTimeFormat(ctx.lang === "en" ? "en-GB" : "id-ID", { timeStyle: "short", timeZone: "Asia/Jayapura" }).format(new Date(message.createdAt));
  return html`<li class="card" data-seq="${message.seq}"><p class="meta">${who} · ${time}</p><p>${message.body}</p>${message.links.length ? html`<ul>${message.links.map((link) => (link.kind === "BOOK" ? html`<li><a href="/katalog/buku/${encodeURIComponent(link.id)}">${link.title ?? link.id}</a></li>` : html`<li>${link.title ?? ""}</li>`))}</ul>` : ""}</li>`;
}

function conversationStatus(ctx: Ctx, c: { kind: string; status: string; queuePosition?: number | null; librarianName?: string | null }): string {
  if (c.status === "CLOSED") return t(ctx.lang, "conversationClosed");
  if (c.status === "WAITING") return `${t(ctx.lang, "queuePlace")} ${c.queuePosition ?? 1}`;
  if (c.status === "ACTIVE") return `${t(ctx.lang, "answeredBy")} ${c.librarianName ?? t(ctx.lang, "librarian")}`;
  if (c.status === "ANSWERED") return t(ctx.lang, "ticketAnswered");
  return t(ctx.lang, "ticketOpen");
}

async function conversationPage(ctx: Ctx, id: string, notice?: Raw, status = 200): Promise<void> {
  const token = guestToken(ctx, id);
  const [found, history] = await Promise.all([
    api(ctx, ReferenceConversationDocument, { id, token }),
    api(ctx, ReferenceMessagesDocument, { id, token, first: 100 }),
  ]);
  const c = found.data?.conversation;
  ctx.res.setHeader("Cache-Control", "private, no-store");
  if (!c) {
    return page(ctx, t(ctx.lang, "ask"), html`<h1>${t(ctx.lang, "ask")}</h1><p class="alert" role="alert">${t(ctx.lang, "conversationLost")}</p><p><a href="/tanya">${t(ctx.lang, "ask")}</a></p>`, 404);
  }
  const messages = (history.data?.conversationMessages?.edges ?? []).flatMap((edge) => (edge?.node ? [edge.node as ChatMessage] : []));
  const open = c.status !== "CLOSED";
  ctx.chatScript = open;
  const live = open
    ? html`<div id="live" hidden data-ws="${WS_URL}" data-id="${c.id}" data-token="${token ?? ""}" data-after="${String(messages.at(-1)?.seq ?? 0)}" data-lang="${ctx.lang}"
 data-events="${manifest.operations.ReferenceConversationEvents}" data-send="${manifest.operations.ReferenceSendMessage}" data-typing="${manifest.operations.ReferenceTyping}"
 data-you="${t(ctx.lang, "you")}" data-librarian="${t(ctx.lang, "librarian")}" data-system="${t(ctx.lang, "system")}" data-connected="${t(ctx.lang, "live")}"
 data-queue-place="${t(ctx.lang, "queuePlace")}" data-answered-by="${t(ctx.lang, "answeredBy")}" data-ticket-open="${t(ctx.lang, "ticketOpen")}" data-ticket-answered="${t(ctx.lang, "ticketAnswered")}" data-closed="${t(ctx.lang, "conversationClosed")}"></div>
<script type="module" src="/assets/chat.js"></script>`
    : "";
  page(
    ctx,
    t(ctx.lang, "ask"),
    html`<h1>${t(ctx.lang, "ask")}</h1>${notice ?? ""}
<p id="status" role="status">${conversationStatus(ctx, c)}</p>
<ol id="messages" aria-live="polite">${messages.map((message) => messageItem(ctx, message))}</ol>
<p id="typing" class="meta" hidden>${t(ctx.lang, "typing")}</p>
${open ? html`<form id="reply" method="post" action="/tanya/${encodeURIComponent(c.id)}">${formField(ctx)}
<label for="body">${t(ctx.lang, "message")}</label><textarea id="body" name="body" rows="3" cols="40" required maxlength="4000"></textarea>
<p><button>${t(ctx.lang, "reply")}</button> <a href="/tanya/${encodeURIComponent(c.id)}">${t(ctx.lang, "refresh")}</a></p></form>` : ""}
${live}`,
    status,
  );
}

async function sendReply(ctx: Ctx, id: string): Promise<void> {
  const form = await postedForm(ctx);
  if (!form) return conversationPage(ctx, id, html`<p class="alert" role="alert">${t(ctx.lang, "formExpired")}</p>`, 400);
  const result = await api(ctx, ReferenceSendMessageDocument, { id, body: (form.get("body") ?? "").slice(0, 8000), token: guestToken(ctx, id) });
  const payload = result.data?.sendMessage;
  if (payload?.message && !payload.errors.length) return redirect(ctx, `/tanya/${encodeURIComponent(id)}`);
  return conversationPage(ctx, id, refusal(payload?.errors, result), 400);
}

async function myQuestions(ctx: Ctx): Promise<void> {
  const result = await api(ctx, MyQuestionsDocument, { first: 20, after: after(ctx) });
  if (!ctx.signedIn || result.errors.some((e) => e.extensions?.code === "UNAUTHENTICATED")) {
    return redirect(ctx, "/akun/masuk?kembali=/akun/pertanyaan");
  }
  if (failed(result)) return errorPage(ctx);
  ctx.res.setHeader("Cache-Control", "private, no-store");
  const connection = result.data!.myQuestions;
  page(
    ctx,
    t(ctx.lang, "myQuestions"),
    html`<h1>${t(ctx.lang, "myQuestions")}</h1>
${cards(ctx, connection, (c) => html`<article class="card"><h2><a href="/tanya/${encodeURIComponent(c.id)}">${c.question.slice(0, 120)}</a></h2><p class="meta">${formatDate(ctx.lang, c.createdAt)} · ${conversationStatus(ctx, c)}</p></article>`)}
<p><a href="/tanya">${t(ctx.lang, "ask")}</a></p>`,
  );
}

let chatScript: Buffer | null = null;

function chatAsset(ctx: Ctx): void {
  chatScript ??= readFileSync(join(here, "chat.js"));
  ctx.res.setHeader("Cache-Control", "public, max-age=3600");
  send(ctx, 200, chatScript.toString("utf8"), { "Content-Type": "text/javascript; charset=utf-8" });
}

async function signOut(ctx: Ctx): Promise<void> {
  if (await postedForm(ctx)) await allauth(ctx, "DELETE", "/auth/session");
  return redirect(ctx, "/");
}

// --- routing --------------------------------------------------------------------------------

async function route(ctx: Ctx): Promise<void> {
  const { pathname } = ctx.url;
  const method = ctx.req.method ?? "GET";
  const get = method === "GET" || method === "HEAD";
  const previewToken = ctx.url.searchParams.get("preview");
  if (get && previewToken) return preview(ctx, previewToken);
  if (pathname === "/healthz") return send(ctx, 200, "ok", { "Content-Type": "text/plain" });
  if (pathname === "/bahasa") {
    const to: Lang = ctx.url.searchParams.get("ke") === "en" ? "en" : "id";
    ctx.setCookies.push(`lang=${to}; Path=/; Max-Age=31536000; SameSite=Lax`);
    return redirect(ctx, localPath(ctx.url.searchParams.get("kembali")));
  }
  if (get && pathname === "/") return home(ctx);
  if (get && (pathname === "/berita" || pathname === "/en/news")) return newsList(ctx);
  if (get && pathname === "/kegiatan") return programList(ctx);
  if (get && pathname === "/bacaan") return recommendationList(ctx);
  if (get && pathname === "/katalog") return catalog(ctx);
  if (get && pathname === "/cari") return siteSearch(ctx);
  const book = /^\/katalog\/buku\/([^/]+)(\/ulasan|\/pesan|\/rak)?$/.exec(pathname);
  if (book) {
    const id = decodeURIComponent(book[1]);
    if (book[2] === "/ulasan" && method === "POST") return postReview(ctx, id);
    if (book[2] === "/pesan" && method === "POST") return placeHold(ctx, id);
    if (book[2] === "/rak" && method === "POST") return saveToShelf(ctx, id);
    if (!book[2] && get) {
      const sent = ctx.url.searchParams;
      const notice = sent.get("ulasan") === "terkirim"
        ? "reviewSent"
        : sent.get("pesanan") === "tercatat"
          ? "holdPlaced"
          : sent.get("rak") === "tersimpan"
            ? "savedToShelf"
            : null;
      return bookDetail(ctx, id, notice ? html`<p class="notice" role="status">${t(ctx.lang, notice)}</p>` : undefined);
    }
  }
  if (pathname === "/akun/masuk") return method === "POST" ? signIn(ctx) : signInForm(ctx);
  if (pathname === "/akun/daftar") return method === "POST" ? signUp(ctx) : signUpForm(ctx);
  if (pathname === "/akun/keluar" && method === "POST") return signOut(ctx);
  const verify = /^\/akun\/verifikasi\/([^/]+)$/.exec(pathname);
  if (verify) return verifyEmail(ctx, decodeURIComponent(verify[1]));
  if (get && pathname === "/akun") return accountPage(ctx);
  if (get && pathname === "/akun/daftar-bacaan") return readingLists(ctx);
  if (get && pathname === "/akun/pertanyaan") return myQuestions(ctx);
  if (pathname === "/tanya") return method === "POST" ? askSubmit(ctx) : askPage(ctx);
  if (get && pathname === "/faq") return faqPage(ctx);
  const asked = /^\/tanya\/([^/]+)$/.exec(pathname);
  if (asked) {
    const id = decodeURIComponent(asked[1]);
    return method === "POST" ? sendReply(ctx, id) : conversationPage(ctx, id);
  }
  if (get && pathname === "/assets/chat.js") return chatAsset(ctx);
  if (!get && method !== "POST") return send(ctx, 405, "", { Allow: "GET, HEAD, POST" });
  return byPath(ctx);
}

const server = createServer(async (req, res) => {
  const cookies = parseCookies(req.headers.cookie);
  const url = new URL(req.url ?? "/", "http://site.invalid");
  const ctx: Ctx = {
    req,
    res,
    url,
    cookies,
    lang: cookies.lang === "en" ? "en" : "id",
    setCookies: [],
    formToken: cookies[FORM_COOKIE] ?? "",
    signedIn: Boolean(cookies.sessionid),
    menus: { main: [], footer: [] },
  };
  if (!/^[A-Za-z0-9_-]{20,}$/.test(ctx.formToken)) {
    ctx.formToken = randomBytes(18).toString("base64url");
    if (req.method === "GET" || req.method === "HEAD") {
      ctx.setCookies.push(`${FORM_COOKIE}=${ctx.formToken}; Path=/; HttpOnly; SameSite=Lax`);
    }
  }
  try {
    if (url.pathname !== "/healthz" && url.pathname !== "/bahasa") ctx.menus = await loadMenus(ctx);
    await route(ctx);
  } catch (error) {
    if (res.headersSent) return res.end();
    if (error instanceof HttpError) return send(ctx, error.status, "");
    console.error(error);
    errorPage(ctx);
  }
});

const port = Number(process.env.SITE_PORT ?? 3000);
const host = process.env.SITE_HOST ?? "127.0.0.1";
server.listen(port, host, () => {
  console.log(`Pustaka reference site on http://${host}:${port}/ (API ${API_URL})`);
});
