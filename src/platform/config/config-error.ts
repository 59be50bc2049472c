/** A configuration problem the operator must fix; the message names the variable. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly problems: { variable: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}
