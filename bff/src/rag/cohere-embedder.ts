import { networkReason } from './network-reason.js';
import { CohereClientV2 } from 'cohere-ai';
import { AppError } from '../platform/errors.js';
import { COHERE_MAX_RETRIES, cohereFailure } from './cohere-errors.js';
import type { EmbedInputType, Embedder } from './types.js';

/** Cohere's limit on texts per embed call. */
export const COHERE_EMBED_BATCH = 96;

/** Float dimensions per model; embed-v4.0 is 1536 unless output_dimension asks for fewer. */
const KNOWN_DIMENSIONS: Record<string, number> = {
  'embed-v4.0': 1536,
  'embed-english-v3.0': 1024,
  'embed-multilingual-v3.0': 1024,
  'embed-english-light-v3.0': 384,
  'embed-multilingual-light-v3.0': 384,
};

export interface CohereEmbedderConfig {
  apiKey: string;
  baseUrl?: string;
  embedModel: string;
  /** embed-v4.0 only: 256, 512, 1024 or 1536. Sent as output_dimension. */
  outputDimension?: number;
}

/**
 * Embeds with Cohere's v2 embed endpoint through the official client. For a model not in the table
 * the dimensions are learned from the first response (call `detectDimensions()` before `id` is
 * needed, e.g. before creating an index).
 */
export class CohereEmbedder implements Embedder {
  private readonly client: CohereClientV2;
  private readonly model: string;
  private readonly outputDimension?: number;
  private readonly timeoutMs: number;
  private dims: number;

  constructor(cfg: CohereEmbedderConfig, timeoutMs: number) {
    this.client = new CohereClientV2({
      token: cfg.apiKey,
      baseUrl: cfg.baseUrl,
      timeoutInSeconds: timeoutMs / 1000,
      maxRetries: COHERE_MAX_RETRIES,
    });
    this.model = cfg.embedModel;
    this.outputDimension = cfg.outputDimension;
    this.timeoutMs = timeoutMs;
    this.dims = cfg.outputDimension ?? KNOWN_DIMENSIONS[cfg.embedModel] ?? 0;
  }

  /** 0 until known, for a model missing from the table and not yet called. */
  get dimensions(): number {
    return this.dims;
  }

  get id(): string {
    return `cohere/${this.model}/${this.dims}`;
  }

  /** Learns the dimensions from one tiny call when the model is not in the table. */
  async detectDimensions(signal?: AbortSignal): Promise<number> {
    if (this.dims === 0) await this.embed(['dimension probe'], 'search_query', signal);
    return this.dims;
  }

  async embed(texts: string[], inputType: EmbedInputType, signal?: AbortSignal): Promise<number[][]> {
    const vectors: number[][] = [];
    for (let i = 0; i < texts.length; i += COHERE_EMBED_BATCH) {
      vectors.push(...(await this.embedBatch(texts.slice(i, i + COHERE_EMBED_BATCH), inputType, signal)));
    }
    return vectors;
  }

  private async embedBatch(
    texts: string[],
    inputType: EmbedInputType,
    signal?: AbortSignal,
  ): Promise<number[][]> {
    let floats: number[][] | undefined;
    try {
      const response = await this.withOneReconnect(signal, () =>
        this.client.embed(
          {
            model: this.model,
            texts,
            inputType,
            embeddingTypes: ['float'],
            ...(this.outputDimension !== undefined ? { outputDimension: this.outputDimension } : {}),
          },
          { timeoutInSeconds: this.timeoutMs / 1000, maxRetries: COHERE_MAX_RETRIES, abortSignal: signal },
        ),
      );
      floats = response.embeddings.float;
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw cohereFailure(error, 'EMBEDDER_UNAVAILABLE', this.timeoutMs);
    }
    return this.checked(floats, texts.length);
  }

  /**
   * Embedding is idempotent, so a connection the server closed under us (typically a pooled
   * keep-alive socket it had already dropped, which the client does not retry) is tried once more.
   */
  private async withOneReconnect<T>(signal: AbortSignal | undefined, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (signal?.aborted || networkReason(error) !== 'connection closed') throw error;
      return call();
    }
  }

  private checked(floats: number[][] | undefined, expected: number): number[][] {
    const width = floats?.[0]?.length ?? 0;
    if (!floats || floats.length !== expected || width === 0 || floats.some((v) => v.length !== width)) {
      throw new AppError(
        'EMBEDDER_UNAVAILABLE',
        'Cohere embed returned an unexpected response (no float embeddings)',
      );
    }
    if (this.dims === 0) this.dims = width;
    if (width !== this.dims) {
      throw new AppError(
        'EMBEDDER_UNAVAILABLE',
        `Cohere embed returned ${width}-dimensional vectors; ${this.model} was expected to give ${this.dims}`,
      );
    }
    return floats;
  }
}
