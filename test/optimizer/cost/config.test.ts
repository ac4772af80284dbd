import { describe, expect, it } from 'vitest';
import { defaultConfig, GB, parseBytes, parseConfig } from '../../../src/common/config.js';

describe('configuration', () => {
  it('parses every documented key', () => {
    const c = parseConfig(
      JSON.stringify({
        memory: '8GB',
        threads: 4,
        blasGflops: 100,
        memoryBandwidthGBs: 20,
        execMode: 'singlenode',
        gpuMode: 'off',
        gpu: { memory: '16GB', gflops: 9000, bandwidthGBs: 900, transferGBs: 12, latencyUs: 5 },
        cluster: {
          ranks: 8,
          memoryPerRank: 4294967296,
          gflopsPerRank: 40,
          networkGBs: 1.25,
          networkLatencyUs: 30,
          watchdogSeconds: 120,
          opOverheadUs: 250,
        },
      }),
      'c.json',
    );
    expect(c.memoryBytes).toBe(8 * GB);
    expect(c.threads).toBe(4);
    expect(c.execMode).toBe('singlenode');
    expect(c.gpu?.memoryBytes).toBe(16 * GB);
    expect(c.cluster?.ranks).toBe(8);
    expect(c.cluster?.memoryPerRankBytes).toBe(4 * GB);
    expect(c.cluster?.watchdogSeconds).toBe(120);
    expect(c.cluster?.opOverheadUs).toBe(250);
    expect(() => parseConfig('{"cluster": {"watchdogSeconds": 1.5}}', 'c.json')).toThrow(/whole number of seconds/);
  });

  it('switches dynamic recompilation off', () => {
    expect(parseConfig('{"dynamicRecompilation": false}', 'c.json').dynamicRecompilation).toBe(false);
    expect(() => parseConfig('{"dynamicRecompilation": "no"}', 'c.json')).toThrow(/true or false/);
  });

  it('keeps defaults for keys not given', () => {
    const c = parseConfig('{}', 'c.json');
    expect(c.execMode).toBe('hybrid');
    expect(c.gpuMode).toBe('off');
    expect(c.memoryBytes).toBe(defaultConfig().memoryBytes);
  });

  it('rejects unknown keys naming the key and the file, also nested ones', () => {
    expect(() => parseConfig('{"memroy": "1GB"}', 'my.json')).toThrow(/DML7103.*'memroy'.*my\.json/);
    expect(() => parseConfig('{"gpu": {"mem": 1}}', 'my.json')).toThrow(/'gpu\.mem'/);
  });

  it('rejects bad values and bad JSON with clear messages', () => {
    expect(() => parseConfig('{"threads": 1.5}', 'c.json')).toThrow(/DML7104.*threads.*positive integer/);
    expect(() => parseConfig('{"execMode": "spark2"}', 'c.json')).toThrow(/one of singlenode, hybrid, dist/);
    expect(() => parseConfig('{', 'c.json')).toThrow(/DML7102/);
    expect(() => parseConfig('[1]', 'c.json')).toThrow(/must be an object/);
  });

  it('parses byte counts with units', () => {
    expect(parseBytes(1024, 'm', 'f')).toBe(1024);
    expect(parseBytes('512MB', 'm', 'f')).toBe(512 * 1024 ** 2);
    expect(parseBytes('1.5g', 'm', 'f')).toBe(1.5 * GB);
    expect(() => parseBytes('lots', 'm', 'f')).toThrow(/byte count/);
  });
});
