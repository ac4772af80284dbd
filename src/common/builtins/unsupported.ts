/**
 * SystemDS builtins Tessera knows of but does not implement yet. A call to one of these is
 * reported as "not supported yet" (DML9001) rather than as an unknown function, so users can
 * tell a typo from a missing feature.
 */

/** Native builtins (implemented in Java in SystemDS), by group. */
const NATIVE: Readonly<Record<string, readonly string[]>> = {
  'frames and transform': ['transformmeta', 'tokenize', 'valueSwap', 'freplicate', 'map'],
  'deep learning': [
    'conv2d',
    'conv2d_backward_filter',
    'conv2d_backward_data',
    'max_pool',
    'avg_pool',
    'max_pool_backward',
    'avg_pool_backward',
    'bias_add',
    'bias_multiply',
    'lstm',
    'lstm_backward',
    'batch_norm2d',
    'batch_norm2d_backward',
  ],
  signal: ['fft', 'ifft', 'fft_linearized', 'ifft_linearized', 'stft'],
  'compression and misc': [
    'compress',
    'decompress',
    'quantize_compress',
    'einsum',
    'rowClassMeet',
    'rcm',
    'countDistinct',
    'countDistinctApprox',
    'sqrtMatrixJava',
    'tensor',
    'sql',
    'federated',
    'local',
    'lineage',
  ],
  'higher-order': ['paramserv', 'autoDiff', 'evalList'],
};

/** DML-bodied builtins (SystemDS's scripts/builtin): Tessera's stdlib, arriving with the stdlib issue. */
const STDLIB: readonly string[] = [
  'lmPredictStats',
  'lasso',
  'cox',
  'km',
  'cspline',
  'csplineCG',
  'csplineDS',
  'gaussianClassifier',
  'xgboost',
  'xgboostPredictClassification',
  'xgboostPredictRegression',
  'knnbf',
  'dbscanApply',
  'ppca',
  'tSNE',
  'alsTopkPredict',
  'gnmf',
  'pnmf',
  'ffTrain',
  'ffPredict',
  'arima',
  'garch',
  'ses',
  'ema',
  'na_locf',
  'outlier',
  'mice',
  'scaleMinMax',
  'smote',
  'mape',
  'bivar',
  'skewness',
  'union',
  'intersect',
  'setdiff',
  'components',
  'pageRank',
  'hyperband',
  'sliceLine',
  'vectorToCsv',
  'sqrtMatrix',
  'img_brightness',
  'img_crop',
  'img_mirror',
  'img_rotate',
];

const INDEX: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const [group, names] of Object.entries(NATIVE)) for (const n of names) m.set(n, group);
  for (const n of STDLIB) if (!m.has(n)) m.set(n, 'stdlib');
  return m;
})();

/** Why `name` is not available, or undefined when Tessera does not know the name at all. */
export function unsupportedBuiltin(name: string): string | undefined {
  const group = INDEX.get(name);
  if (group === undefined) return undefined;
  return group === 'stdlib'
    ? `'${name}' is a SystemDS stdlib (DML-bodied) builtin that Tessera does not provide yet`
    : `'${name}' is a SystemDS builtin (${group}) that Tessera does not support yet`;
}

export function unsupportedBuiltinNames(): string[] {
  return [...INDEX.keys()].sort();
}
