import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  defaultFaults,
  sendJson,
  sleep,
  startFake,
  type FakeServer,
  type FaultSwitches,
} from './http-fake.js';

/**
 * A local server speaking the part of Qdrant's REST API that @qdrant/js-client-rest calls for us,
 * with Qdrant's envelope `{result, status:"ok", time}` and its `{status:{error}}` failures.
 * Collections live in memory; query is brute-force cosine.
 */
export type FakeQdrant = FakeServer<FaultSwitches> & { collections: Map<string, FakeCollection> };

export interface FakeCollection {
  size: number;
  distance: Distance;
  metadata: Record<string, unknown> | null;
  indexes: Record<string, unknown>;
  points: Map<string, { vector: number[]; payload: Record<string, unknown> }>;
}

type Distance = 'Cosine' | 'Dot' | 'Euclid' | 'Manhattan';

/** Qdrant accepts any hex UUID and unsigned integers, and answers with the hyphenated lowercase form. */
const PointId = z
  .union([z.guid(), z.number().int().nonnegative()])
  .transform((id) => String(id).toLowerCase());
const Payload = z.record(z.string(), z.unknown());
const WithPayload = z.union([z.boolean(), z.array(z.string())]);

const CreateCollection = z
  .object({
    vectors: z
      .object({
        size: z.number().int().positive(),
        distance: z.enum(['Cosine', 'Dot', 'Euclid', 'Manhattan']),
      })
      .strict(),
    metadata: Payload.nullable().optional(),
    on_disk_payload: z.boolean().optional(),
  })
  .strict();
const CreateIndex = z
  .object({
    field_name: z.string().min(1),
    field_schema: z.union([
      z.enum(['keyword', 'integer', 'float', 'geo', 'text', 'bool', 'datetime', 'uuid']),
      z.object({ type: z.string() }).loose(),
    ]),
  })
  .strict();
const Upsert = z
  .object({
    points: z
      .array(z.object({ id: PointId, vector: z.array(z.number()), payload: Payload.optional() }).strict())
      .min(1),
  })
  .strict();
const Delete = z.object({ points: z.array(PointId) }).strict();
const Scroll = z
  .object({
    limit: z.number().int().positive().optional(),
    offset: PointId.nullable().optional(),
    with_payload: WithPayload.optional(),
    with_vector: z.boolean().optional(),
  })
  .strict();
const Query = z
  .object({
    query: z.array(z.number()),
    limit: z.number().int().positive().optional(),
    offset: z.number().int().nonnegative().optional(),
    with_payload: WithPayload.optional(),
    with_vector: z.boolean().optional(),
    score_threshold: z.number().optional(),
  })
  .strict();

const ok = (res: ServerResponse, result: unknown) =>
  sendJson(res, 200, { result, status: 'ok', time: 0.0001 });
const fail = (res: ServerResponse, status: number, error: string) =>
  sendJson(res, status, { status: { error }, time: 0.0001 });
const qdrantError = (_status: number, error: string) => ({ status: { error }, time: 0.0001 });

function invalid(res: ServerResponse, error: z.ZodError): void {
  fail(res, 400, `Format error in JSON body: ${z.prettifyError(error)}`);
}

function pick(payload: Record<string, unknown>, selector: z.infer<typeof WithPayload> | undefined) {
  if (selector === undefined || selector === false) return undefined;
  if (selector === true) return payload;
  return Object.fromEntries(selector.filter((k) => k in payload).map((k) => [k, payload[k]]));
}

/** Integer ids go back as numbers, UUIDs as strings, like Qdrant. */
const outId = (id: string): string | number => (/^\d+$/.test(id) ? Number(id) : id);

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

const dimensionError = (expected: number, got: number) =>
  `Wrong input: Vector dimension error: expected dim: ${expected}, got ${got}`;

export async function startFakeQdrant(
  options: { port?: number; host?: string; apiKey?: string } = {},
): Promise<FakeQdrant> {
  const collections = new Map<string, FakeCollection>();
  const fake = await startFake<FaultSwitches>(
    { port: options.port, host: options.host, defaults: defaultFaults, errorBody: qdrantError },
    async (req, res, server) => {
      await sleep(server.behaviour.delayMs, res);
      if (options.apiKey !== undefined && req.headers['api-key'] !== options.apiKey) {
        return fail(res, 401, 'Invalid api-key');
      }
      if (req.method === 'GET' && req.path === '/') {
        return sendJson(res, 200, {
          title: 'qdrant - vector search engine',
          version: '1.18.0',
          commit: 'fake',
        });
      }
      const match = req.path.match(/^\/collections\/([^/]+)(\/.*)?$/);
      if (!match) return fail(res, 404, `Not found: ${req.path}`);
      const name = decodeURIComponent(match[1]!);
      const rest = match[2] ?? '';
      const route = `${req.method} ${rest}`;
      const collection = collections.get(name);

      if (route === 'GET /exists') return ok(res, { exists: collection !== undefined });
      if (route === 'PUT ') {
        const body = CreateCollection.safeParse(req.body);
        if (!body.success) return invalid(res, body.error);
        if (collection) return fail(res, 409, `Wrong input: Collection \`${name}\` already exists!`);
        const { size, distance } = body.data.vectors;
        collections.set(name, {
          size,
          distance,
          metadata: body.data.metadata ?? null,
          indexes: {},
          points: new Map(),
        });
        return ok(res, true);
      }
      if (route === 'DELETE ') return ok(res, collections.delete(name));
      if (!collection) return fail(res, 404, `Not found: Collection \`${name}\` doesn't exist!`);

      switch (route) {
        case 'GET ':
          return ok(res, describe(collection));
        case 'PUT /index': {
          const body = CreateIndex.safeParse(req.body);
          if (!body.success) return invalid(res, body.error);
          collection.indexes[body.data.field_name] = body.data.field_schema;
          return ok(res, {
            operation_id: 0,
            status: req.query.wait === 'true' ? 'completed' : 'acknowledged',
          });
        }
        case 'PUT /points': {
          const body = Upsert.safeParse(req.body);
          if (!body.success) return invalid(res, body.error);
          const wrong = body.data.points.find((p) => p.vector.length !== collection.size);
          if (wrong) return fail(res, 400, dimensionError(collection.size, wrong.vector.length));
          for (const p of body.data.points)
            collection.points.set(p.id, { vector: p.vector, payload: p.payload ?? {} });
          return ok(res, {
            operation_id: 1,
            status: req.query.wait === 'true' ? 'completed' : 'acknowledged',
          });
        }
        case 'POST /points/delete': {
          const body = Delete.safeParse(req.body);
          if (!body.success) return invalid(res, body.error);
          for (const id of body.data.points) collection.points.delete(id);
          return ok(res, {
            operation_id: 2,
            status: req.query.wait === 'true' ? 'completed' : 'acknowledged',
          });
        }
        case 'POST /points/scroll': {
          const body = Scroll.safeParse(req.body ?? {});
          if (!body.success) return invalid(res, body.error);
          return ok(res, scroll(collection, body.data));
        }
        case 'POST /points/query': {
          const body = Query.safeParse(req.body);
          if (!body.success) return invalid(res, body.error);
          if (body.data.query.length !== collection.size) {
            return fail(res, 400, dimensionError(collection.size, body.data.query.length));
          }
          return ok(res, { points: query(collection, body.data) });
        }
        default:
          return fail(res, 404, `Not found: ${req.method} ${req.path}`);
      }
    },
  );
  return Object.assign(fake, { collections });
}

function describe(c: FakeCollection) {
  return {
    status: 'green',
    optimizer_status: 'ok',
    indexed_vectors_count: 0,
    points_count: c.points.size,
    segments_count: 1,
    config: {
      params: { vectors: { size: c.size, distance: c.distance }, shard_number: 1, replication_factor: 1 },
      hnsw_config: { m: 16, ef_construct: 100, full_scan_threshold: 10000 },
      optimizer_config: { deleted_threshold: 0.2, vacuum_min_vector_number: 1000, default_segment_number: 0 },
      ...(c.metadata ? { metadata: c.metadata } : {}),
    },
    payload_schema: Object.fromEntries(
      Object.entries(c.indexes).map(([field, schema]) => [
        field,
        { data_type: schema, points: c.points.size },
      ]),
    ),
  };
}

/** Qdrant scrolls in id order and hands back the next id as the page offset. */
function scroll(c: FakeCollection, body: z.infer<typeof Scroll>) {
  const ids = [...c.points.keys()].sort();
  const start = body.offset == null ? 0 : ids.findIndex((id) => id >= body.offset!);
  const limit = body.limit ?? 10;
  const page = start < 0 ? [] : ids.slice(start, start + limit);
  const next = start < 0 ? undefined : ids[start + limit];
  return {
    points: page.map((id) => {
      const point = c.points.get(id)!;
      return {
        id: outId(id),
        payload: pick(point.payload, body.with_payload ?? true),
        ...(body.with_vector ? { vector: point.vector } : {}),
      };
    }),
    next_page_offset: next === undefined ? null : outId(next),
  };
}

function query(c: FakeCollection, body: z.infer<typeof Query>) {
  const scored = [...c.points.entries()]
    .map(([id, p]) => ({ id, score: cosine(body.query, p.vector), point: p }))
    .filter((s) => body.score_threshold === undefined || s.score >= body.score_threshold)
    .sort((a, b) => b.score - a.score);
  const offset = body.offset ?? 0;
  return scored.slice(offset, offset + (body.limit ?? 10)).map(({ id, score, point }) => ({
    id: outId(id),
    version: 0,
    score,
    payload: pick(point.payload, body.with_payload),
    ...(body.with_vector ? { vector: point.vector } : {}),
  }));
}
