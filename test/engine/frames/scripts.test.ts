/**
 * End-to-end DML scripts over frames: read a CSV frame with a header, encode it, train lm on the
 * encoded matrix, apply the encoding to new data, decode, index frames. Expected values are
 * hand-computed (recode codes in order of first appearance, as SystemDS's ColumnEncoderRecode).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DmlRunError } from '../../../src/api/run.js';
import { printed, runDml } from '../../helpers/run.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-frames-'));
  // price = 10 * weight exactly on the complete rows; row 4 lacks weight, row 5 lacks price.
  writeFileSync(
    join(dir, 'cars.csv'),
    'color,size,weight,price\nred,S,1.0,10\nblue,M,2.0,20\nred,L,3.0,30\ngreen,M,,25\nblue,S,1.5,\n',
  );
  writeFileSync(join(dir, 'new.csv'), 'color,size,weight,price\nblue,XL,2.5,1\npink,S,4.0,2\n');
});

const readCars = (name = 'cars.csv'): string =>
  `F = read("${join(dir, name)}", data_type="frame", format="csv", header=TRUE)`;

describe('frames end to end', () => {
  it('reads a CSV frame with a header: dims, names, detected schema', () => {
    expect(
      printed(`${readCars()}
        print(nrow(F) + " " + ncol(F) + " " + length(F))
        print(toString(colnames(F)))
        S = detectSchema(F)
        print(as.scalar(S[1, 3]) + " " + as.scalar(S[1, 4]))`),
    ).toEqual([
      '5 4 20',
      '# FRAME: nrow = 1, ncol = 4\n# C1 C2 C3 C4\n# STRING STRING STRING STRING\ncolor size weight price\n',
      'FP64 INT64',
    ]);
  });

  it('encodes (recode, dummycode, impute, omit), trains lm on X and decodes back', () => {
    const out = printed(`${readCars()}
      spec = "{\\"recode\\": [\\"color\\"], \\"dummycode\\": [\\"size\\"],
        \\"impute\\": [{\\"name\\": \\"weight\\", \\"method\\": \\"global_mean\\"}], \\"omit\\": [\\"price\\"]}"
      [X, M] = transformencode(target=F, spec=spec)
      print(nrow(X) + "x" + ncol(X))
      print(toString(X[, 1]))
      print(toString(X[4, ]))
      print(as.scalar(M[3, 1]))
      y = X[, ncol(X)]
      w = X[, 5]
      B = lm(X=w, y=y, icpt=0, verbose=FALSE)
      print(round(as.scalar(B[1, 1]) * 1000) / 1000)
      G = transformdecode(target=X, spec=spec, meta=M)
      print(as.scalar(G[3, 1]) + " " + as.scalar(G[4, 2]) + " " + as.scalar(G[4, 3]))`);
    expect(out[0]).toBe('4x6');
    // color recode: red 1, blue 2, green 3 (row 5 omitted: no price)
    expect(out[1]).toBe('1.000\n2.000\n1.000\n3.000\n');
    // row 4: green, M (one-hot S M L -> 0 1 0), weight imputed to mean(1, 2, 3, 1.5) = 1.875, 25
    expect(out[2]).toBe('3.000 0.000 1.000 0.000 1.875 25.000\n');
    expect(out[3]).toBe('green\u00b73');
    // least squares through the origin of price on weight over the 4 rows
    // sum(w*y) / sum(w^2) = (10 + 40 + 90 + 46.875) / (1 + 4 + 9 + 3.515625)
    expect(Number(out[4])).toBeCloseTo(Math.round((186.875 / 17.515625) * 1000) / 1000, 6);
    expect(out[5]).toBe('red M 1.875');
  });

  it('applies the encoding to new data: unseen tokens give NaN, unseen dummy levels all zeros', () => {
    const out = printed(`${readCars()}
      N = read("${join(dir, 'new.csv')}", data_type="frame", format="csv", header=TRUE)
      spec = "{recode: [color], dummycode: [size], bin: [{name: weight, method: equi-width, numbins: 2}]}"
      [X, M] = transformencode(target=F, spec=spec)
      Y = transformapply(target=N, spec=spec, meta=M)
      print(toString(Y))`);
    // weight bins over [1, 3]: [1, 2], [2, 3]; 2.5 -> 2, 4.0 clamps to 2.
    expect(out).toEqual(['2.000 0.000 0.000 0.000 2.000 1.000\nNaN 1.000 0.000 0.000 2.000 2.000\n']);
  });

  it('writes the metadata frame to CSV and applies/decodes with the frame read back', () => {
    const meta = join(dir, 'meta.csv');
    const out = printed(`${readCars()}
      spec = "{recode: [color], dummycode: [size], bin: [{name: weight, method: equi-height, numbins: 2}]}"
      [X, M] = transformencode(target=F, spec=spec)
      write(M, "${meta}", format="csv", header=TRUE)
      M2 = read("${meta}", data_type="frame", format="csv", header=TRUE)
      print(as.scalar(M2[2, 3]))
      Y = transformapply(target=F, spec=spec, meta=M2)
      print(sum(abs(replace(target=X - Y, pattern=0/0, replacement=0))) + " " + sum(is.na(Y)))
      G = transformdecode(target=Y, spec=spec, meta=M2)
      print(as.scalar(G[3, 1]) + " " + as.scalar(G[3, 2]) + " " + as.scalar(G[3, 3]))`);
    // equi-height over sorted weights 1, 1.5, 2, 3 in 2 bins: [1, 1.5], [1.5, 3]; 3.0 decodes to 2.25.
    expect(out).toEqual(['1.5\u00b73.0', '0.0 2.0', 'red L 2.25']);
  });

  it('reports frame indexing out of bounds as a frame', () => {
    expect(() => runDml('F = frame("a", rows=2, cols=2)\nF[3, 1] = "b"\nprint(toString(F))')).toThrow(
      /out of bounds: \[3:3, 1:1\] of a 2x2 frame/,
    );
    expect(() => runDml('F = frame("a", rows=2, cols=2)\nG = F[1:2, 3]\nprint(toString(G))')).toThrow(
      /2x2 frame/,
    );
  });

  it('indexes frames: slices stay frames, as.scalar reads a cell, left indexing converts types', () => {
    expect(
      printed(`${readCars()}
        G = F[2:3, 1:2]
        print(nrow(G) + " " + ncol(G) + " " + as.scalar(G[2, 1]))
        F[1, 1] = "purple"
        print(as.scalar(F[1, 1]))
        H = as.frame(matrix("1 2 3 4", rows=2, cols=2))
        H[2, ] = as.frame(matrix("7 8", rows=1, cols=2))
        print(toString(as.matrix(H)))
        H[1, 2] = 9
        print(sum(as.matrix(H)))`),
    ).toEqual(['2 2 red', 'purple', '1.000 2.000\n7.000 8.000\n', '25.0']);
  });

  it('converts matrices and scalars with as.frame and frames with as.matrix', () => {
    expect(
      printed(`
        F = as.frame(matrix("1 2 3 4 5 6", rows=3, cols=2))
        print(toString(F))
        s = as.frame("hi")
        print(nrow(s) + " " + as.scalar(s))
        print(sum(as.matrix(F)))`),
    ).toEqual([
      '# FRAME: nrow = 3, ncol = 2\n# C1 C2\n# FP64 FP64\n1.000 2.000\n3.000 4.000\n5.000 6.000\n',
      '1 hi',
      '21.0',
    ]);
  });

  it('as.matrix of a non-numeric string column is an error naming the column', () => {
    const r = (() => {
      try {
        runDml(`${readCars()}\nX = as.matrix(F)\nprint(sum(X))`);
        return undefined;
      } catch (e) {
        return e as Error;
      }
    })();
    expect(r).toBeInstanceOf(DmlRunError);
    expect(r!.message).toMatch(/color/);
  });

  it('applySchema converts columns; frame() builds frames; rbind/cbind of frames', () => {
    expect(
      printed(`${readCars()}
        S = detectSchema(F)
        G = applySchema(F[1:3, ], S)
        print(sum(as.matrix(G[, 3:4])))
        E = frame("x", rows=2, cols=3)
        print(nrow(rbind(E, E)) + " " + ncol(cbind(E, E)))`),
    ).toEqual(['66.0', '4 6']);
  });

  it('frames pass through user functions typed Frame[String]', () => {
    expect(
      printed(`
        f = function(Frame[String] F) return (Matrix[Double] X) {
          [X, M] = transformencode(target=F, spec="{ids: true, recode: [1]}")
        }
        F = frame("b", rows=3, cols=1)
        F[2, 1] = "a"
        print(toString(t(f(F))))`),
    ).toEqual(['1.000 2.000 1.000\n']);
  });

  it('reports spec errors at run time with a clear message', () => {
    expect(() =>
      runDml(
        `F = frame("a", rows=2, cols=1)\n[X, M] = transformencode(target=F, spec="{recode: [nope]}")\nprint(sum(X))`,
      ),
    ).toThrow(/no column named 'nope'/);
    expect(() =>
      runDml('X = matrix(1, 2, 2)\n[A, M] = transformencode(target=X, spec="{}")\nprint(sum(A))'),
    ).toThrow(/expects a frame/);
  });
});

describe('removeEmpty on frames', () => {
  it('drops all-empty rows and keeps the frame type for the analysis', () => {
    const out = printed(`F = as.frame(matrix("1 0 3 0 0 0 5 0 6", rows=3, cols=3))
G = removeEmpty(target=F, margin="rows")
print(nrow(G) + " " + ncol(G))
print(as.scalar(G[2, 3]))`);
    expect(out).toEqual(['2 3', '6.0']);
  });
});
