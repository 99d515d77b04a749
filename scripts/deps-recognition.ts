// npm run deps:recognition -- global-requirements.txt truth.txt
// Measures how many of a requirements file's OpenStack packages the naming rules and the teams' deliverables
// recognise. truth.txt names OpenStack's own packages or repositories, one a line (for instance every repository
// the governance history lists); a package is OpenStack's when its PEP 503 name, or that name without a
// trailing version digit (keystoneauth1), is in it. Prints the share, the misses and the packages recognised
// that the truth list does not name, for a person to judge. Reads no database.
import { readFileSync } from "node:fs";
import { readCatalogueFiles } from "../lib/db/catalogue";
import { pep503Name } from "../lib/survey/normalize";
import { buildOpenStackNameIndex, recogniseOpenStackPackage } from "../lib/survey/openstack-own";
import { parseRequirements } from "../lib/survey/requirements-parse";

const [file, truthFile] = process.argv.slice(2);
if (!file || !truthFile) {
  console.error("usage: npm run deps:recognition -- global-requirements.txt truth.txt");
  process.exit(2);
}
const index = buildOpenStackNameIndex(readCatalogueFiles().teams);
const truth = new Set(readFileSync(truthFile, "utf8").split(/\r?\n/).map(pep503Name).filter(Boolean));
const { requirements } = parseRequirements(readFileSync(file, "utf8"), { fileName: file });
const isOwn = (name: string) => truth.has(name) || truth.has(name.replace(/\d+$/, ""));
const own = requirements.filter((r) => isOwn(r.normalized));
const recognised = own.filter((r) => recogniseOpenStackPackage(index, r.package) !== null);
const extra = requirements.filter((r) => !isOwn(r.normalized) && recogniseOpenStackPackage(index, r.package) !== null);
const share = own.length > 0 ? ((100 * recognised.length) / own.length).toFixed(1) : "–";
console.log(
  `${file}: ${requirements.length} packages, ${own.length} OpenStack's own by the truth list; recognised ${recognised.length} (${share}%).`,
);
console.log(
  `Not recognised: ${
    own
      .filter((r) => !recognised.includes(r))
      .map((r) => r.package)
      .join(", ") || "none"
  }`,
);
console.log(
  `Recognised but not in the truth list: ${extra.map((r) => `${r.package} (${recogniseOpenStackPackage(index, r.package)})`).join(", ") || "none"}`,
);
