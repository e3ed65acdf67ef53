import { DecoratorError } from '../../index.js';
import { classSite, memberSite, type MemberSite } from '../decorator-call.js';
import { entityDecorations, type EntityDecorations } from './entity-decorations.js';
import { installEntityInitializer } from './register-entity.js';

/** The record of the class a member decorator was applied to. @internal */
export function entityMemberRecord(decorator: string, args: readonly unknown[]): { record: EntityDecorations; site: MemberSite } {
  const site = memberSite(args);
  if (site.holder === undefined) throw DecoratorError.noMetadata(decorator);
  if (site.ownerClass !== undefined) installEntityInitializer(site.ownerClass);
  return { record: entityDecorations.recordOn(site.holder), site };
}

/** The record of the class `@Entity` was applied to; makes the class registrable. @internal */
export function entityClassRecord(decorator: string, args: readonly unknown[]): EntityDecorations {
  const site = classSite(args);
  if (site.holder === undefined) throw DecoratorError.noMetadata(decorator);
  installEntityInitializer(site.cls);
  return entityDecorations.recordOn(site.holder);
}
