import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';
import { testDialects } from './support/databases.js';
import { seedDemo } from '../src/server/demo.js';
import { declaredAuditActions, PLATFORM_AUDIT_EVENTS } from '../src/server/core/audit/audit.events.js';
import { installedModules } from '../src/server/registry.js';
import { recordAudit } from '../src/server/core/audit/audit.service.js';

const ALL_AUDIT_ACTIONS = declaredAuditActions(installedModules);
// Every installed module's workflows, read from its plug: a new module's moves are declared by being in its plug.
const WORKFLOW_ACTIONS = installedModules
  .flatMap((m) => m.workflows ?? [])
  .flatMap((d) => [`${d.kind}.create`, ...Object.keys(d.actions).map((a) => `${d.kind}.${a}`)]);

/** Never called: `tsc --noEmit` (part of `npm test`) fails when an undeclared literal action compiles. */
export function undeclaredActionsDoNotCompile(t: TestApp): Promise<number>[] {
  const actor = { id: null, name: null, ip: null };
  return [
    // @ts-expect-error a misspelt action
    recordAudit(t.deps.db, t.deps.clock, { action: 'org.user_creat', actor }),
    // @ts-expect-error a module that declares no events
    recordAudit(t.deps.db, t.deps.clock, { action: 'payroll.export', actor }),
    // @ts-expect-error not `<module>.<verb>` at all
    recordAudit(t.deps.db, t.deps.clock, { action: 'login', actor }),
  ];
}

describe('the audit event catalogue', () => {
  it('names each event `<module>.<verb>` under its own module, once', () => {
    for (const [part, actions] of Object.entries(PLATFORM_AUDIT_EVENTS)) {
      for (const a of actions) expect(a).toMatch(new RegExp(`^${part}\\.[a-z][a-z_]*$`));
    }
    for (const m of installedModules) {
      for (const a of m.auditEvents ?? []) expect(a).toMatch(new RegExp(`^${m.name}\\.[a-z][a-z_]*$`));
    }
    expect(new Set(ALL_AUDIT_ACTIONS).size).toBe(ALL_AUDIT_ACTIONS.length);
    // A declared event never shadows a workflow transition of the same name.
    expect(ALL_AUDIT_ACTIONS.filter((a) => WORKFLOW_ACTIONS.includes(a))).toEqual([]);
  });
});

describe.each(testDialects())('stored audit actions on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemo(t.deps);
  }, 240_000);
  afterAll(async () => {
    await t.close();
  });

  it("are all declared: in the catalogue or by a module's workflow", async () => {
    const rows = await t.deps.db.selectFrom('audit_events').select('action').distinct().execute();
    const stored = rows.map((r) => r.action).sort();
    expect(stored.length).toBeGreaterThan(10);
    const declared = new Set<string>([...ALL_AUDIT_ACTIONS, ...WORKFLOW_ACTIONS]);
    expect(stored.filter((a) => !declared.has(a))).toEqual([]);
    expect(stored.some((a) => WORKFLOW_ACTIONS.includes(a))).toBe(true);
  });
});
