import type { ModulesContainer } from '@nestjs/core';
import { DEFAULT_CONNECTION_NAME } from './tokens.js';

const FEATURE_MODEL = Symbol.for('relata.nestjs.featureModel');

/** What a forFeature() provider factory carries, so the connection can find its models. @internal */
interface FeatureModelTag {
  readonly model: unknown;
  readonly connection: string;
}

/** Marks a forFeature() provider factory as providing `model` on `connection`. @internal */
export function tagFeatureFactory<F extends object>(factory: F, model: unknown, connection: string): F {
  Object.defineProperty(factory, FEATURE_MODEL, { value: { model, connection } satisfies FeatureModelTag });
  return factory;
}

/**
 * The models every forFeature() of this application declares for `connection`, found in the
 * application's own module graph (not in a process-wide list, so several applications in one
 * process, as tests build them, never see each other's models).
 * @internal
 */
export function featureModels(modules: ModulesContainer, connection: string | undefined): unknown[] {
  const name = connection ?? DEFAULT_CONNECTION_NAME;
  const models = new Set<unknown>();
  for (const module of modules.values()) {
    for (const wrapper of module.providers.values()) {
      const tag = (wrapper.metatype as { [FEATURE_MODEL]?: FeatureModelTag } | null)?.[FEATURE_MODEL];
      if (tag?.connection === name) models.add(tag.model);
    }
  }
  return [...models];
}
