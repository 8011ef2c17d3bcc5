import { createDataSource } from '../../db/data-source';
import { ManualClock } from '../../lib/clock';
import { createLogger } from '../../lib/logger';
import { BranchDirectory } from './branch-directory';

describe('the branch directory', () => {
  it('answers BRANCHES_NOT_READY, not a 500, when it has no index yet and the database cannot give one', async () => {
    const unreachable = createDataSource({ kind: 'sqlite', path: ':memory:' }); // never initialised
    const dir = new BranchDirectory(unreachable, new ManualClock(), createLogger('silent'));
    await expect(dir.snapshot()).rejects.toMatchObject({ code: 'BRANCHES_NOT_READY', status: 503 });
  });
});
