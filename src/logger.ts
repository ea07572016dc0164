// The logger every service, job and context holds: structured JSON lines, a context object first and a
// message second (pino's order, so the app's Fastify logger is one as it is). Plain code depends on this,
// never on Fastify's types, so jobs/ and the services stay free of the web framework.
export type LogContext = Record<string, unknown>;

export interface Logger {
  debug(context: LogContext, message: string): void;
  info(context: LogContext, message: string): void;
  warn(context: LogContext, message: string): void;
  error(context: LogContext, message: string): void;
  /** A logger that adds these fields to every line (a job's id and type). */
  child(bindings: LogContext): Logger;
}
