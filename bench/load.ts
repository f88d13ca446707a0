/** `pnpm bench:load`: the 60 s profile-read load run (load/run.ts), named like the other benchmarks. */
import './load/run.js';
