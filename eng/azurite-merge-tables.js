#!/usr/bin/env node
// Merges tables of a stopped Azurite's Table database into one table, for seeding large tenants.
//
//   node eng/azurite-merge-tables.js <azurite data folder> <target table> <source table>...
//
// Why: Azurite (LokiJS) looks an entity up by scanning its whole partition, so every insert into a partition of P rows
// costs O(P) and seeding one 100,000-user tenant through the store takes hours. Seeding the same tenant into several
// "shard" tables (small partitions, fast) with the real store code and merging them here afterwards gives the same
// rows in minutes. The merged table is what the store would have written into one table, except that rows written in
// every shard (the same PartitionKey and RowKey) are combined: a row with a numeric `--sum` column (default `Count`,
// the store's counter shards) gets the sum of the copies; otherwise the copies must have equal properties (one is
// kept) or the merge fails. Verify the result with the store's ConsistencyChecker.
//
// Azurite must be stopped (it rewrites its database file while running). The source tables are removed.
"use strict";
const fs = require("fs");
const path = require("path");

function usage(message) {
  if (message) console.error("error: " + message);
  console.error("usage: node eng/azurite-merge-tables.js [--account NAME] [--sum COLUMN] <data folder> <target table> <source table>...");
  process.exit(2);
}

const args = process.argv.slice(2);
let account = "devstoreaccount1";
let sumColumn = "Count";
const positional = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--account") account = args[++i];
  else if (args[i] === "--sum") sumColumn = args[++i];
  else positional.push(args[i]);
}
if (positional.length < 3) usage();
const [folder, targetTable, ...sourceTables] = positional;
const dbPath = path.join(folder, "__azurite_db_table__.json");
if (!fs.existsSync(dbPath)) usage("no Azurite table database at " + dbPath);

const root = path.resolve(__dirname, "..");
const Loki = require(path.join(root, "node_modules", "lokijs"));
const db = new Loki(dbPath, { persistenceMethod: "fs", autosave: false });

const keyOf = (doc) => doc.PartitionKey + "\u0000" + doc.RowKey;
const asBigInt = (v) => (typeof v === "string" ? BigInt(v) : BigInt(Math.trunc(v)));
const userProperties = (doc) => {
  const copy = { ...doc.properties };
  delete copy.Timestamp;
  delete copy["Timestamp@odata.type"];
  return JSON.stringify(copy);
};

db.loadDatabase({}, (loadError) => {
  if (loadError) throw loadError;
  const tables = db.getCollection("$TABLES_COLLECTION$");
  const collectionName = (table) => `${account}$${table}`;
  const target = db.getCollection(collectionName(targetTable));
  if (!target) usage(`table ${targetTable} does not exist in ${dbPath}`);

  // Drop the binary indices while inserting (keeping them sorted costs O(rows) per insert) and rebuild them once.
  const indexed = Object.keys(target.binaryIndices);
  target.binaryIndices = {};
  const byKey = new Map(target.data.map((doc) => [keyOf(doc), doc]));
  let inserted = 0, summed = 0, identical = 0;
  const started = Date.now();

  for (const sourceTable of sourceTables) {
    const source = db.getCollection(collectionName(sourceTable));
    if (!source) usage(`table ${sourceTable} does not exist in ${dbPath}`);
    for (const doc of source.data) {
      const existing = byKey.get(keyOf(doc));
      if (!existing) {
        const copy = {
          PartitionKey: doc.PartitionKey,
          RowKey: doc.RowKey,
          properties: doc.properties,
          lastModifiedTime: doc.lastModifiedTime,
          eTag: doc.eTag,
        };
        target.insert(copy);
        byKey.set(keyOf(copy), copy);
        inserted++;
      } else if (sumColumn in doc.properties && sumColumn in existing.properties) {
        const total = asBigInt(existing.properties[sumColumn]) + asBigInt(doc.properties[sumColumn]);
        existing.properties[sumColumn] = typeof existing.properties[sumColumn] === "string" ? total.toString() : Number(total);
        target.update(existing);
        summed++;
      } else if (userProperties(existing) === userProperties(doc)) {
        identical++;
      } else {
        console.error(`error: ${doc.PartitionKey} / ${doc.RowKey} differs between ${targetTable} and ${sourceTable}; nothing written`);
        process.exit(1);
      }
    }
    db.removeCollection(collectionName(sourceTable));
    tables.findAndRemove({ account, table: sourceTable });
  }

  for (const property of indexed) target.ensureIndex(property, true);
  db.saveDatabase((saveError) => {
    if (saveError) throw saveError;
    console.log(
      `merged ${sourceTables.length} tables into ${targetTable}: ${inserted} rows added, ${summed} summed (${sumColumn}), ` +
        `${identical} identical copies dropped; ${target.data.length} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });
});
