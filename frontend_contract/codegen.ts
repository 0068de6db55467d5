// graphql-codegen: one typed module per operations file (fragments are local to their file,
// as the trusted-document manifest counts them), all checked against ../graphql/schema.graphql.
// `npm run codegen` writes client/generated/<file>.ts; `npm run typecheck` compiles them.
import { readdirSync } from "node:fs";
import type { CodegenConfig } from "@graphql-codegen/cli";

// CODEGEN_OUT: another folder (the freshness test writes there and compares).
const out = process.env.CODEGEN_OUT ?? "client/generated";
const files = readdirSync("operations").filter((name) => name.endsWith(".graphql")).sort();

const config: CodegenConfig = {
  // CODEGEN_SCHEMA: another schema file (the test that a breaking change fails uses it).
  schema: process.env.CODEGEN_SCHEMA ?? "../graphql/schema.graphql",
  ignoreNoDocuments: false,
  generates: Object.fromEntries(
    files.map((name) => [
      `${out}/${name.replace(/\.graphql$/, "")}.ts`,
      {
        documents: `operations/${name}`,
        plugins: ["typescript-operations", "typed-document-node"],
        config: {
          enumsAsTypes: true,
          avoidOptionals: { field: true, inputValue: false, object: true },
          scalars: { DateTime: "string", Date: "string", JSONString: "string", JSON: "unknown", GenericScalar: "unknown", Time: "string" },
          useTypeImports: true,
          skipTypename: false,
        },
      },
    ]),
  ),
};

export default config;
