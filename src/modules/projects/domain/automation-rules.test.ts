import { describe, expect, it } from 'vitest';
import { ruleInput } from '../automation-contract.js';
import { conditionsHold, ruleProblem } from './automation-rules.js';

const rule = (value: unknown) => ruleInput.parse(value);

describe('automation rules', () => {
  it('tests conditions case-insensitively, numbers with a German comma', () => {
    const payload = { category: 'energieausweis', daysLeft: 30 };
    expect(conditionsHold([{ field: 'category', op: 'equals', value: 'Energieausweis' }], payload)).toBe(
      true,
    );
    expect(conditionsHold([{ field: 'daysLeft', op: 'at_most', value: '30,0' }], payload)).toBe(true);
    expect(conditionsHold([{ field: 'daysLeft', op: 'at_least', value: '31' }], payload)).toBe(false);
    expect(conditionsHold([], payload)).toBe(true);
  });

  it('refuses a rule that would trigger itself, and accepts the narrowed one', () => {
    const loops = rule({
      name: 'Kette',
      trigger: 'task.completed',
      actions: [{ type: 'complete_tasks', titleContains: 'Schritt' }],
    });
    expect(ruleProblem(loops)).toMatch(/würde sich selbst auslösen/);
    const narrowed = rule({
      ...loops,
      conditions: [{ field: 'title', op: 'contains', value: 'Beurkundung' }],
    });
    expect(ruleProblem(narrowed)).toBeNull();
  });

  it('fits actions and conditions to the trigger', () => {
    expect(
      ruleProblem(
        rule({ name: 'x', trigger: 'document.filed', actions: [{ type: 'assign_task', userId: 'u1' }] }),
      ),
    ).toMatch(/Aufgabe betreffen/);
    expect(
      ruleProblem(
        rule({
          name: 'x',
          trigger: 'document.filed',
          actions: [{ type: 'send_email', subject: 'a', body: 'b' }],
        }),
      ),
    ).toMatch(/Kontakt/);
    expect(
      ruleProblem(
        rule({
          name: 'x',
          trigger: 'document.filed',
          conditions: [{ field: 'source', op: 'equals', value: 'website' }],
          actions: [{ type: 'complete_tasks', titleContains: 'Energieausweis' }],
        }),
      ),
    ).toMatch(/„source“/);
  });
});
