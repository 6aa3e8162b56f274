#!/usr/bin/env node
// gen-grammar.js - writes syntaxes/remit.tmLanguage.json from the tables
// below, so the regular expressions are composed from named parts instead of
// being escaped by hand. The keyword and key lists follow grammar/Remit.g4 and
// compiler/AST/Schema.cpp; the stdlib names follow stdlib/std/*.remit.
//
//   node scripts/gen-grammar.js           rewrite the grammar
//   node scripts/gen-grammar.js --check   exit 1 when the committed file is stale
'use strict';
const fs = require('node:fs');
const path = require('node:path');

// ---- Lexical building blocks (Remit.g4) ------------------------------------
const NAME = '[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*';
const QNAME = `${NAME}(?:\\.${NAME})+`;
// A word ends where no name character, inner hyphen part or dotted part follows.
const END = '(?![A-Za-z0-9_]|-[A-Za-z0-9_]|\\.[A-Za-z_])';
// ... and starts where none precedes (a fixed-width look-behind).
const START = '(?<![A-Za-z0-9_.\\-])';
const word = (alternatives) => `${START}(?:${alternatives.join('|')})${END}`;
const cap = (alternatives) => `${START}(${alternatives.join('|')})${END}`;

// ---- Vocabulary ------------------------------------------------------------
const DECL_KEYWORDS = ['model', 'unit', 'role', 'person', 'forum', 'agent', 'metric',
  'objective', 'decision', 'handoff', 'tradeoff', 'mode', 'term', 'initiative',
  'authority', 'framework', 'unit_kind', 'interaction', 'checks', 'right'];
// Property keys of every declaration kind (Schema.cpp), flags excluded.
const PROPERTY_KEYS = ['framework', 'kind', 'lead', 'interacts_with', 'reports_to',
  'escalates_to', 'deputy', 'headcount', 'holds', 'members', 'chair', 'autonomy',
  'overseen_by', 'feeds', 'owner', 'maximize', 'minimize', 'tension', 'within', 'from',
  'to', 'artifact', 'accepted_by', 'prefer', 'decided_by', 'until', 'trigger', 'stage',
  'sponsor', 'problem_owner', 'outcome', 'agents', 'production_path', 'reduces', 'tier',
  'profile', 'severity', 'disable', 'threshold', 'separate', 'min', 'max'];
const FLAGS = ['final', 'frontline', 'retired', 'critical', 'gate', 'consult'];
// Words that introduce a later argument of a property.
const CONNECTORS = ['after', 'over', 'as', 'by', 'up_to', 'above'];
// The rights of the stdlib frameworks (raci, rapid, daci).
const STD_RIGHTS = ['responsible', 'accountable', 'consulted', 'informed', 'recommend',
  'agree', 'perform', 'input', 'decide', 'driver', 'approver', 'contributors'];
const STD_MODULES = ['raci', 'rapid', 'daci', 'topologies', 'profiles'];
const STD_FRAMEWORKS = ['raci', 'rapid', 'daci'];
const STD_UNIT_KINDS = ['stream_aligned', 'platform', 'enabling', 'complicated_subsystem'];
const STD_INTERACTIONS = ['collaboration', 'x_as_a_service', 'facilitating'];
const STD_PROFILES = ['default', 'strict'];
const AUTONOMY = ['suggest', 'act_with_approval', 'act'];
const METRIC_KINDS = ['business', 'output', 'technical'];
const STAGES = ['idea', 'pilot', 'scaling', 'production', 'retired'];
const LEVELS = ['error', 'warning', 'note', 'off'];
// The first part of every check name (`remitc explain` lists them).
const CHECK_CATEGORIES = ['file', 'input', 'import', 'property', 'value', 'decl',
  'annotation', 'name', 'right', 'framework', 'model', 'checks', 'ownership', 'rights',
  'sod', 'role', 'escalation', 'bottleneck', 'key-person', 'decision', 'handoff',
  'authority', 'unused', 'suppression', 'objective', 'tradeoff', 'mode', 'ai',
  'glossary', 'initiative', 'topology'];

const CHECK_NAME = `${START}(?:${CHECK_CATEGORIES.join('|')})\\.${NAME}${END}`;
const STD_QUALIFIED = `${START}(?:std(?:\\.${NAME})+|(?:${STD_MODULES.join('|')})(?:\\.${NAME})+)${END}`;
const S = '[ \\t]+';

// ---- Rules -----------------------------------------------------------------
const repository = {
  comments: {
    patterns: [
      {
        name: 'comment.block.remit',
        begin: '/\\*',
        end: '\\*/',
        beginCaptures: { 0: { name: 'punctuation.definition.comment.begin.remit' } },
        endCaptures: { 0: { name: 'punctuation.definition.comment.end.remit' } },
      },
      {
        name: 'comment.line.double-slash.remit',
        match: '(//).*$',
        captures: { 1: { name: 'punctuation.definition.comment.remit' } },
      },
    ],
  },
  import: {
    name: 'meta.import.remit',
    match: `${cap(['import'])}(?:${S}(?:(${STD_QUALIFIED})|(${QNAME}|${NAME})${END}))?`,
    captures: {
      1: { name: 'keyword.control.import.remit' },
      2: { name: 'support.class.stdlib.remit' },
      3: { name: 'entity.name.namespace.remit' },
    },
  },
  annotation: {
    patterns: [
      {
        name: 'meta.annotation.remit',
        begin: `(@)(${NAME})${END}[ \\t]*(\\()`,
        end: '\\)',
        beginCaptures: {
          1: { name: 'punctuation.definition.annotation.remit' },
          2: { name: 'storage.type.annotation.remit' },
          3: { name: 'punctuation.definition.arguments.begin.remit' },
        },
        endCaptures: { 0: { name: 'punctuation.definition.arguments.end.remit' } },
        patterns: [
          { include: '#comments' },
          { include: '#strings' },
          { name: 'keyword.other.connector.remit', match: word(['until']) },
          { include: '#numbers' },
          { name: 'support.constant.check.remit', match: `${START}(?:${QNAME}|syntax)${END}` },
          { include: '#names' },
          { include: '#punctuation' },
        ],
      },
      {
        name: 'meta.annotation.remit',
        match: `(@)(${NAME})${END}`,
        captures: {
          1: { name: 'punctuation.definition.annotation.remit' },
          2: { name: 'storage.type.annotation.remit' },
        },
      },
    ],
  },
  // A declaration: its keyword and the name after it (a `checks` block's name
  // is optional: `checks {`).
  'declarations-top': { patterns: DECL_KEYWORDS.map(declaration) },
  // Inside a block `framework` is the property of a model, decision or authority.
  'declarations-nested': { patterns: DECL_KEYWORDS.filter((k) => k !== 'framework').map(declaration) },
  block: {
    name: 'meta.block.remit',
    begin: '\\{',
    end: '\\}',
    beginCaptures: { 0: { name: 'punctuation.section.block.begin.remit' } },
    endCaptures: { 0: { name: 'punctuation.section.block.end.remit' } },
    patterns: [
      { include: '#comments' },
      { include: '#annotation' },
      { include: '#declarations-nested' },
      { include: '#properties' },
      { include: '#values' },
      { include: '#block' },
    ],
  },
  properties: {
    patterns: [
      // Keys whose next word is from a fixed vocabulary or a check name.
      contextual('autonomy', AUTONOMY, 'constant.language.enum.autonomy.remit'),
      contextual('kind', METRIC_KINDS, 'constant.language.enum.metric-kind.remit'),
      contextual('stage', STAGES, 'constant.language.enum.stage.remit'),
      contextual('framework', STD_FRAMEWORKS, 'support.class.stdlib.remit'),
      contextual('kind', STD_UNIT_KINDS, 'support.class.stdlib.remit'),
      contextual('profile', STD_PROFILES, 'support.class.stdlib.remit'),
      {
        match: `${cap(['as'])}${S}${cap(STD_INTERACTIONS)}`,
        captures: {
          1: { name: 'keyword.other.connector.remit' },
          2: { name: 'support.class.stdlib.remit' },
        },
      },
      {
        // severity CHECK LEVEL
        match: `${cap(['severity'])}${S}(${QNAME}|${NAME})${END}(?:${S}${cap(LEVELS)})?`,
        captures: {
          1: { name: 'support.type.property-name.remit' },
          2: { name: 'support.constant.check.remit' },
          3: { name: 'constant.language.enum.level.remit' },
        },
      },
      {
        // threshold CHECK N, disable CHECK, ...
        match: `${cap(['threshold', 'disable'])}${S}(${QNAME}|${NAME})${END}`,
        captures: {
          1: { name: 'support.type.property-name.remit' },
          2: { name: 'support.constant.check.remit' },
        },
      },
      { name: 'support.type.property-name.remit', match: word(PROPERTY_KEYS) },
      { name: 'keyword.other.right.remit', match: word(STD_RIGHTS) },
      { name: 'storage.modifier.flag.remit', match: word(FLAGS) },
      { name: 'keyword.other.connector.remit', match: word(CONNECTORS) },
    ],
  },
  strings: {
    name: 'string.quoted.double.remit',
    begin: '"',
    end: '"|$',
    beginCaptures: { 0: { name: 'punctuation.definition.string.begin.remit' } },
    endCaptures: { 0: { name: 'punctuation.definition.string.end.remit' } },
    patterns: [
      { name: 'constant.character.escape.remit', match: '\\\\["\\\\nt]' },
      { name: 'invalid.illegal.unknown-escape.remit', match: '\\\\.?' },
    ],
  },
  numbers: {
    patterns: [
      { name: 'constant.numeric.date.remit', match: `${START}[0-9]{4}-[0-9]{2}-[0-9]{2}${END}` },
      { name: 'invalid.illegal.date.remit', match: `${START}[0-9]+-[0-9-]*` },
      {
        name: 'constant.numeric.duration.remit',
        match: `${START}[0-9]+([hdw])${END}`,
        captures: { 1: { name: 'keyword.other.unit.remit' } },
      },
      { name: 'invalid.illegal.number.remit', match: `${START}[0-9]+[A-Za-z_][A-Za-z0-9_]*` },
      { name: 'constant.numeric.integer.remit', match: `${START}[0-9]+${END}` },
    ],
  },
  names: {
    patterns: [
      { name: 'support.constant.check.remit', match: CHECK_NAME },
      { name: 'support.class.stdlib.remit', match: STD_QUALIFIED },
      { name: 'variable.language.enterprise.remit', match: word(['enterprise']) },
      { name: 'variable.other.qualified.remit', match: `${START}${QNAME}${END}` },
      { name: 'variable.other.name.remit', match: `${START}${NAME}${END}` },
    ],
  },
  punctuation: {
    patterns: [
      { name: 'punctuation.separator.comma.remit', match: ',' },
      { name: 'punctuation.parenthesis.remit', match: '[()]' },
    ],
  },
  values: {
    patterns: [
      { include: '#strings' },
      { include: '#numbers' },
      { include: '#names' },
      { include: '#punctuation' },
    ],
  },
};

function declaration(keyword) {
  return {
    match: `${cap([keyword])}(?:${S}(${NAME})${END})?`,
    captures: {
      1: { name: `storage.type.${keyword.replace('_', '-')}.remit` },
      2: { name: `entity.name.type.${keyword.replace('_', '-')}.remit` },
    },
  };
}

function contextual(key, values, scope) {
  return {
    match: `${cap([key])}${S}${cap(values)}`,
    captures: {
      1: { name: 'support.type.property-name.remit' },
      2: { name: scope },
    },
  };
}

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Remit',
  scopeName: 'source.remit',
  fileTypes: ['remit'],
  comment: 'Generated by scripts/gen-grammar.js; edit that file, not this one.',
  patterns: [
    { include: '#comments' },
    { include: '#import' },
    { include: '#annotation' },
    { include: '#declarations-top' },
    { include: '#block' },
    { name: 'invalid.illegal.stray-brace.remit', match: '\\}' },
    { include: '#values' },
  ],
  repository,
};

const out = path.join(__dirname, '..', 'syntaxes', 'remit.tmLanguage.json');
const text = JSON.stringify(grammar, null, 2) + '\n';
if (process.argv.includes('--check')) {
  const current = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
  if (current !== text) {
    console.error('syntaxes/remit.tmLanguage.json is stale: run `node scripts/gen-grammar.js`');
    process.exit(1);
  }
  console.log('syntaxes/remit.tmLanguage.json is up to date');
} else {
  fs.writeFileSync(out, text);
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}
