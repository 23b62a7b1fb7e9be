#!/usr/bin/env node
// AWS's own offline checks over every folder the integration tests generated:
//  - cfn-guard (the binary shipped in @cdklabs/cdk-validator-cfnguard) with the rules in rules/*.guard;
//  - every resource type, property, required property and GetAtt attribute exists in the CloudFormation
//    resource spec (@aws-cdk/aws-service-spec, db.json.gz);
//  - every Terraform file parses as HCL2 (@cdktf/hcl2json), every attribute and nested block of its resources
//    and data sources exists in the Terraform AWS provider's schema (terraform-aws-schema.json, see install.sh), and
//    every attribute an expression reads of a resource or data source (aws_x.name.attr, data.aws_x.name.attr) is one
//    the provider has, and versions.tf admits the provider version that schema is of.
// Usage: validate.js <validators dir> <folder to search for generated output> <rules dir>
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { execFileSync } = require('child_process');

const [validatorsDir, searchRoot, rulesDir] = process.argv.slice(2).map((p) => path.resolve(p));
const need = (name) => require(path.join(validatorsDir, 'node_modules', name));
const YAML = need('yaml');
const { parse: parseHcl } = need('@cdktf/hcl2json');

function walk(dir, found = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, found); else found.push(full);
  }
  return found;
}

const files = walk(searchRoot);
const templates = files.filter((f) => f.endsWith(path.join('cloudformation', 'template.yaml')));
const terraform = files.filter((f) => f.endsWith('.tf') && f.includes(path.sep + 'terraform' + path.sep));
const failures = [];
let passed = 0;
const check = (what, problems) => {
  if (problems.length === 0) { passed++; console.log(`ok   ${what}`); }
  else { failures.push(what); console.log(`FAIL ${what}\n  ${problems.join('\n  ')}`); }
};

// --- cfn-guard ---
const arch = process.arch === 'arm64' ? 'aarch64' : 'x86_64';
const os = process.platform === 'darwin' ? 'macos' : 'ubuntu';
const guard = path.join(validatorsDir, 'node_modules/@cdklabs/cdk-validator-cfnguard/bin', os, arch, 'cfn-guard');
for (const template of templates) {
  try {
    execFileSync(guard, ['validate', '--rules', rulesDir, '--data', template, '--show-summary', 'fail'],
      { encoding: 'utf8', stdio: 'pipe' });
    check(`cfn-guard ${path.relative(searchRoot, template)}`, []);
  } catch (e) {
    check(`cfn-guard ${path.relative(searchRoot, template)}`, [String(e.stdout || '') + String(e.stderr || e.message)]);
  }
}

// --- CloudFormation resource spec ---
const db = JSON.parse(zlib.gunzipSync(fs.readFileSync(
  path.join(validatorsDir, 'node_modules/@aws-cdk/aws-service-spec/db.json.gz'))));
const specs = new Map();
for (const resource of Object.values(db.schema.resource.entities)) specs.set(resource.cloudFormationType, resource);
const typeDefs = new Map(); // the database links types by $id, which is not the entities' key
for (const type of Object.values(db.schema.typeDefinition.entities)) typeDefs.set(type.$id, type);

function checkProperties(where, value, propertySpecs, problems) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  if (Object.keys(value).some((k) => k === 'Ref' || k.startsWith('Fn::'))) return; // an intrinsic stands for a value
  for (const [name, spec] of Object.entries(propertySpecs)) {
    if (spec.required && !(name in value)) problems.push(`${where}: required property ${name} is missing`);
  }
  for (const [name, v] of Object.entries(value)) {
    const spec = propertySpecs[name];
    if (!spec) { problems.push(`${where}: unknown property ${name}`); continue; }
    checkTyped(`${where}.${name}`, v, spec.type, problems);
  }
}

function checkTyped(where, value, type, problems) {
  if (!type) return;
  if (type.type === 'ref') {
    checkProperties(where, value, typeDefs.get(type.reference.$ref).properties, problems);
  } else if (type.type === 'array' && Array.isArray(value)) {
    value.forEach((item, i) => checkTyped(`${where}[${i}]`, item, type.element, problems));
  } else if (type.type === 'map' && value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) checkTyped(`${where}.${k}`, v, type.element, problems);
  }
}

for (const file of templates) {
  const template = YAML.parse(fs.readFileSync(file, 'utf8'));
  const resources = template.Resources || {};
  const problems = [];
  const visitGetAtts = (node) => {
    if (Array.isArray(node)) { node.forEach(visitGetAtts); return; }
    if (!node || typeof node !== 'object') return;
    if (node['Fn::GetAtt']) {
      const [id, attribute] = node['Fn::GetAtt'];
      const spec = resources[id] && specs.get(resources[id].Type);
      if (!spec) problems.push(`Fn::GetAtt names unknown resource ${id}`);
      else if (!(attribute in spec.attributes)) problems.push(`${resources[id].Type} has no attribute ${attribute}`);
    }
    if (typeof node.Ref === 'string' && !(node.Ref in resources) && !((template.Parameters || {})[node.Ref])
        && !node.Ref.startsWith('AWS::')) problems.push(`Ref to unknown ${node.Ref}`);
    Object.values(node).forEach(visitGetAtts);
  };
  for (const [id, resource] of Object.entries(resources)) {
    const spec = specs.get(resource.Type);
    if (!spec) { problems.push(`${id}: unknown resource type ${resource.Type}`); continue; }
    checkProperties(`${id} (${resource.Type})`, resource.Properties || {}, spec.properties, problems);
    for (const dep of resource.DependsOn || []) if (!(dep in resources)) problems.push(`${id}: DependsOn unknown ${dep}`);
    if (resource.Type === 'AWS::Logs::SubscriptionFilter' && resource.Properties.RoleArn) {
      // Firehose: CloudWatch Logs puts records with a role; the filter must wait for it (a GetAtt does)
      if (!JSON.stringify(resource.Properties.RoleArn).includes('Fn::GetAtt')) problems.push(`${id}: RoleArn is not the stack's role`);
    } else if (resource.Type === 'AWS::Logs::SubscriptionFilter') {
      // the filter must wait for the permission that lets CloudWatch Logs invoke the function for its group
      const group = resource.Properties.LogGroupName;
      const waits = (resource.DependsOn || []).some((dep) => resources[dep] && resources[dep].Type === 'AWS::Lambda::Permission'
        && JSON.stringify(resources[dep].Properties.SourceArn).includes(`:log-group:${group}:*`));
      if (!waits) problems.push(`${id}: does not DependsOn the Lambda permission of ${group}`);
    } else if (resource.Type === 'AWS::Logs::AccountPolicy') {
      // logGroups=*: every log group the stack itself writes to must be left out, or its lines would loop
      for (const group of Object.values(resources).filter((r) => r.Type === 'AWS::Logs::LogGroup')) {
        const name = JSON.stringify(group.Properties.LogGroupName);
        if (!String(resource.Properties.SelectionCriteria).includes(name)) problems.push(`${id}: SelectionCriteria does not leave out ${name}`);
      }
    }
  }
  visitGetAtts(resources);
  visitGetAtts(template.Outputs || {});
  check(`resource spec ${path.relative(searchRoot, file)} (${Object.keys(resources).length} resources)`, problems);
}

// --- Terraform syntax and provider schema ---
const tfSchema = JSON.parse(fs.readFileSync(path.join(validatorsDir, 'terraform-aws-schema.json'), 'utf8'));
// Terraform's own meta-arguments, valid in every resource / data block
const META = { resource: ['count', 'for_each', 'depends_on', 'provider', 'lifecycle', 'provisioner', 'connection'],
  data: ['count', 'for_each', 'depends_on', 'provider', 'lifecycle'] };

function checkBlock(where, body, schema, problems, meta = []) {
  for (const [name, value] of Object.entries(body)) {
    if (meta.includes(name)) continue;
    if (!(name in schema)) { problems.push(`${where}: ${name} is not an attribute or block of ${tfSchema.provider}`); continue; }
    if (schema[name] !== null) {
      if (!Array.isArray(value)) problems.push(`${where}.${name}: is a block, written as an attribute`);
      else value.forEach((nested, i) => checkBlock(`${where}.${name}[${i}]`, nested, schema[name], problems));
    }
  }
}

function checkTerraform(parsed, problems) {
  for (const kind of ['resource', 'data']) {
    for (const [type, named] of Object.entries(parsed[kind] || {})) {
      const schema = tfSchema[kind][type];
      if (!schema) { problems.push(`${kind} ${type} does not exist in ${tfSchema.provider}`); continue; }
      for (const [name, bodies] of Object.entries(named)) {
        bodies.forEach((body) => checkBlock(`${kind}.${type}.${name}`, body, schema, problems, META[kind]));
      }
    }
  }
}

// the provider version the schema is of must be one versions.tf admits, or the checks say nothing of what users run
const compare = (a, b) => { for (let i = 0; i < 3; i++) { const d = (a[i] || 0) - (b[i] || 0); if (d) return d; } return 0; };
const semver = (text) => text.split('.').map(Number);
function checkProviderConstraint(parsed, problems) {
  for (const block of parsed.terraform || []) {
    for (const providers of block.required_providers || []) {
      const constraint = providers.aws && providers.aws.version;
      if (!constraint) continue;
      const version = semver(tfSchema.provider.split(' ')[1]);
      for (const part of constraint.split(',').map((c) => c.trim())) {
        const m = part.match(/^(>=|<=|>|<|=|!=|~>)?\s*(\d+(?:\.\d+){0,2})$/);
        if (!m) { problems.push(`required_providers.aws.version: cannot read "${part}"`); continue; }
        const c = compare(version, semver(m[2]));
        const ok = { '>=': c >= 0, '<=': c <= 0, '>': c > 0, '<': c < 0, '!=': c !== 0, '=': c === 0, undefined: c === 0,
          '~>': c >= 0 && compare(version.slice(0, m[2].split('.').length - 1), semver(m[2]).slice(0, -1)) === 0 }[m[1]];
        if (!ok) problems.push(`required_providers.aws.version "${constraint}" does not admit ${tfSchema.provider}, the schema checked against`);
      }
    }
  }
}

// a reference in an expression: [data.]aws_<type>.<name>[<key>].<attribute>
const REFERENCE = /(?<![\w.])(data\.)?(aws_[a-z0-9_]+)\.([a-z0-9_]+)(?:\[[^\]]*\])?\.([a-z0-9_]+)/g;

function checkReferences(parsed, problems) {
  const visit = (node) => {
    if (typeof node === 'string') {
      for (const m of node.matchAll(REFERENCE)) {
        const kind = m[1] ? 'data' : 'resource';
        const known = tfSchema.attributes[kind][m[2]];
        if (!known) problems.push(`${m[0]}: ${kind} ${m[2]} does not exist in ${tfSchema.provider}`);
        else if (!known.includes(m[4])) problems.push(`${m[0]}: ${m[4]} is not an attribute of ${kind} ${m[2]} in ${tfSchema.provider}`);
      }
    } else if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') Object.values(node).forEach(visit);
  };
  visit(parsed);
}

(async () => {
  for (const file of terraform) {
    let parsed = null;
    try {
      parsed = await parseHcl(path.basename(file), fs.readFileSync(file, 'utf8'));
      check(`hcl2 ${path.relative(searchRoot, file)}`, []);
    } catch (e) {
      check(`hcl2 ${path.relative(searchRoot, file)}`, [String(e && e.message || e)]);
    }
    if (parsed) {
      const problems = [];
      checkTerraform(parsed, problems);
      checkReferences(parsed, problems);
      checkProviderConstraint(parsed, problems);
      check(`provider schema ${path.relative(searchRoot, file)}`, problems);
    }
  }
  if (templates.length === 0 || terraform.length === 0) {
    failures.push('no generated output found under ' + searchRoot);
  }
  console.log(`${passed} passed, ${failures.length} failed`);
  process.exit(failures.length === 0 ? 0 : 1);
})();
