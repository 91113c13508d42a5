import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { incidentsOf } from '../../dataset/dataset';
import { lookupVendor } from '../../dataset/lookup';
import { sortIncidents, summariseHistory } from '../../risk/history';
import { affectedCount, incidentDate } from '../../risk/severity';
import { describeAffected, describeHistory, INCIDENT_TYPE_LABEL, STATUS_LABEL } from '../../risk/describe';
import { parseArgs } from '../args';
import { loadBundledDataset } from '../bundled-dataset';
import type { Command } from '../io';

export const lookupCommand: Command = {
  name: 'lookup',
  summary: "print a vendor's profile and breach history",
  usage: 'vendor-risk lookup [--json] [--file LIST.txt] NAME...',
  async run(args, io) {
    const parsed = parseArgs(args, ['file'], ['json']);
    if (typeof parsed === 'string') {
      io.err(parsed);
      io.err(`usage: ${this.usage}`);
      return 2;
    }
    const queries = [...parsed.positional];
    const list = parsed.flags.get('file');
    if (typeof list === 'string') {
      try {
        const text = await readFile(resolve(io.cwd, list), 'utf8');
        queries.push(...text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
      } catch (error) {
        io.err(`${list}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
        return 1;
      }
    }
    if (queries.length === 0) {
      io.err('no vendor name given');
      io.err(`usage: ${this.usage}`);
      return 2;
    }
    const dataset = await loadBundledDataset();
    const now = new Date();
    const results = queries.map((query) => {
      const vendor = lookupVendor(dataset, query);
      const incidents = vendor ? sortIncidents(incidentsOf(dataset, vendor.id)) : [];
      return { query, vendor, incidents };
    });
    if (parsed.flags.has('json')) {
      io.out(
        JSON.stringify(
          results.map(({ query, vendor, incidents }) => ({
            query,
            vendor: vendor
              ? { id: vendor.id, name: vendor.name, aliases: vendor.aliases, domains: vendor.domains, category: vendor.category }
              : null,
            incidents: incidents.map((i) => ({
              id: i.id,
              title: i.title,
              date: incidentDate(i),
              type: i.type,
              affected: affectedCount(i.affected),
              affectedIsLowerBound: i.affected.kind === 'at-least',
              status: i.status,
              verified: i.verified,
              dataTypes: i.dataTypes,
              sources: i.sources.map((s) => s.url ?? s.title),
            })),
          })),
          null,
          2,
        ),
      );
      return 0;
    }
    for (const { query, vendor, incidents } of results) {
      if (!vendor) {
        io.out(`${query}: no vendor or organisation by that name, alias or domain in the dataset`);
        continue;
      }
      io.out(`${vendor.name} [${vendor.category}]${vendor.name === query ? '' : `  (for "${query}")`}`);
      if (vendor.aliases.length) io.out(`  also known as: ${vendor.aliases.join(', ')}`);
      if (vendor.domains.length) io.out(`  domains: ${vendor.domains.join(', ')}`);
      const summary = summariseHistory(incidents, now);
      io.out(`  severity ${summary.severity}: ${describeHistory(summary)}`);
      for (const i of incidents) {
        io.out(
          `  - ${incidentDate(i)}  ${INCIDENT_TYPE_LABEL[i.type]}; ${describeAffected(i)} people; ${STATUS_LABEL[i.status]}${i.verified ? '' : ' (unverified)'}`,
        );
        io.out(`      ${i.title}${i.dataTypes.length ? `; data: ${i.dataTypes.join(', ')}` : ''}`);
        for (const s of i.sources) io.out(`      source: ${s.title}${s.url ? ` <${s.url}>` : ''}`);
      }
    }
    return 0;
  },
};
