/**
 * One worker process per work dir: two would share workspaces and a chunk cache without
 * coordinating their writes. The lock is a pid file created exclusively; one left by a process
 * that is gone (SIGKILL, power loss) is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pidAlive } from '../../runs/run-ownership.ts';

export function lockWorkDir(workDir: string): () => void {
  fs.mkdirSync(workDir, { recursive: true });
  const file = path.join(workDir, 'worker.pid');
  for (let i = 0; i < 2; i++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && pidAlive(pid))
        throw new Error(
          `the work dir ${workDir} is used by worker process ${pid}; give this one another --work-dir`,
        );
      fs.rmSync(file, { force: true }); // its owner is gone
    }
  }
  throw new Error(`could not lock the work dir ${workDir}`);
}
