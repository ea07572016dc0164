// Types for the xmlrpc package's internal serializer/deserializer, which @types/xmlrpc does not declare.
// We use them directly so the wire format is exactly the library's, without its HTTP server and client.
declare module 'xmlrpc/lib/serializer.js' {
  export function serializeMethodCall(method: string, params: unknown[], encoding?: string): string;
  export function serializeMethodResponse(value: unknown): string;
  export function serializeFault(fault: unknown): string;
}

declare module 'xmlrpc/lib/deserializer.js' {
  namespace Deserializer {
    /** What the deserializer needs of its input: it sets the encoding, listens for errors and pipes into sax. */
    interface SaxWritable {
      write(chunk: string): unknown;
      end(): unknown;
    }
    interface InputStream {
      setEncoding(encoding: string): unknown;
      on(event: 'error', listener: (error: Error) => void): unknown;
      pipe(destination: SaxWritable): unknown;
    }
  }
  class Deserializer {
    constructor(encoding?: string);
    deserializeMethodCall(stream: Deserializer.InputStream, callback: (error: Error | null | undefined, methodName?: string, params?: unknown[]) => void): void;
    deserializeMethodResponse(stream: Deserializer.InputStream, callback: (error: (Error & { faultCode?: unknown; faultString?: unknown }) | null | undefined, value?: unknown) => void): void;
  }
  export = Deserializer;
}

declare module 'xmlrpc/lib/customtype.js' {
  class CustomType {
    constructor(raw: string);
    raw: string;
    tagName: string;
  }
  export = CustomType;
}
