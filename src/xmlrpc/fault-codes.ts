// Fault codes from the "specification for fault code interoperability" (xmlrpc-epi; protocols §4.5).
export const FaultCodes = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32500,
} as const;
