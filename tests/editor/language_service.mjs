// Asks VS Code's JSON language service (the npm package vscode-json-languageservice, which VS Code's
// own JSON support is built on) what an editor would show in a JSON file, and prints the answers as
// JSON, for tests/test_editor_language_service.py.
//
//   node tests/editor/language_service.mjs REQUEST.json
//
// REQUEST: {"document": FILE, "ids": FOLDER or null, "queries": [{"hover": OFFSET} | {"complete": OFFSET}]}
// The file's own "$schema" picks its schema, as in VS Code: a relative path is resolved against the
// file and read from disk. With "ids", every FOLDER/*.schema.json is also registered under its "$id",
// as a tool that is given the schemas by their $id would have them; without, an $id resolves to nothing.
// Printed: {"loaded": [URIs read from disk], "diagnostics": [messages], "answers": [one per query]}.
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

// The package is found in the node_modules of the repository's root, where `npm install --prefix` puts it.
const require = createRequire(import.meta.url);
const { getLanguageService, TextDocument } = require("vscode-json-languageservice");

const request = JSON.parse(readFileSync(process.argv[2], "utf8"));
const loaded = [];

const service = getLanguageService({
  // Only files are read: an editor given nothing else cannot fetch a urn: or any other scheme either.
  schemaRequestService: async (uri) => {
    if (!uri.startsWith("file:")) throw new Error(`no way to load ${uri}`);
    loaded.push(uri);
    return readFileSync(fileURLToPath(uri), "utf8");
  },
  workspaceContext: { resolveRelativePath: (relative, resource) => new URL(relative, resource).href },
});

const schemas = [];
if (request.ids) {
  for (const name of readdirSync(request.ids).filter((n) => n.endsWith(".schema.json")).sort()) {
    const schema = JSON.parse(readFileSync(join(request.ids, name), "utf8"));
    schemas.push({ uri: schema.$id, schema });
  }
}
service.configure({ validate: true, allowComments: false, schemas });

const uri = pathToFileURL(resolve(request.document)).href;
const document = TextDocument.create(uri, "json", 1, readFileSync(request.document, "utf8"));
const parsed = service.parseJSONDocument(document);

// Hover contents come as markup or as marked strings, by version; either is made one string.
function words(contents) {
  if (contents === undefined || contents === null) return null;
  if (typeof contents === "string") return contents;
  if (Array.isArray(contents)) return contents.map(words).join("\n\n");
  return contents.value;
}

const answers = [];
for (const query of request.queries) {
  if ("hover" in query) {
    const hover = await service.doHover(document, document.positionAt(query.hover), parsed);
    answers.push(hover ? words(hover.contents) : null);
  } else if ("complete" in query) {
    const list = await service.doComplete(document, document.positionAt(query.complete), parsed);
    answers.push((list ? list.items : []).map((item) => ({
      label: item.label,
      detail: item.detail ?? null,
      documentation: words(item.documentation),
      insertText: item.insertText ?? (item.textEdit ? item.textEdit.newText : null),
    })));
  } else {
    throw new Error(`unknown query ${JSON.stringify(query)}`);
  }
}
const diagnostics = (await service.doValidation(document, parsed)).map((d) => d.message);
process.stdout.write(JSON.stringify({ loaded, diagnostics, answers }, null, 2) + "\n");
