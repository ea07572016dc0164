// Positional-parameter checks shared by every method: arity and types, each refusal a -32602 fault naming
// the parameter, so a client sees what it sent wrong (FCI "invalid method parameters").
import { FaultCodes } from './fault-codes.js';
import { XmlRpcFault } from './registry.js';
import { MAX_ROW_ID } from '../db/row-id.js';

export type Struct = Record<string, unknown>;

export function invalidParams(message: string): XmlRpcFault {
  return new XmlRpcFault(FaultCodes.invalidParams, message);
}

/** Refuses fewer than `min` or more than `max` parameters. */
export function expectArity(params: unknown[], min: number, max = min): void {
  if (params.length < min || params.length > max) {
    const wanted = min === max ? `${min}` : `${min} to ${max}`;
    throw invalidParams(`Wrong number of parameters: expected ${wanted}, got ${params.length}.`);
  }
}

/** A string; numbers are accepted as their text, since some clients send numeric usernames or ids untyped-typed. */
export function stringParam(value: unknown, name: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw invalidParams(`Parameter ${name} must be a string.`);
}

/** A positive integer id sent as <int> or as a string of digits (WordPress clients do both). */
export function idParam(value: unknown, name: string): number {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!/^\d{1,15}$/.test(text) || Number(text) < 1 || Number(text) > MAX_ROW_ID) throw invalidParams(`Parameter ${name} must be a positive integer id.`);
  return Number(text);
}

export function intParam(value: unknown, name: string, min: number, max: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw invalidParams(`Parameter ${name} must be an integer from ${min} to ${max}.`);
  return n;
}

/** XML-RPC has <boolean>, but clients also send 0/1 as ints or strings. */
export function boolParam(value: unknown, name: string): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true') return true;
  if (value === 0 || value === '0' || value === 'false' || value === '') return false;
  throw invalidParams(`Parameter ${name} must be a boolean.`);
}

export function structParam(value: unknown, name: string): Struct {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date || Buffer.isBuffer(value)) {
    throw invalidParams(`Parameter ${name} must be a struct.`);
  }
  return value as Struct;
}

/** An own member of a struct (never one inherited from Object.prototype, such as "constructor"). */
export function member(struct: Struct, key: string): unknown {
  return Object.hasOwn(struct, key) ? struct[key] : undefined;
}
