import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { csvField, parseCsvRecord, readCsv } from '../../src/report/csv.ts';

describe('parseCsvRecord', () => {
  it.each([
    ['a,b,c', ['a', 'b', 'c']],
    ['a,,c', ['a', '', 'c']],
    ['', ['']],
    // a quoted comma stays in its field; doubled quotes are one quote
    ['"x,y",z', ['x,y', 'z']],
    ['"say ""hi""",1', ['say "hi"', '1']],
    ['1,"</script><!--"', ['1', '</script><!--']],
    // a field spanning a line break arrives joined with \n
    ['"two\nlines",2', ['two\nlines', '2']],
  ])('%j', (line, fields) => {
    expect(parseCsvRecord(line)).toEqual(fields);
  });

  it('reads back what csvField writes, whatever the text', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 6 }), (fields) => {
        const line = fields.map(csvField).join(',');
        // A record without quotes is split on commas; one field of "" is indistinguishable from none.
        expect(parseCsvRecord(line)).toEqual(fields);
      }),
    );
  });
});

describe('readCsv', () => {
  it('streams the header and rows, joining quoted line breaks and skipping blank lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-csv-'));
    const file = join(dir, 'a.csv');
    writeFileSync(file, 'time_s, cluster ,x\r\n0,"az\r\nb",1\r\n\r\n10,az-c,2');
    const rows: string[][] = [];
    let header: string[] = [];
    await readCsv(file, (h) => (header = h), (r) => rows.push(r));
    expect(header).toEqual(['time_s', 'cluster', 'x']);
    expect(rows).toEqual([
      // line endings inside a quoted field are normalised to \n
      ['0', 'az\nb', '1'],
      ['10', 'az-c', '2'],
    ]);
  });
});
