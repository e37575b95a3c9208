import { AnalysisService, type AnalysisRequest } from "./analysis-service.ts";
import { serveRequests } from "./worker-pool.ts";

/**
 * The entry point of an analysis worker thread, bundled to `dist/analysis-worker.js`: it
 * runs the same `AnalysisService` the calling thread would, for the requests the pool
 * sends it (see `parallel-analysis.ts`).
 */
const service = new AnalysisService();
serveRequests((request: AnalysisRequest) => service.handle(request));
