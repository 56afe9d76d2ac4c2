import { MAX_ERRORS, type ImportError } from './result.ts';

/** Collects the problems of one file, up to MAX_ERRORS, counting the rest. */
export class Problems {
  readonly list: ImportError[] = [];
  private dropped = 0;

  constructor(readonly file: string) {}

  add(line: number, field: string, message: string): void {
    if (this.list.length < MAX_ERRORS) this.list.push({ file: this.file, line, field, message });
    else this.dropped++;
  }

  /** How many problems were found, listed or not. */
  get count(): number {
    return this.list.length + this.dropped;
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  /** The list to report, ending with a note of how many more were not listed. */
  report(): ImportError[] {
    if (this.dropped === 0) return this.list;
    return [...this.list, { file: this.file, line: 0, field: '', message: `dan ${this.dropped.toLocaleString('id-ID')} kesalahan lain yang tidak ditampilkan` }];
  }
}
