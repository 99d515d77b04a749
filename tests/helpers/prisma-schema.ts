// The models of a Prisma schema file as data: each model's columns (scalar fields: name, type, optional) and its
// keys and indexes (by their columns). Enough to compare the two schemas with each other and each migrated
// database with its schema, and to list every column the app stores.
import { readFileSync } from "node:fs";

export interface SchemaColumn {
  name: string;
  /** Prisma's scalar type: String, Int, BigInt, Boolean, DateTime, Float. */
  type: string;
  optional: boolean;
}

export interface SchemaIndex {
  columns: string[];
  unique: boolean;
}

export interface SchemaModel {
  name: string;
  columns: SchemaColumn[];
  primaryKey: string[];
  /** @unique, @@unique and @@index, sorted by their columns. */
  indexes: SchemaIndex[];
}

const SCALARS = new Set(["String", "Int", "BigInt", "Boolean", "DateTime", "Float", "Decimal", "Json", "Bytes"]);
const columnList = (text: string) =>
  text
    .split(",")
    .map((column) => column.trim())
    .filter(Boolean);

export function readPrismaSchema(file: string): { provider: string; models: SchemaModel[] } {
  const text = readFileSync(file, "utf8").replace(/\/\/.*$/gm, "");
  const provider = /datasource\s+\w+\s*\{[^}]*provider\s*=\s*"(\w+)"/.exec(text)?.[1] ?? "";
  const models: SchemaModel[] = [];
  for (const [, name, body] of text.matchAll(/model\s+(\w+)\s*\{([^}]*)\}/g)) {
    const model: SchemaModel = { name: name!, columns: [], primaryKey: [], indexes: [] };
    for (const raw of body!.split("\n")) {
      const line = raw.trim();
      const block = /^@@(id|unique|index)\(\[([^\]]*)\]/.exec(line);
      if (block) {
        const columns = columnList(block[2]!);
        if (block[1] === "id") model.primaryKey = columns;
        else model.indexes.push({ columns, unique: block[1] === "unique" });
        continue;
      }
      const field = /^(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/.exec(line);
      if (!field || !SCALARS.has(field[2]!) || field[3]) continue;
      const [, column, type, , optional, attributes] = field;
      model.columns.push({ name: column!, type: type!, optional: optional === "?" });
      if (/@id\b/.test(attributes!)) model.primaryKey = [column!];
      if (/@unique\b/.test(attributes!)) model.indexes.push({ columns: [column!], unique: true });
    }
    model.indexes.sort((a, b) => a.columns.join().localeCompare(b.columns.join()) || Number(a.unique) - Number(b.unique));
    models.push(model);
  }
  return { provider, models };
}
