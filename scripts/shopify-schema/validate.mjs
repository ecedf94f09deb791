// Validates GraphQL documents against Shopify's published Admin schema with graphql-js (the reference validator).
// Usage: node validate.mjs <schema folder> <api version> < documents.json   (a JSON object: name -> document)
// Prints a JSON object: name -> list of errors (empty when valid).
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { createRequire } from "node:module";

const [folder, version] = process.argv.slice(2);
const require = createRequire(`${folder}/`);
const { buildClientSchema, parse, validate } = require("graphql");
const introspection = JSON.parse(gunzipSync(readFileSync(`${folder}/admin_${version}.json.gz`)).toString("utf8"));
const schema = buildClientSchema(introspection.data ?? introspection);
const documents = JSON.parse(readFileSync(0, "utf8"));
const result = {};
for (const [name, text] of Object.entries(documents)) {
  try {
    result[name] = validate(schema, parse(text)).map((e) => e.message);
  } catch (error) {
    result[name] = [String(error.message ?? error)];
  }
}
process.stdout.write(JSON.stringify(result));
