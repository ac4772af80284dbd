/** Importing this module makes Arrow IPC and Parquet available to DML read/write (see columnar.ts). */
import { readArrowFile, writeArrowFile } from './arrow.js';
import { registerColumnarIo } from './columnar.js';
import { readParquetFile, writeParquetFile } from './parquet.js';

registerColumnarIo({ readArrowFile, writeArrowFile, readParquetFile, writeParquetFile });
