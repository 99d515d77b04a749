// Organisers' dependency curation that needs no database: form schemas, and the suggestions for adding the
// dependencies not in the survey yet as catalogue projects. Pure.
import { z } from "zod";
import { catalogueNameSchema } from "./catalogue-rules";
import { normalizeName, pep503Name } from "./normalize";

const id = z.coerce.number({ error: "Choose a package" }).int("Choose a package").positive("Choose a package");

export const setDependencyOriginSchema = z.object({
  dependencyId: id,
  origin: z.enum(["openstack", "external"], { error: "Choose OpenStack's own or external" }),
});

// ---------------------------------------------------------------------------------------------
// Adding the dependencies that are not in the survey yet as catalogue projects: a suggestion per package,
// reviewed (and edited) by an organiser before anything is saved.

export interface ProjectSuggestion {
  dependencyId: number;
  package: string;
  section: string;
  name: string;
  /** The category name suggested, one of the catalogue's. */
  category: string;
  /** Other names the project answers to; duplicates after normalisation are left out. */
  aliases: string[];
}

// First matching rule wins; each names a category of the shipped catalogue. The requirement section speaks first.
const CATEGORY_RULES: readonly [RegExp, string][] = [
  [/sphinx|doc|theme|reno/, "docs tools"],
  [/test|mock|fixture|hypothesis|coverage|stestr|ddt|nose|lint|flake|hacking/, "test tools"],
  [/sql|db|mysql|postgres|psycopg|redis|mongo|cache|memcache|cassandra|elastic/, "databases & DB libraries"],
  [/crypt|ssl|tls|auth|jwt|ldap|kerberos|saml|oauth|passlib|secret|keyring|castellan|jose/, "security & crypto"],
  [/kafka|amqp|zmq|mq|queue|messag|pika|kombu|celery/, "messaging"],
  [/django|flask|web|http|wsgi|jinja|routes|rest|json|yaml|xml|html|url|mako|pecan|falcon/, "web frameworks"],
  [/pip|setuptools|wheel|packag|pbr|virtualenv|build|install/, "packaging & distribution"],
  [/net|dns|ip|ovs|route|snmp|bgp|socket|ssh|paramiko/, "networking"],
  [/docker|kube|container|k8s|helm/, "containers & orchestration"],
  [/prometheus|statsd|metric|log|trace|monitor|telemetry|profil/, "monitoring & observability"],
  [/libvirt|qemu|xen|virt|hyperv|vmware|esx/, "virtualization"],
  [/ceph|iscsi|storage|rados|nfs|disk|swift|s3|boto/, "storage"],
  [/ansible|puppet|chef|salt|terraform|config/, "deployment & config management"],
];

export function suggestCategory(packageName: string, section: string, categories: readonly string[]): string {
  const fallback = categories.includes("other") ? "other" : (categories[0] ?? "other");
  const name = packageName.toLowerCase();
  if (/test/.test(section) && categories.includes("test tools")) return "test tools";
  if (/doc/.test(section) && categories.includes("docs tools")) return "docs tools";
  for (const [pattern, category] of CATEGORY_RULES)
    if (pattern.test(name) && categories.includes(category)) return category;
  return fallback;
}

/**
 * The names a package's project answers to: the package name as listed, its PEP 503 and underscore spellings, and
 * the python- affix form (python-dateutil for dateutil, dateutil for python-dateutil). All name the same code,
 * so they follow the catalogue's alias rule. Forms that normalise alike are given once.
 */
export function suggestAliases(packageName: string): string[] {
  const pep503 = pep503Name(packageName);
  const bare = pep503.replace(/^python3?-|^py-|-python3?$/, "");
  const forms = [packageName, pep503, pep503.replace(/-/g, "_"), bare === pep503 ? `python-${pep503}` : bare];
  const seen = new Set<string>([normalizeName(packageName)]);
  const aliases: string[] = [];
  for (const form of forms) {
    const key = normalizeName(form);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    aliases.push(form);
  }
  return aliases;
}

export function suggestProject(
  dep: { id: number; package: string; section: string },
  categories: readonly string[],
): ProjectSuggestion {
  return {
    dependencyId: dep.id,
    package: dep.package,
    section: dep.section,
    name: dep.package,
    category: suggestCategory(dep.package, dep.section, categories),
    aliases: suggestAliases(dep.package),
  };
}

const aliasListSchema = z
  .string()
  .max(500, "Aliases must be at most 500 characters")
  .transform((text) => [
    ...new Set(
      text
        .split("|")
        .map((alias) => alias.normalize("NFC").trim())
        .filter(Boolean),
    ),
  ]);

export const bulkAddRowSchema = z.object({
  dependencyId: id,
  name: catalogueNameSchema("a project name"),
  categoryId: id,
  aliases: aliasListSchema,
});
export type BulkAddRow = z.infer<typeof bulkAddRowSchema>;

/**
 * The reviewed form as rows: fields named "rows.<i>.<field>", a row taken only when its "add" box is ticked.
 * Errors name the package's row, so the organiser can find it.
 */
export function parseBulkAddForm(
  entries: Iterable<[string, FormDataEntryValue]>,
): { ok: true; rows: BulkAddRow[] } | { ok: false; message: string } {
  const byIndex = new Map<string, Record<string, string>>();
  for (const [key, value] of entries) {
    const match = /^rows\.(\d{1,4})\.(dependencyId|name|categoryId|aliases|add|package)$/.exec(key);
    if (!match || typeof value !== "string") continue;
    const row = byIndex.get(match[1]!) ?? {};
    row[match[2]!] = value;
    byIndex.set(match[1]!, row);
  }
  const rows: BulkAddRow[] = [];
  for (const raw of byIndex.values()) {
    if (raw.add !== "on") continue;
    const parsed = bulkAddRowSchema.safeParse(raw);
    if (!parsed.success)
      return {
        ok: false,
        message: `${raw.package ?? "A package"}: ${parsed.error.issues[0]?.message ?? "check the row"}`,
      };
    rows.push(parsed.data);
  }
  if (rows.length === 0) return { ok: false, message: "Tick at least one package to add" };
  return { ok: true, rows };
}
