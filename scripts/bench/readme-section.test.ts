import { describe, expect, it } from 'vitest';
import { BEGIN_MARKER, BenchReportError, END_MARKER, parseBenchReport, renderBenchSection, replaceBenchSection } from './readme-section.js';

const RUN = JSON.stringify({
  machine: { cores: 2, cpuModel: 'Example CPU @ 2.00GHz', memoryGiB: 8, node: 'v20.20.2', platform: 'linux x64', date: '2026-12-02T01:30:00.000Z' },
  modules: [
    {
      name: 'store',
      title: 'Store: durable records/s',
      rows: [
        { met: 'no', mode: 'ceiling', 'records/s': 40000, limit: '', ratio: 1, goal: '' },
        { mode: 'group | 64 writers', 'records/s': 28000, 'p99 ms': 4.256, limit: 40000, ratio: 0.7, goal: '≥ 70 % at p99 ≤ 5 ms', met: true },
        { mode: 'one per record', 'records/s': 1500, extra: false },
      ],
      notes: ['ratio = records/s over the ceiling'],
    },
    { name: 'sync', title: 'Sync: drain', rows: [], error: 'central simulator exited with 1' },
  ],
});

describe('README benchmark section', () => {
  it('renders the machine, then each module with its own columns followed by limit, ratio, goal, met', () => {
    expect(renderBenchSection(parseBenchReport(RUN, 'run.json'))).toBe(`### Measured 2026-12-02 on 2 × Example CPU @ 2.00GHz, 8 GiB, Node v20.20.2 (linux x64)

One \`npm run bench\` run; its rows are in \`var/bench/latest.json\`. \`limit\` is what bounds the result on this machine, measured or computed in the same run; \`ratio\` is the result over it.

#### Store: durable records/s (\`store\`)

| mode | records/s | p99 ms | extra | limit | ratio | goal | met |
|---|---|---|---|---|---|---|---|
| ceiling | 40000 |  |  |  | 1 |  | no |
| group \\| 64 writers | 28000 | 4.26 |  | 40000 | 0.70 | ≥ 70 % at p99 ≤ 5 ms | yes |
| one per record | 1500 |  | no |  |  |  |  |

- ratio = records/s over the ceiling

#### Sync: drain (\`sync\`)

Failed in this run: central simulator exited with 1
`);
  });

  it('replaces only the text between the markers', () => {
    const readme = `# Kiosk\n\n## Benchmarks\n\nhand-written intro\n\n${BEGIN_MARKER}\nold table\n${END_MARKER}\n\nhand-written note\n`;
    expect(replaceBenchSection(readme, 'new table\n')).toBe(
      `# Kiosk\n\n## Benchmarks\n\nhand-written intro\n\n${BEGIN_MARKER}\nnew table\n${END_MARKER}\n\nhand-written note\n`,
    );
  });

  it('refuses a README without the markers, or with them in the wrong order', () => {
    expect(() => replaceBenchSection('# Kiosk\n', 'x')).toThrow(BenchReportError);
    expect(() => replaceBenchSection(`${END_MARKER}\n${BEGIN_MARKER}\n`, 'x')).toThrow(/in this order/);
  });

  it('names what is wrong with a file that is not a bench report', () => {
    expect(() => parseBenchReport('{"machine":', 'latest.json')).toThrow(/latest.json is not JSON/);
    expect(() => parseBenchReport(JSON.stringify({ machine: { cores: 0 }, modules: [] }), 'latest.json')).toThrow(/latest.json is not a bench report: machine.cores/);
  });
});
