/**
 * Where the run was resumed in place (checkpoints:resumes), for the timeline's crash and resume
 * marks; read again when the checkpoints or the run's status change (a resume adds one). The
 * marks are informational: a failure to read them leaves them out, it is not an error to show.
 */
import { useEffect, useState } from 'react';
import type { RunResumeMark } from '../../../../shared/dto.ts';
import { api } from '../run/backend.ts';

export function useResumeMarks(runId: string, ...refreshOn: unknown[]): RunResumeMark[] {
  const [resumes, setResumes] = useState<RunResumeMark[]>([]);
  useEffect(() => {
    let current = true;
    api.invoke('checkpoints:resumes', { runId }).then(
      (r) => current && setResumes(r),
      () => undefined,
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- refreshOn is the trigger list
  }, [runId, ...refreshOn]);
  return resumes;
}
