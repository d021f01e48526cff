// Reads a JSON list of statements on stdin and prints, as JSON, Learning Locker's warnings for
// each one ([] when the statement is valid): the tests' independent check of what packages send.
"use strict";
const validate = require("@learninglocker/xapi-validation").default;

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const out = JSON.parse(input).map((statement) =>
    validate(statement).map((w) => ({ path: (w.path || []).join("."), message: w.constructor.name + (w.typeName ? " (" + w.typeName + ")" : ""), data: w.data })));
  process.stdout.write(JSON.stringify(out));
});
