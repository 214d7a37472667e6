/** Errors of the sweeps service, in a module of their own so every sweep module can throw them. */

/** A spec that cannot run: unknown strategy or param, a value outside the schema, no data… */
export class SweepInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SweepInputError';
  }
}

/** Another live process owns this sweep (like RunBusyError for a run). */
export class SweepBusyError extends Error {
  constructor(sweepId: string, pid: number) {
    super(
      `sweep ${sweepId} is being run by process ${pid}; stop it first (two processes must never run one sweep)`,
    );
    this.name = 'SweepBusyError';
  }
}

/** This session no longer owns its sweep: nothing was written. */
export class SweepFencedError extends Error {
  constructor(sweepId: string) {
    super(`sweep ${sweepId} was taken over by another session; this session's writes were refused`);
    this.name = 'SweepFencedError';
  }
}
