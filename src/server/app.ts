/**
 * The web app: portal pages and the JSON API over one store. Thin: parse the request, call the
 * store, render. One error handler for everything (errors.ts).
 *
 * @example
 *   const app = createApp(store, config);
 *   const res = await app.request("/api/departments?q=人社");
 */
import { type Context, Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { Config } from "../config.ts";
import type { Store } from "../store/index.ts";
import { Admission } from "./admission.ts";
import { apiRoutes } from "./api/routes.ts";
import { registerAssets } from "./assets.ts";
import { Auth } from "./auth.ts";
import { bodyLimits } from "./body.ts";
import { PortalData } from "./data.ts";
import { PdfService } from "./downloads.ts";
import { compression } from "./encoding.ts";
import { httpError, notFound, onError } from "./errors.ts";
import { LoopLag } from "./loop-lag.ts";
import { allowedMethods } from "./methods.ts";
import { registerApiDocs } from "./pages/api-docs.ts";
import { registerAudits } from "./pages/audits.ts";
import { registerCompare } from "./pages/compare.ts";
import { registerDepartment } from "./pages/department.ts";
import { registerHome } from "./pages/home.ts";
import { registerRegion } from "./pages/region.ts";
import { registerUpload } from "./pages/upload.ts";

export interface AppOptions {
  /** the PDF service to use (and close); by default one is made, opened on the first PDF request */
  pdf?: PdfService | undefined;
  /** the clock for the failed-token window and the queue (tests); Date.now by default */
  now?: (() => number) | undefined;
  /** the event loop's lateness in ms (tests); measured by a LoopLag by default */
  loopLag?: (() => number) | undefined;
}

const services = new WeakMap<Hono, { pdf: PdfService; lag: LoopLag }>();

/** Releases what the app holds (the PDF browser, if it was opened; the lag timer). Call on server shutdown. */
export async function closeApp(app: Hono): Promise<void> {
  const s = services.get(app);
  s?.lag.stop();
  await s?.pdf.close();
}

export function createApp(store: Store, config: Config, opts: AppOptions = {}): Hono {
  const app = new Hono();
  const data = new PortalData(store);
  const pdf = opts.pdf ?? new PdfService(store, { executablePath: config.chromiumPath });
  const auth = new Auth(store, config.limits, opts.now);
  const lag = new LoopLag();
  if (!opts.loopLag) lag.start();
  services.set(app, { pdf, lag });
  // Outermost, so it sees each response as finished: compresses what the routes did not (encoding.ts).
  app.use(compression());
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      crossOriginResourcePolicy: "same-origin",
      // a route's own stricter header (the chart SVGs' CSP) is kept
      overwrite: false,
    }),
  );
  // A NUL in a query string is never meant (PostgreSQL refuses it; SQLite's LIKE stops at it).
  app.use(async (c, next) => {
    const q = c.req.url.indexOf("?");
    if (q >= 0 && /%00/.test(c.req.url.slice(q))) throw httpError(400, "请求参数中含有 NUL 字符");
    return next();
  });
  // Overload: a bounded number of requests at once and in line; 503 + Retry-After beyond.
  app.use(new Admission(config.limits, opts.now, opts.loopLag ?? (() => lag.ms)).middleware());
  // Every body is limited before it is read: uploads to maxUploadBytes, everything else to a form's size.
  app.use(bodyLimits(config));
  app.route("/api", apiRoutes(store, config, data, auth));
  registerHome(app, store);
  registerAssets(app);
  registerDepartment(app, store, data, pdf);
  registerCompare(app, store, data);
  registerRegion(app, store);
  registerUpload(app, store, config, auth);
  registerApiDocs(app);
  registerAudits(app, store);
  app.get("/healthz", (c) => c.text("ok"));
  // No route for this method: 405 with Allow when the path exists for other methods, else 404.
  app.notFound((c: Context) => {
    const allow = allowedMethods(app.routes, c.req.path);
    if (allow.length > 0 && !allow.includes(c.req.method))
      return onError(
        httpError(405, `此地址不支持 ${c.req.method.slice(0, 20)} 请求；可用：${allow.join("、")}`, {
          Allow: allow.join(", "),
        }),
        c,
      );
    return notFound(c);
  });
  app.onError(onError);
  return app;
}
