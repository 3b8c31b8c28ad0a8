/**
 * The web app: portal pages and the JSON API over one store. Thin: parse the request, call the
 * store, render. One error handler for everything (errors.ts).
 *
 * @example
 *   const app = createApp(store, config);
 *   const res = await app.request("/api/departments?q=人社");
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import type { Config } from "../config.ts";
import type { Store } from "../store/index.ts";
import { apiRoutes } from "./api/routes.ts";
import { registerAssets } from "./assets.ts";
import { PortalData } from "./data.ts";
import { PdfService } from "./downloads.ts";
import { httpError, notFound, onError } from "./errors.ts";
import { registerApiDocs } from "./pages/api-docs.ts";
import { registerCompare } from "./pages/compare.ts";
import { registerDepartment } from "./pages/department.ts";
import { registerHome } from "./pages/home.ts";
import { registerRegion } from "./pages/region.ts";
import { registerUpload } from "./pages/upload.ts";

export interface AppOptions {
  /** the PDF service to use (and close); by default one is made, opened on the first PDF request */
  pdf?: PdfService | undefined;
}

const services = new WeakMap<Hono, { pdf: PdfService }>();

/** Releases what the app holds (the PDF browser, if it was opened). Call on server shutdown. */
export async function closeApp(app: Hono): Promise<void> {
  await services.get(app)?.pdf.close();
}

export function createApp(store: Store, config: Config, opts: AppOptions = {}): Hono {
  const app = new Hono();
  const data = new PortalData(store);
  const pdf = opts.pdf ?? new PdfService(store, { executablePath: config.chromiumPath });
  services.set(app, { pdf });
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
    }),
  );
  // Uploads: refuse oversized bodies before reading them.
  app.use(
    "/upload",
    bodyLimit({
      maxSize: config.maxUploadBytes + 256 * 1024,
      onError: () => {
        throw httpError(413, `文件太大：上限 ${Math.floor(config.maxUploadBytes / 1024 / 1024)} MB`);
      },
    }),
  );
  app.route("/api", apiRoutes(store, config, data));
  registerHome(app, store);
  registerAssets(app);
  registerDepartment(app, store, data, pdf);
  registerCompare(app, store, data);
  registerRegion(app, store);
  registerUpload(app, store, config);
  registerApiDocs(app);
  app.get("/healthz", (c) => c.text("ok"));
  app.notFound(notFound);
  app.onError(onError);
  return app;
}
