/** A request for a run that cannot be honoured; the message names the option or field at fault. */
export class RunInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunInputError';
  }
}
