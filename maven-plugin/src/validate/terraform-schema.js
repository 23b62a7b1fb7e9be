#!/usr/bin/env node
// Extracts the Terraform AWS provider's resource and data source schema (attribute and nested block names, per
// type) from the jsii manifest of @cdktf/provider-aws, which cdktf generates from the provider's own schema.
// Usage: terraform-schema.js <.jsii file> <output json>
// Output: {"provider": "hashicorp/aws x.y.z", "resource": {"aws_sqs_queue": {"name": null, "lifecycle"...}}, "data": {...},
//          "attributes": {"resource": {"aws_sqs_queue": ["arn", "url", ...]}, "data": {...}}}
// where an argument maps to null and a nested block to its own {name: ...} map; "attributes" lists what an expression
// may read of each type (arguments and computed attributes alike: the class's getters, in Terraform's snake_case).
'use strict';
const fs = require('fs');

const [jsiiFile, outFile] = process.argv.slice(2);
const types = JSON.parse(fs.readFileSync(jsiiFile, 'utf8')).types;
const PREFIX = '@cdktf/provider-aws.';
// "Represents a {@link https://…/providers/hashicorp/aws/6.25.0/docs/resources/sqs_queue aws_sqs_queue}."
const REPRESENTS = /\/providers\/hashicorp\/aws\/([^/]+)\/docs\/(resources|data-sources)\/\S+ (aws_\w+)\}/;
// "Docs at Terraform Registry: {@link https://…/sqs_queue#sqs_managed_sse_enabled SqsQueue#sqs_managed_sse_enabled}"
const ATTRIBUTE = /#(\w+) \w+#\w+\}/;

function blockType(type) {
  if (!type) return null;
  if (type.fqn) return type.fqn.startsWith(PREFIX) && types[type.fqn] && types[type.fqn].kind === 'interface' ? type.fqn : null;
  if (type.collection) return type.collection.kind === 'array' ? blockType(type.collection.elementtype) : null;
  if (type.union) for (const t of type.union.types) { const b = blockType(t); if (b) return b; }
  return null;
}

function schema(fqn, seen = new Set()) {
  const out = {};
  if (seen.has(fqn)) return out;
  for (const p of types[fqn].properties || []) {
    const docs = `${p.docs.summary || ''} ${p.docs.remarks || ''}`;
    const name = (docs.match(ATTRIBUTE) || [])[1];
    if (!name) continue;
    const nested = blockType(p.type);
    out[name] = nested ? schema(nested, new Set([...seen, fqn])) : null;
  }
  return out;
}

// cdktf's getter for attribute secret_string is secretString; s3_backup_mode is s3BackupMode
const snake = (camel) => camel.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

function attributes(fqn) {
  return (types[fqn].properties || []).filter((p) => !p.static && !p.name.endsWith('Input'))
    .map((p) => snake(p.name)).sort();
}

const result = { provider: null, resource: {}, data: {}, attributes: { resource: {}, data: {} } };
for (const [fqn, type] of Object.entries(types)) {
  const m = type.kind === 'class' && (type.docs.summary || '').match(REPRESENTS);
  if (!m || !types[fqn + 'Config']) continue;
  result.provider = 'hashicorp/aws ' + m[1];
  const kind = m[2] === 'resources' ? 'resource' : 'data';
  result[kind][m[3]] = schema(fqn + 'Config');
  result.attributes[kind][m[3]] = attributes(fqn);
}
fs.writeFileSync(outFile, JSON.stringify(result));
console.log(`${result.provider}: ${Object.keys(result.resource).length} resources, ${Object.keys(result.data).length} data sources`);
