// Who vouches for a fact: the speaker is named with the office they held when the source
// reported what they said, from the roles the workspace records for them.
import { describe, expect, it } from 'vitest';
import { provenance, speakerOf } from '../../../src/core/facts/standing';
import { roleAt } from '../../../src/core/facts/roles';
import type { Workspace } from '../../../src/core/workspace/load';
import { factsFile, problems, source, vocabulary, workspaceOf } from '../../fixtures/workspace';

const SAID = 'Trade will grow.';
const sources = {
  'sources/report-2010.md': source({ id: 'report-2010', date: '2010-06' }, `${SAID}\n`),
  'sources/op-ed-2016.md': source({ id: 'op-ed-2016', estimate: '2016' }, `${SAID}\n`),
  'sources/briefing-2024.md': source({ id: 'briefing-2024', date: '2024-05-20' }, `${SAID}\n`),
};

/** Wang Yi, recorded as ambassador in 2016 (estimated) and as foreign minister on 20 May 2024. */
const entities = `- { id: china, name: China, type: country }
- { id: kazakhstan, name: Kazakhstan, type: country }
- id: wang-yi
  name: Wang Yi
  type: person
  country: china
  role: Minister (2030)
  roles:
    - { title: Foreign Minister of China, when: 2024-05-20, source: briefing-2024 }
    - { title: Ambassador of China to Kazakhstan, when: 2016, estimated: true, source: op-ed-2016 }
- { id: murat-nurtleu, name: Murat Nurtleu, type: person, role: "Foreign Minister of Kazakhstan (2024)" }
`;

/** A claim by `speaker`, reported by `from`. */
const claim = (id: string, from: string, speaker = 'wang-yi') => ({
  id,
  statement: `${speaker} said that trade would grow.`,
  topics: ['trade'],
  kind: 'claim',
  attribution: speaker,
  source: from,
  evidence: SAID,
});

function workspace(): Workspace {
  const ws = workspaceOf({
    ...vocabulary,
    ...sources,
    'entities.yaml': entities,
    'facts/said.yaml': factsFile([
      claim('said-2010', 'report-2010'),
      claim('said-2016', 'op-ed-2016'),
      claim('said-2024', 'briefing-2024'),
      claim('nurtleu-said-2024', 'briefing-2024', 'murat-nurtleu'),
    ]),
  });
  expect(problems(ws)).toEqual([]);
  return ws;
}

describe('the speaker of an attributed fact', () => {
  const ws = workspace();
  const fact = (id: string) => ws.factsById.get(id)!;

  it('is named with the role they held when the source reported the fact', () => {
    expect(speakerOf(ws, fact('said-2016'))).toBe('Wang Yi, Ambassador of China to Kazakhstan');
    expect(speakerOf(ws, fact('said-2024'))).toBe('Wang Yi, Foreign Minister of China');
    expect(provenance(ws, fact('said-2016'))).toBe('according to Wang Yi, Ambassador of China to Kazakhstan');
  });

  it('said before every role the sources record: the latest role', () => {
    expect(speakerOf(ws, fact('said-2010'))).toBe('Wang Yi, Foreign Minister of China');
  });

  it('with roles, the older one-line `role` is not read; without them it is, less the year in brackets', () => {
    expect(speakerOf(ws, fact('said-2024'))).not.toContain('2030');
    expect(speakerOf(ws, fact('nurtleu-said-2024'))).toBe('Murat Nurtleu, Foreign Minister of Kazakhstan');
  });

  it('without the office where a place is tight', () => {
    expect(speakerOf(ws, fact('said-2016'), false)).toBe('Wang Yi');
  });
});

describe('the role that applies on a date', () => {
  const role = (title: string, when?: string) => ({ title, ...(when ? { when } : {}), estimated: false, source: 's' });

  it('is the latest one dated by then: a role of May 2019 holds on 1 May 2019 and after', () => {
    const person = { roles: [role('Ambassador', '2016'), role('Minister', '2019-05'), role('Envoy', '2022')] };
    expect(roleAt(person, '2019-05-01')?.title).toBe('Minister');
    expect(roleAt(person, '2021')?.title).toBe('Minister');
    expect(roleAt(person, '2019-04')?.title).toBe('Ambassador');
  });

  it('before every dated role, one the sources do not date; else the latest', () => {
    expect(roleAt({ roles: [role('Minister', '2019'), role('Adviser')] }, '2010')?.title).toBe('Adviser');
    expect(roleAt({ roles: [role('Minister', '2019'), role('Envoy', '2022')] }, '2010')?.title).toBe('Envoy');
  });

  it('with no date asked, the latest', () => {
    expect(roleAt({ roles: [role('Envoy', '2022'), role('Ambassador', '2016')] })?.title).toBe('Envoy');
    expect(roleAt({ role: 'Minister (2019)' })).toBeUndefined();
  });
});
