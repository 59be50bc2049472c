import { describe, expect, it } from 'vitest';
import { templateTaskSchema } from '../contract.js';
import { templateProblem } from './template-check.js';
import { BUILT_IN_TEMPLATES } from './workflow-templates.js';

const categories = [
  'energieausweis',
  'grundbuchauszug',
  'flurkarte',
  'teilungserklaerung',
  'baubeschreibung',
  'weg_protokoll',
];
const task = (key: string, dependsOn: string[] = []) =>
  templateTaskSchema.parse({ key, title: key.toUpperCase(), durationDays: 1, dependsOn });

describe('templateProblem', () => {
  it('accepts the four built-in workflows', () => {
    for (const template of BUILT_IN_TEMPLATES)
      expect(templateProblem(template.tasks, categories), template.key).toBeNull();
  });

  it('names duplicates, unknown links, unknown categories and cycles', () => {
    expect(templateProblem([task('a'), task('a')], categories)).toMatch(/zweimal/);
    expect(templateProblem([task('a', ['b'])], categories)).toMatch(/„b“/);
    expect(templateProblem([task('a', ['b']), task('b', ['a'])], categories)).toBe(
      'Die Abhängigkeiten bilden einen Kreis: A → B → A.',
    );
    expect(templateProblem([{ ...task('a'), documentCategory: 'steuerbescheid' }], categories)).toMatch(
      /steuerbescheid/,
    );
  });
});
