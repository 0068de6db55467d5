// The typed client: runs a generated TypedDocumentNode by its trusted-document id (never by
// its text). Queries go by GET (cacheable, compressed), mutations by POST. Copy this file, the
// generated modules and manifest.json into a frontend; nothing here depends on the site.
import { readFileSync } from "node:fs";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";

export interface Manifest {
  format: string;
  documents: Record<string, string>;
  operations: Record<string, string>;
}

export interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
}

export interface Result<T> {
  data: T | null;
  errors: GraphQLErrorShape[];
  status: number;
  /** Set-Cookie headers of the API response (a server-rendered site relays them). */
  setCookies: string[];
}

export interface CallOptions {
  /** The browser's Cookie header to forward (session and CSRF cookies of the API). */
  cookie?: string;
  /** Sent as X-CSRFToken with a cookie-authenticated POST. */
  csrfToken?: string;
  /** Accept-Language, e.g. "id" or "en". */
  language?: string;
}

export function loadManifest(path: string): Manifest {
  return JSON.parse(readFileSync(path, "utf8")) as Manifest;
}

function operationOf(document: TypedDocumentNode<unknown, unknown>): { name: string; kind: string } {
  for (const definition of document.definitions) {
    if (definition.kind === "OperationDefinition" && definition.name) {
      return { name: definition.name.value, kind: definition.operation };
    }
  }
  throw new Error("A document without a named operation cannot be a trusted document");
}

export class PustakaClient {
  constructor(
    readonly apiUrl: string,
    readonly manifest: Manifest,
  ) {}

  documentId(document: TypedDocumentNode<unknown, unknown>): string {
    const { name } = operationOf(document);
    const id = this.manifest.operations[name];
    if (!id) throw new Error(`Operation ${name} is not in the manifest: run \`make schema\``);
    return id;
  }

  async run<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    options: CallOptions = {},
  ): Promise<Result<TData>> {
    const { kind } = operationOf(document as TypedDocumentNode<unknown, unknown>);
    const documentId = this.documentId(document as TypedDocumentNode<unknown, unknown>);
    const headers: Record<string, string> = { Accept: "application/json" };
    if (options.cookie) headers.Cookie = options.cookie;
    if (options.language) headers["Accept-Language"] = options.language;
    const endpoint = `${this.apiUrl}/graphql/`;
    let response: Response;
    if (kind === "query") {
      const params = new URLSearchParams({ documentId });
      const cleaned = JSON.stringify(variables ?? {});
      if (cleaned !== "{}") params.set("variables", cleaned);
      response = await fetch(`${endpoint}?${params}`, { headers });
    } else {
      headers["Content-Type"] = "application/json";
      if (options.csrfToken) headers["X-CSRFToken"] = options.csrfToken;
      headers.Referer = `${this.apiUrl}/`;
      response = await fetch(endpoint, {
        method: "POST",
        headers,
        body: JSON.stringify({ documentId, variables }),
      });
    }
    const body = (await response.json().catch(() => ({}))) as {
      data?: TData;
      errors?: GraphQLErrorShape[];
    };
    return {
      data: body.data ?? null,
      errors: body.errors ?? [],
      status: response.status,
      setCookies: response.headers.getSetCookie?.() ?? [],
    };
  }
}
