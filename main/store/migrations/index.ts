import type { Migration } from './migration.ts';
import { migration0001 } from './0001_wilayah.ts';
import { migration0002 } from './0002_pemilihan.ts';
import { migration0003 } from './0003_chasil.ts';
import { migration0004 } from './0004_intake.ts';
import { migration0005 } from './0005_pleno.ts';

/** Every schema step in order. Append new ones; never edit or reorder shipped ones. */
export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005];

export type { Migration };
