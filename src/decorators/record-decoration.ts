import { DecoratorError } from '../errors/decorator-error.js';
import { classSite, memberSite, type MemberSite } from './decorator-call.js';
import { installModelInitializer } from './init-decorated-model.js';
import { modelDecorations, type ModelDecorations } from './model-decorations.js';

/**
 * The record of the class a member decorator was applied to. Legacy decorators also make the
 * class registrable right away, so registering it without @Table names what is missing.
 * @internal
 */
export function memberRecord(decorator: string, args: readonly unknown[]): { record: ModelDecorations; site: MemberSite } {
  const site = memberSite(args);
  if (site.holder === undefined) throw DecoratorError.noMetadata(decorator);
  if (site.ownerClass !== undefined) installModelInitializer(site.ownerClass);
  return { record: modelDecorations.recordOn(site.holder), site };
}

/** The record of the class a class decorator was applied to; makes the class registrable. @internal */
export function classRecord(decorator: string, args: readonly unknown[]): ModelDecorations {
  const site = classSite(args);
  if (site.holder === undefined) throw DecoratorError.noMetadata(decorator);
  installModelInitializer(site.cls);
  return modelDecorations.recordOn(site.holder);
}
