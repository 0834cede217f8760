export type DbKind = 'sqlite' | 'postgres';

export interface BenchArgs {
  db: DbKind;
  scale: number;
  seed: number;
  fresh: boolean;
  /** Seconds per HTTP load phase. */
  duration: number;
  connections: number;
  only: string[] | null;
  compare: [string, string] | null;
  pgUrl: string;
}

/** `--db sqlite|postgres --scale 0.1 --seed 1 --fresh --duration 10 --connections 32 --only list,search --compare a.json b.json` */
export function parseArgs(argv: readonly string[]): BenchArgs {
  const out: BenchArgs = {
    db: 'sqlite',
    scale: 1,
    seed: 20261126,
    fresh: false,
    duration: 10,
    connections: 32,
    only: null,
    compare: null,
    pgUrl: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const v = () => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${a} needs a value`);
      return x;
    };
    switch (a) {
      case '--db': {
        const x = v();
        if (x !== 'sqlite' && x !== 'postgres') throw new Error('--db sqlite|postgres');
        out.db = x;
        break;
      }
      case '--scale':
        out.scale = Number(v());
        if (!(out.scale > 0 && out.scale <= 1)) throw new Error('--scale is in (0, 1]');
        break;
      case '--seed':
        out.seed = Number(v());
        break;
      case '--fresh':
        out.fresh = true;
        break;
      case '--duration':
        out.duration = Number(v());
        break;
      case '--connections':
        out.connections = Number(v());
        break;
      case '--only':
        out.only = v().split(',');
        break;
      case '--pg-url':
        out.pgUrl = v();
        break;
      case '--compare':
        out.compare = [v(), v()];
        break;
      default:
        throw new Error(`unknown argument ${a}`);
    }
  }
  return out;
}

/** The name under bench/out/ (and the PostgreSQL database) for a data set. */
export function dataSetName(a: Pick<BenchArgs, 'db' | 'scale' | 'seed'>): string {
  return `${a.db}-s${String(a.scale).replace('.', '_')}-seed${a.seed}`;
}
