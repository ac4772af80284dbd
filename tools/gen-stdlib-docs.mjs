#!/usr/bin/env node
// Writes docs/stdlib.md from the stdlib files' doc headers (run after `npm run build`).
import { renameSync, writeFileSync } from 'node:fs';
import { renderStdlibMarkdown } from '../dist/language/stdlib-docs.js';

const target = new URL('../docs/stdlib.md', import.meta.url);
const tmp = new URL('../docs/stdlib.md.tmp', import.meta.url);
writeFileSync(tmp, renderStdlibMarkdown());
renameSync(tmp, target);
