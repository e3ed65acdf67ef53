/**
 * A minimal Nest HTTP adapter on node:http, so the NestJS test can send real HTTP requests
 * without a platform package (@nestjs/platform-express is not a dependency of this repository).
 * It supports what the test's controllers use: GET/POST/PUT/DELETE routes with `:param` segments,
 * JSON bodies, status codes and JSON replies, and Nest's not-found and error handlers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { RequestMethod } from '@nestjs/common';
import { AbstractHttpAdapter } from '@nestjs/core';

type Request = IncomingMessage & { body?: unknown; params?: Record<string, string>; query?: Record<string, string> };
type Handler = (req: Request, res: ServerResponse, next: () => void) => unknown;

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly keys: readonly string[];
  readonly handler: Handler;
}

function compile(path: string): { pattern: RegExp; keys: string[] } {
  const keys: string[] = [];
  const source = path.replace(/\/+$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_m, key: string) => {
    keys.push(key);
    return '([^/]+)';
  });
  return { pattern: new RegExp(`^${source}/?$`), keys };
}

export class NodeHttpAdapter extends AbstractHttpAdapter<Server, Request, ServerResponse> {
  readonly #routes: Route[] = [];
  #parseJson = false;
  #notFound: Handler | undefined;
  #onError: ((error: unknown, req: Request, res: ServerResponse, next: () => void) => unknown) | undefined;

  constructor() {
    super({});
  }

  #route(method: string, args: unknown[]): void {
    const [path, handler] = (typeof args[0] === 'function' ? ['/', args[0]] : args) as [string, Handler];
    this.#routes.push({ method, ...compile(path), handler });
  }

  override get(...args: unknown[]): void { this.#route('GET', args); }
  override post(...args: unknown[]): void { this.#route('POST', args); }
  override put(...args: unknown[]): void { this.#route('PUT', args); }
  override delete(...args: unknown[]): void { this.#route('DELETE', args); }
  override use(): void {}

  async #handle(req: Request, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    req.query = Object.fromEntries(url.searchParams);
    try {
      if (this.#parseJson && (req.headers['content-type'] ?? '').includes('application/json')) {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        req.body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      }
      for (const route of this.#routes) {
        const match = route.method === req.method ? route.pattern.exec(url.pathname) : null;
        if (!match) continue;
        req.params = Object.fromEntries(route.keys.map((key, i) => [key, decodeURIComponent(match[i + 1] ?? '')]));
        await route.handler(req, res, () => undefined);
        return;
      }
      await this.#notFound?.(req, res, () => undefined);
    } catch (error) {
      if (this.#onError) await this.#onError(error, req, res, () => undefined);
      else this.reply(res, { message: String(error) }, 500);
    }
  }

  initHttpServer(): void {
    this.httpServer = createServer((req, res) => void this.#handle(req as Request, res));
  }

  override listen(port: string | number, ...args: unknown[]): Server {
    const callback = args.find((a): a is () => void => typeof a === 'function');
    return this.httpServer.listen(Number(port), '127.0.0.1', callback);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.httpServer?.listening) return resolve();
      this.httpServer.close(() => resolve());
      this.httpServer.closeAllConnections();
    });
  }

  registerParserMiddleware(): void {
    this.#parseJson = true;
  }

  setErrorHandler(handler: (error: unknown, req: Request, res: ServerResponse, next: () => void) => unknown): void {
    this.#onError = handler;
  }

  setNotFoundHandler(handler: Handler): void {
    this.#notFound = handler;
  }

  status(res: ServerResponse, statusCode: number): void {
    res.statusCode = statusCode;
  }

  reply(res: ServerResponse, body: unknown, statusCode?: number): void {
    if (statusCode !== undefined) res.statusCode = statusCode;
    if (body === undefined || body === null) {
      res.end();
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  }

  end(res: ServerResponse, message?: string): void {
    res.end(message);
  }

  isHeadersSent(res: ServerResponse): boolean {
    return res.headersSent;
  }

  getHeader(res: ServerResponse, name: string): unknown {
    return res.getHeader(name);
  }

  setHeader(res: ServerResponse, name: string, value: string): void {
    res.setHeader(name, value);
  }

  appendHeader(res: ServerResponse, name: string, value: string): void {
    res.appendHeader(name, value);
  }

  getRequestHostname(req: Request): string {
    return req.headers.host ?? '';
  }

  getRequestMethod(req: Request): string {
    return req.method ?? 'GET';
  }

  getRequestUrl(req: Request): string {
    return req.url ?? '/';
  }

  getType(): string {
    return 'node-http';
  }

  createMiddlewareFactory(_method: RequestMethod): (path: string, callback: Function) => void {
    return () => undefined;
  }

  applyVersionFilter(handler: Function): (req: Request, res: ServerResponse, next: () => void) => Function {
    return handler as (req: Request, res: ServerResponse, next: () => void) => Function;
  }

  useStaticAssets(): void {}
  setViewEngine(): void {}
  render(): void {}
  redirect(res: ServerResponse, statusCode: number, url: string): void {
    res.statusCode = statusCode;
    res.setHeader('location', url);
    res.end();
  }
  enableCors(): void {}
}
