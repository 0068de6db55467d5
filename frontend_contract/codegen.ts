// graphql-codegen: one typed module per operations file (fragments are local to their file,
// as the trusted-document manifest counts them), all checked against ../graphql/schema.graphql.
// `npm run codegen` writes client/generated/<file>.ts; `npm run typecheck` compiles them.
import { readdirSync } from "node:fs";
import type { CodegenConfig } from "@graphql-codegen/cli";

const files = readdirSync("operations").filter((name) => name.endsWith(".graphql")).sort();

const config: CodegenConfig = {
  schema: "../graphql/schema.graphql",
  ignoreNoDocuments: false,
  generates: Object.fromEntries(
    files.map((name) => [
      `client/generated/${name.replace(/\.graphql$/, "")}.ts`,
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
  hooks: {},
};

export default config;
