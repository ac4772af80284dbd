import { describe, expect, it } from 'vitest';
import { DocHeaderError, formatDoc, parseDocHeader } from '../../src/language/stdlib-docs.js';

const sample = `# lm: linear regression by normal equations or CG.
#
# Longer description
# on two lines.
#
# INPUT:
#   NAME     TYPE            DEFAULT   MEANING
#   X        Matrix[Double]  required  Feature matrix, one row per example
#   icpt     Integer         0         Intercept: 0 none, 1 add a column of ones,
#                                      2 add ones and rescale
#   verbose  Boolean         TRUE      Print progress
#
# OUTPUT:
#   NAME     TYPE            MEANING
#   B        Matrix[Double]  Coefficients
m_lm = function(Matrix[Double] X) return (Matrix[Double] B) { B = X }
`;

describe('parseDocHeader', () => {
  it('reads name, summary, description and both tables', () => {
    const d = parseDocHeader(sample, 'lm.dml');
    expect(d.name).toBe('lm');
    expect(d.summary).toBe('linear regression by normal equations or CG.');
    expect(d.description).toBe('Longer description\non two lines.');
    expect(d.inputs.map((p) => [p.name, p.type, p.default])).toEqual([
      ['X', 'Matrix[Double]', 'required'],
      ['icpt', 'Integer', '0'],
      ['verbose', 'Boolean', 'TRUE'],
    ]);
    expect(d.inputs[1]!.meaning).toBe('Intercept: 0 none, 1 add a column of ones, 2 add ones and rescale');
    expect(d.outputs).toEqual([{ name: 'B', type: 'Matrix[Double]', meaning: 'Coefficients' }]);
  });
  it('formats help text with both tables', () => {
    const text = formatDoc(parseDocHeader(sample, 'lm.dml'));
    expect(text).toContain('lm: linear regression');
    expect(text).toMatch(/icpt\s+Integer\s+0\s+Intercept/);
    expect(text).toContain('OUTPUT:');
  });
  it('names the file when the header is malformed', () => {
    expect(() => parseDocHeader('X = 1\n', 'stdlib/bad.dml')).toThrow(DocHeaderError);
    expect(() => parseDocHeader('# bad: summary\n# INPUT:\n', 'stdlib/bad.dml')).toThrow(/stdlib\/bad.dml.*OUTPUT/);
    expect(() =>
      parseDocHeader('# bad: s\n#\n# INPUT:\n#   X  Matrix[Double]\n#\n# OUTPUT:\n', 'stdlib/bad.dml'),
    ).toThrow(/needs 4 columns/);
  });
});
