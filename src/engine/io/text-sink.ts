/**
 * Text writers emit their output in chunks of about a megabyte instead of building one string:
 * a V8 string cannot exceed ~512 MB ("Invalid string length"), and a large CSV must stream to its
 * file. `collect` joins the chunks for small outputs and tests.
 */
export type Emit = (chunk: string) => void;

/** Chunk size: large enough that the per-write cost vanishes, small enough to stay in cache. */
const CHUNK_CHARS = 1 << 20;

export class TextSink {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly emit: Emit) {}

  push(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= CHUNK_CHARS) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    this.emit(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

/** Runs a streaming writer into a sink and returns everything it wrote as one string. */
export function collect(write: (sink: TextSink) => void): string {
  const chunks: string[] = [];
  const sink = new TextSink((c) => chunks.push(c));
  write(sink);
  sink.flush();
  return chunks.join('');
}

/** File content produced by a streaming writer (see atomic-write.ts). */
export interface StreamedText {
  readonly stream: (emit: Emit) => void;
}

/** A streaming writer as file content: the writer runs while the file is written. */
export function streamed(write: (sink: TextSink) => void): StreamedText {
  return {
    stream: (emit) => {
      const sink = new TextSink(emit);
      write(sink);
      sink.flush();
    },
  };
}
