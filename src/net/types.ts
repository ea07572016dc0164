// The contract of the one outbound HTTP client (discovery, sending, verification all use it).

export interface HttpRequestOptions {
  method?: 'GET' | 'POST' | 'HEAD';
  headers?: Record<string, string>;
  body?: string;
  /** Stop reading after this many bytes (default 1 MB); the result says whether it was cut. */
  maxBytes?: number;
  /** Fail with kind "too_large" instead of truncating when the body is over maxBytes. */
  failIfTooLarge?: boolean;
  /** Overall time limit in ms (default 10 s). */
  timeoutMs?: number;
  /** Redirects to follow, each re-checked by the guard (default 5; 0 returns the 3xx itself). */
  maxRedirects?: number;
  /** Keep the body as bytes (`bytes`), not text: a file fetched for the media library (the importer). */
  binary?: boolean;
}

export interface HttpResult {
  /** The URL finally answered, after redirects. */
  url: string;
  status: number;
  /** Header names lower-cased; repeated headers joined as an array. */
  headers: Record<string, string | string[]>;
  body: string;
  /** The body as received, undecoded (an author photo, a fetched attachment); with `binary`, body is ''. */
  bytes: Buffer;
  truncated: boolean;
}

export type HttpErrorKind = 'bad_url' | 'blocked' | 'timeout' | 'too_large' | 'too_many_redirects' | 'network';

export class HttpError extends Error {
  constructor(readonly kind: HttpErrorKind, message: string) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface HttpClient {
  request(url: string, opts?: HttpRequestOptions): Promise<HttpResult>;
}
