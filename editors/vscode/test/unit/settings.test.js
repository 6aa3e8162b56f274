// Unit tests of the settings mapping (out/settings.js): VS Code's `remit`
// section -> the settings object remit-lsp reads (docs/lsp.md "Settings").
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { toServerSettings, expandPath, isCalendarDate } = require('../../out/settings.js');

const ws = path.resolve('/work/model');

test('the defaults map to the default profile with empty tables', () => {
  const { settings, warnings } = toServerSettings({
    checks: { profile: 'default', severities: {}, thresholds: {} },
    stdlib: { path: '' },
    asOf: '',
  });
  assert.deepEqual(settings, { checks: { profile: 'default', severities: {}, thresholds: {} } });
  assert.deepEqual(warnings, []);
});

test('a missing or empty section still resets every check setting', () => {
  for (const section of [undefined, null, {}, [], 'x']) {
    const { settings } = toServerSettings(section);
    assert.deepEqual(settings, { checks: { profile: 'default', severities: {}, thresholds: {} } });
  }
});

test('every setting is forwarded in the server shape', () => {
  const { settings, warnings } = toServerSettings(
    {
      checks: {
        profile: 'strict',
        severities: { 'bottleneck.owner-load': 'error', 'unused.role': 'off', 'handoff.no-sla': 'note' },
        thresholds: { 'bottleneck.owner-load': 12, 'escalation.too-deep': 0 },
      },
      stdlib: { path: '/opt/remit/stdlib' },
      asOf: '2026-12-31',
    },
    { workspaceFolder: ws },
  );
  assert.deepEqual(warnings, []);
  assert.deepEqual(settings, {
    checks: {
      profile: 'strict',
      severities: { 'bottleneck.owner-load': 'error', 'unused.role': 'off', 'handoff.no-sla': 'note' },
      thresholds: { 'bottleneck.owner-load': 12, 'escalation.too-deep': 0 },
    },
    stdlib: { path: '/opt/remit/stdlib' },
    asOf: '2026-12-31',
  });
  // What goes over the wire is plain JSON.
  assert.deepEqual(JSON.parse(JSON.stringify(settings)), settings);
});

test('flat dotted keys (as in settings.json) are read as well as nested ones', () => {
  const { settings } = toServerSettings({
    'checks.profile': 'strict',
    'checks.severities': { 'unused.role': 'warning' },
    'stdlib.path': '/std',
    asOf: '2027-01-01',
  });
  assert.equal(settings.checks.profile, 'strict');
  assert.deepEqual(settings.checks.severities, { 'unused.role': 'warning' });
  assert.deepEqual(settings.stdlib, { path: '/std' });
  assert.equal(settings.asOf, '2027-01-01');
});

test('invalid values are dropped with a warning each', () => {
  const { settings, warnings } = toServerSettings({
    checks: {
      profile: 'paranoid',
      severities: { 'unused.role': 'fatal', 'ownership.double': 3, 'sod.violation': 'error' },
      thresholds: { 'bottleneck.owner-load': -1, 'escalation.too-deep': 2.5, 'a.b': '7', 'key-person.single-point': 3 },
    },
    asOf: '2026-02-30',
  });
  assert.equal(settings.checks.profile, 'default');
  assert.deepEqual(settings.checks.severities, { 'sod.violation': 'error' });
  assert.deepEqual(settings.checks.thresholds, { 'key-person.single-point': 3 });
  assert.equal(settings.asOf, undefined);
  assert.equal(warnings.length, 1 + 2 + 3 + 1);
  assert.ok(warnings.some((w) => w.includes('paranoid')));
  assert.ok(warnings.some((w) => w.includes('2026-02-30')));
});

test('non-object severities and thresholds are reported', () => {
  const { settings, warnings } = toServerSettings({ checks: { severities: 'error', thresholds: [1] } });
  assert.deepEqual(settings.checks.severities, {});
  assert.deepEqual(settings.checks.thresholds, {});
  assert.equal(warnings.length, 2);
});

test('the stdlib path is expanded and made absolute', () => {
  const ctx = { workspaceFolder: ws, home: '/home/designer' };
  const map = (p) => toServerSettings({ stdlib: { path: p } }, ctx).settings.stdlib;
  assert.deepEqual(map('stdlib'), { path: path.join(ws, 'stdlib') });
  assert.deepEqual(map('./vendor/remit/'), { path: path.join(ws, 'vendor/remit') });
  assert.deepEqual(map('${workspaceFolder}/std'), { path: path.join(ws, 'std') });
  assert.deepEqual(map('~/remit/stdlib'), { path: path.join('/home/designer', 'remit/stdlib') });
  assert.deepEqual(map('  '), undefined);
  assert.deepEqual(map(42), undefined);
});

test('expandPath handles ${userHome}, ${env:...} and no workspace', () => {
  assert.equal(expandPath('${userHome}/x', { home: '/h' }), '/h/x');
  assert.equal(expandPath('${env:REMIT_TEST_DIR}/std', { home: '/h' }, { REMIT_TEST_DIR: '/e' }), '/e/std');
  assert.equal(expandPath('relative/std', {}), 'relative/std');
  assert.equal(expandPath('~', { home: '/h' }), '/h');
  assert.equal(expandPath('', {}), undefined);
});

test('asOf must be a real calendar date', () => {
  assert.ok(isCalendarDate('2026-12-31'));
  assert.ok(isCalendarDate('2028-02-29'));
  assert.ok(!isCalendarDate('2026-02-29'));
  assert.ok(!isCalendarDate('2026-6-30'));
  assert.ok(!isCalendarDate('2026-13-01'));
  assert.equal(toServerSettings({ asOf: ' 2026-06-30 ' }).settings.asOf, '2026-06-30');
});
